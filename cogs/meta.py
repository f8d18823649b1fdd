"""/help and /about: what the bot can do for you here, and how it is doing."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

import discord
from discord import app_commands
from discord.ext import commands

from bot.application.app import KhitomerBot
from bot.application.checks import requires
from bot.application.command_catalog import CommandInfo, usable_commands
from bot.domain.formatting import format_bytes, format_duration, format_latency
from bot.domain.paging import paginate
from bot.domain.shards import describe_shards, shard_of
from bot.services.operations import holdings
from bot.ui.embeds import info_embed
from bot.ui.pager import send_pages

HELP_LINES_PER_PAGE = 15
HELP_CHARS_PER_PAGE = 2000  # well under the 4,096 of an embed description: readable on a phone


def help_lines(infos: Sequence[CommandInfo]) -> list[str]:
    lines: list[str] = []
    for area, group in groupby(infos, key=lambda info: info.area):
        lines.append(f"**{area}**")
        lines.extend(
            (f"**{info.name}** (on a message: Apps)" if info.menu else f"`/{info.name}`")
            + f" — {info.description}"
            + (f" *Not here: {info.not_here}*" if info.not_here else "")
            for info in group
        )
    return lines


@requires()  # anyone, anywhere
class Meta(commands.Cog, name="General"):
    def __init__(self, bot: KhitomerBot) -> None:
        self.bot = bot
        self.help_lines_per_page = HELP_LINES_PER_PAGE
        bot.page_sources.register("help", self.help_pages)

    async def help_pages(self, interaction: discord.Interaction, _arg: str) -> list[discord.Embed]:
        infos = await usable_commands(interaction)
        if not infos:
            return [info_embed("Khitomer commands", "There is no command you can use here.")]
        pages = paginate(help_lines(infos), max_chars=HELP_CHARS_PER_PAGE, max_lines=self.help_lines_per_page)
        return [info_embed("Khitomer commands", page) for page in pages]

    @app_commands.command(name="help", description="List the commands you can use here, by area.")
    async def help(self, interaction: discord.Interaction) -> None:
        await send_pages(interaction, "help", await self.help_pages(interaction, ""))

    @app_commands.command(name="about", description="Version, uptime, latency and what the bot holds.")
    async def about(self, interaction: discord.Interaction) -> None:
        held = await holdings(self.bot.db)
        embed = info_embed("About Khitomer", "A Star Trek roleplay bot: lore, treaties and the accords game.")
        embed.add_field(name="Version", value=self.bot.version)
        embed.add_field(name="Uptime", value=format_duration(self.bot.uptime_seconds))
        embed.add_field(name="Gateway latency", value=format_latency(self.bot.latency))
        embed.add_field(name="Servers", value=str(len(self.bot.guilds)))
        embed.add_field(name="Shards", value=self._shards_text(interaction), inline=False)
        embed.add_field(name="Database", value=format_bytes(held.database_bytes))
        embed.add_field(name="Lore entries", value=str(held.lore_entries))
        embed.add_field(name="Treaties", value=str(held.treaties))
        embed.add_field(name="Accords", value=str(held.accords))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    def _shards_text(self, interaction: discord.Interaction) -> str:
        count = self.bot.shard_count or 1
        ids = self.bot.shard_ids if self.bot.shard_ids is not None else range(count)
        here = (
            f"This server is on shard {shard_of(interaction.guild.id, count)}. " if interaction.guild else ""
        )
        return f"{here}This process runs {describe_shards(ids, count)}."


async def setup(bot: KhitomerBot) -> None:
    await bot.add_cog(Meta(bot))
