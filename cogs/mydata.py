"""/mydata: any member sees what Khitomer holds about them, takes a copy, or has it forgotten
(issue #24). Every answer is private; the forget asks first, with buttons that survive a restart,
answer only the member who asked, and expire."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.application.app import KhitomerBot
from bot.application.checks import requires
from bot.application.components import Fields, RestartProof
from bot.domain.errors import NotAllowed
from bot.domain.member_data import NO_SERVER
from bot.services.lazy import OnFirstUse
from cogs._confirm import answer, choice_button

if TYPE_CHECKING:
    from bot.services import member_data
    from bot.ui import member_data as texts
else:  # loaded with the first /mydata command (issue #21, point 5: memory)
    member_data = OnFirstUse("bot.services.member_data")
    texts = OnFirstUse("bot.ui.member_data")

CONFIRM_MINUTES = 10  # what was shown before the question may have changed after that
NOTHING_HELD = "Khitomer holds nothing about you, in this server or any other: there is nothing to forget."
EXPIRED = "This question has expired: run /mydata forget again to be asked afresh. Nothing was changed."


def now() -> int:
    return int(discord.utils.utcnow().timestamp())  # Discord's clock: tests move it with SimCord


def server_name(bot: KhitomerBot, guild_id: int) -> str:
    """A server as the member may read it: its name where this process sees it, never its id."""
    if guild_id == NO_SERVER:
        return "Outside any server (direct messages)"
    guild = bot.get_guild(guild_id)
    if guild is not None:
        return guild.name
    if bot.runs_guild(guild_id):  # its shard is ours, and it is not among our servers
        return "A server the bot has left"
    return "Another server (its name is not known here)"


class ForgetButton(
    RestartProof[discord.ui.Button[Any]],
    template=r"mydata:forget:(?P<user>[0-9]+):(?P<asked>[0-9]+):(?P<choice>yes|no)",
):
    """Forget the member who asked (`asked`: when, in seconds), or keep everything."""

    def __init__(self, user_id: int, asked: int, choice: str) -> None:
        custom_id = f"mydata:forget:{user_id}:{asked}:{choice}"
        super().__init__(choice_button(custom_id, choice, "Forget me", "Keep everything"))
        self.user_id, self.asked, self.choice = user_id, asked, choice

    @classmethod
    def from_fields(cls, fields: Fields) -> ForgetButton:
        return cls(fields.id("user"), fields.id("asked"), fields.text("choice"))

    async def act(self, interaction: discord.Interaction) -> None:
        bot = interaction.client
        assert isinstance(bot, KhitomerBot)

        async def confirmed() -> None:
            if not 0 <= now() - self.asked <= CONFIRM_MINUTES * 60:
                raise NotAllowed(EXPIRED)
            try:
                done = await member_data.forget(bot.db, self.user_id)
            except member_data.StillSeated as seated:
                raise NotAllowed(
                    texts.still_seated_text(
                        seated.running, interaction.guild_id, lambda g: server_name(bot, g)
                    )
                ) from None
            await interaction.response.edit_message(content=texts.forgotten_text(done), view=None)

        await answer(
            interaction,
            asker_id=self.user_id,
            choice=self.choice,
            kept="Kept. Nothing was forgotten.",
            confirmed=confirmed,
        )


@requires()  # any member, anywhere: it is about themselves
class MyData(
    commands.GroupCog,
    group_name="mydata",
    group_description="What Khitomer holds about you: see it, take a copy, have it forgotten.",
    group_extras={"area": "General"},
):
    def __init__(self, bot: KhitomerBot) -> None:
        self.bot = bot
        super().__init__()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(ForgetButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(ForgetButton)

    def _name(self, guild_id: int) -> str:
        return server_name(self.bot, guild_id)

    @app_commands.command(
        name="show", description="What Khitomer holds about you, here and in other servers."
    )
    async def show(self, interaction: discord.Interaction) -> None:
        held = await member_data.held(self.bot.db, interaction.user.id)
        embed = texts.held_embed(held, interaction.guild_id, self._name)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="export", description="A file of everything Khitomer holds about you.")
    async def export(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        at = discord.utils.utcnow().isoformat(timespec="seconds")
        data = await member_data.export(self.bot.db, interaction.user.id, self._name, at)
        file = discord.File(io.BytesIO(data), filename="khitomer-my-data.json")
        said = "Everything Khitomer holds about you, in every server: a JSON file to keep."
        await interaction.followup.send(said, file=file, ephemeral=True)

    @app_commands.command(name="forget", description="Delete what is yours and take your name off the rest.")
    async def forget(self, interaction: discord.Interaction) -> None:
        user = interaction.user.id
        if running := await member_data.running(self.bot.db, user):
            raise NotAllowed(texts.still_seated_text(running, interaction.guild_id, self._name))
        if not await member_data.held(self.bot.db, user):
            await interaction.response.send_message(NOTHING_HELD, ephemeral=True)
            return
        view = discord.ui.View(timeout=None)
        asked = now()
        view.add_item(ForgetButton(user, asked, "yes"))
        view.add_item(ForgetButton(user, asked, "no"))
        await interaction.response.send_message(
            texts.forget_question(CONFIRM_MINUTES), view=view, ephemeral=True
        )


async def setup(bot: KhitomerBot) -> None:
    await bot.add_cog(MyData(bot))
