"""/config: moderators decide how Khitomer behaves in their server."""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.application.app import KhitomerBot
from bot.application.checks import ensure, requires
from bot.application.components import Fields, RestartProof
from bot.domain.access import Rule
from bot.domain.errors import InvalidInput
from bot.domain.guild_config import SETTINGS, GuildConfig, Kind, Setting, normalise_value
from bot.domain.guild_config import setting as find_setting
from bot.domain.inert import inert
from bot.domain.paging import paginate
from bot.services.guild_config import ConfigService
from bot.ui.embeds import info_embed
from bot.ui.pager import send_pages
from cogs._confirm import answer, choice_button

from ._archive import ArchiveCommands, ImportButton
from ._explain import bot_layer, bot_lines, command_name, discord_layer, find_command, known_commands

GameChannel = discord.TextChannel | discord.CategoryChannel


def service_of(client: discord.Client) -> ConfigService:
    service = getattr(client, "guild_config", None)
    if not isinstance(service, ConfigService):
        raise RuntimeError("the bot's settings service is not set up")
    return service


# The group defaults to Manage Server in Discord, but server admins can change that in
# Integrations: the bot's own rule holds whatever they choose, on commands and buttons alike.
SETTINGS_RULE = Rule(manage_server=True)


def config_lines(config: GuildConfig) -> list[str]:
    lines = ["**Areas**"]
    lines += [
        f"`{area}` — {'on' if config.area_enabled(area) else 'off'}"
        for area in ("lore", "treaties", "accords")
    ]
    lines.append("**Settings**")
    for name, item in SETTINGS.items():
        changed = "" if (name, 0) not in config.values else " *(changed)*"
        lines.append(f"`{name}` — {config.shown(name)}{changed} · {item.description}")
        for (other, scope), _value in sorted(config.values.items()):
            if other == name and scope:
                lines.append(f"  ↳ in <#{scope}>: {config.shown(name, scope)}")
    return lines


def refuse_other_servers(guild_id: int, channel: GameChannel | None, role: discord.Role | None) -> None:
    """Discord only offers this server's channels and roles; forged options are still refused."""
    if channel is not None and channel.guild.id != guild_id:
        raise InvalidInput("That channel belongs to another server.")
    # discord.py gives a resolved role the interaction's server, whatever its id: look it up there
    if role is not None and (role.guild.id != guild_id or role.guild.get_role(role.id) is None):
        raise InvalidInput("That role belongs to another server.")


class ResetButton(
    RestartProof[discord.ui.Button[Any]],
    template=r"config:reset:(?P<user>[0-9]+):(?P<setting>[a-z_.]{1,40}|\*):(?P<choice>yes|no)",
):
    def __init__(self, user_id: int, name: str, choice: str) -> None:
        super().__init__(choice_button(f"config:reset:{user_id}:{name}:{choice}", choice, "Reset", "Keep"))
        self.user_id, self.name, self.choice = user_id, name, choice

    @classmethod
    def from_fields(cls, fields: Fields) -> ResetButton:
        return cls(fields.id("user"), fields.text("setting"), fields.text("choice"))

    async def act(self, interaction: discord.Interaction) -> None:
        async def confirmed() -> None:
            await ensure(interaction, SETTINGS_RULE)
            assert interaction.guild_id is not None
            if self.name != "*" and self.name not in SETTINGS:
                raise InvalidInput("There is no such setting.")
            await service_of(interaction.client).clear(
                interaction.guild_id, None if self.name == "*" else self.name
            )
            what = "Every setting is" if self.name == "*" else f"`{self.name}` is"
            await interaction.response.edit_message(content=f"{what} back to its default.", view=None)

        await answer(
            interaction,
            asker_id=self.user_id,
            choice=self.choice,
            kept="Kept. Nothing was reset.",
            confirmed=confirmed,
            asker="moderator",
        )


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
@requires(SETTINGS_RULE)
class Config(
    ArchiveCommands,
    commands.GroupCog,
    group_name="config",
    group_description="Moderators: how Khitomer behaves in this server.",
    group_extras={"area": "Configuration"},
):
    def __init__(self, bot: KhitomerBot) -> None:
        self.bot = bot
        super().__init__()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(ResetButton, ImportButton)
        self.bot.page_sources.register("config_show", self._show_pages)

    @property
    def service(self) -> ConfigService:
        return service_of(self.bot)

    async def _show_pages(self, interaction: discord.Interaction, _arg: str) -> list[discord.Embed]:
        await ensure(interaction, SETTINGS_RULE)  # a page button on an old message, too
        config = await self.service.get(interaction.guild_id)
        pages = paginate(config_lines(config), max_chars=3000, max_lines=14)
        return [info_embed("Khitomer settings for this server", page) for page in pages]

    @app_commands.command(name="show", description="Every setting and its value here.")
    async def show(self, interaction: discord.Interaction) -> None:
        await send_pages(interaction, "config_show", await self._show_pages(interaction, ""))

    @app_commands.command(name="set", description="Change a setting.")
    @app_commands.describe(
        setting="Which setting (autocompletes)",
        value="on/off, a duration (10m, 2d), a listed value, or add/remove/clear for a list of channels",
        channel="A channel: for game.channels or citations.channels, or answers.visibility there only",
        role="The role, for gm_role",
    )
    async def set_(
        self,
        interaction: discord.Interaction,
        setting: app_commands.Range[str, 1, 40],
        value: app_commands.Range[str, 1, 40] | None = None,
        channel: GameChannel | None = None,
        role: discord.Role | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        item = find_setting(setting)
        refuse_other_servers(interaction.guild_id, channel, role)
        config = await self.service.get(interaction.guild_id)
        stored, scope, shown_in = self._new_value(item, config, value, channel, role)
        await self.service.put(interaction.guild_id, item.name, stored, scope)
        fresh = await self.service.get(interaction.guild_id)
        where = f" in {channel.mention}" if shown_in and channel is not None else ""
        await interaction.response.send_message(
            f"`{item.name}`{where} is now {fresh.shown(item.name, scope)}.", ephemeral=True
        )

    def _new_value(
        self,
        item: Setting,
        config: GuildConfig,
        value: str | None,
        channel: GameChannel | None,
        role: discord.Role | None,
    ) -> tuple[str, int, bool]:
        if item.kind is Kind.ROLE:
            if role is None and (value or "").strip().casefold() not in {"none", "clear"}:
                raise InvalidInput("Give the role option, or value `none` to clear it.")
            return (str(role.id) if role else "", 0, False)
        if item.kind is Kind.CHANNELS:
            action = (value or "").strip().casefold()
            current = list(config.channels(item.name))
            if action == "clear":
                return "", 0, False
            if action not in {"add", "remove"} or channel is None:
                raise InvalidInput(
                    f"For {item.name}: value add or remove with the channel option, or value clear."
                )
            if action == "add" and channel.id not in current:
                current.append(channel.id)
            if action == "remove":
                current = [c for c in current if c != channel.id]
            return ",".join(map(str, current)), 0, False
        if value is None:
            raise InvalidInput(f"Give a value: {item.name} takes {item.kind.value}.")
        if channel is not None and not item.per_channel:
            raise InvalidInput(f"{item.name} is set for the whole server, not per channel.")
        return normalise_value(item, value), channel.id if channel is not None else 0, channel is not None

    @app_commands.command(name="area", description="Turn lore, treaties or accords on or off here.")
    async def area(
        self, interaction: discord.Interaction, name: Literal["lore", "treaties", "accords"], enabled: bool
    ) -> None:
        assert interaction.guild_id is not None
        await self.service.set_area(interaction.guild_id, name, enabled)
        state = "on" if enabled else "off: its commands and buttons now answer that it is turned off"
        await interaction.response.send_message(f"{name.capitalize()} is {state}.", ephemeral=True)

    @app_commands.command(name="reset", description="Put one setting, or all of them, back to the default.")
    @app_commands.describe(setting="The setting to reset; leave empty for every setting and area")
    async def reset(
        self, interaction: discord.Interaction, setting: app_commands.Range[str, 1, 40] | None = None
    ) -> None:
        name = find_setting(setting).name if setting else "*"
        what = f"`{name}`" if setting else "every setting and area"
        view = discord.ui.View(timeout=None)
        view.add_item(ResetButton(interaction.user.id, name, "yes"))
        view.add_item(ResetButton(interaction.user.id, name, "no"))
        await interaction.response.send_message(f"Reset {what} to the default?", view=view, ephemeral=True)

    @app_commands.command(name="explain", description="Can a member use a command in a channel, and why?")
    @app_commands.describe(
        command="The command, like 'lore add'", member="Who (default: you)", channel="Where (default: here)"
    )
    async def explain(
        self,
        interaction: discord.Interaction,
        command: app_commands.Range[str, 1, 60],
        member: discord.Member | None = None,
        channel: discord.TextChannel | None = None,
    ) -> None:
        assert interaction.guild is not None
        target = find_command(self.bot.tree, command)
        if target is None:
            raise InvalidInput(f"There is no command /{inert(command.strip().lstrip('/'))}.")
        who = member or interaction.user
        where = channel or interaction.channel
        if not isinstance(who, discord.Member) or who.guild.id != interaction.guild.id:
            raise InvalidInput("That member is not in this server.")
        if (
            not isinstance(where, discord.abc.GuildChannel | discord.Thread)
            or where.guild.id != interaction.guild.id
        ):
            raise InvalidInput("That channel belongs to another server.")
        # A thread follows its channel's command permissions; Khitomer's rules judge the thread.
        listed = where.parent if isinstance(where, discord.Thread) else where
        if listed is None:
            raise InvalidInput("That thread's channel is gone.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        by_discord, discord_lines = await discord_layer(self.bot, target, who, listed)
        if listed is not where:
            discord_lines.insert(0, f"Discord: a thread follows the command settings of #{listed.name}.")
        by_bot = await bot_layer(self.bot, target, who, where, await self.service.get(interaction.guild_id))
        verdict = (
            "No" if not (by_discord and by_bot.allowed) else "Yes, with limits" if by_bot.limits else "Yes"
        )
        text = "\n".join(
            [
                f"**{verdict}**: can {inert(who.display_name)} use {command_name(target)}"
                f" in #{inert(where.name)}?",
                *discord_lines,
                *bot_lines(by_bot),
            ]
        )
        await interaction.followup.send(discord.utils.escape_mentions(text), ephemeral=True)

    @set_.autocomplete("setting")
    @reset.autocomplete("setting")
    async def setting_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        needle = current.casefold()
        return [
            app_commands.Choice(name=f"{n} — {s.description}"[:100], value=n)
            for n, s in SETTINGS.items()
            if needle in n
        ][:25]

    @explain.autocomplete("command")
    async def command_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        needle = current.casefold().lstrip("/")
        found = sorted(
            known_commands(self.bot.tree),
            key=lambda c: (isinstance(c, app_commands.ContextMenu), c.qualified_name),
        )
        return [
            app_commands.Choice(name=command_name(c)[:100], value=c.qualified_name)
            for c in found
            if needle in c.qualified_name.casefold()
        ][:25]


async def setup(bot: KhitomerBot) -> None:
    await bot.add_cog(Config(bot))
