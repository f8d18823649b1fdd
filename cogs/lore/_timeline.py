"""/lore timeline: dated lore in order, as pages of text or as pictures."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.checks import config_of
from bot.domain.errors import KhitomerError
from bot.domain.lore import LoreEntry, as_shown
from bot.services.factions import faction_names
from bot.services.lore import LoreService
from bot.services.pictures import timeline_layouts
from bot.ui import lore_pages
from bot.ui.pager import send_pages
from bot.ui.pictures import draw_timeline, measure
from cogs._pictures import send_pictures


class TimelineCommands(commands.Cog):
    service: LoreService

    async def _timeline(self, interaction: discord.Interaction, arg: str) -> tuple[list[LoreEntry], str]:
        typed, low, high = _timeline_args(arg)
        tiers = (await config_of(interaction)).allowed_tiers()
        faction, found = await self.service.timeline(interaction.guild_id, typed, low, high)
        entries = [e for e in found if as_shown(e, tiers)]
        span = f"{low if low is not None else '…'} to {high if high is not None else '…'}"
        return entries, f"Timeline{' of ' + faction if faction else ''}, {span}"[:256]

    async def _timeline_pages(self, interaction: discord.Interaction, arg: str) -> list[discord.Embed]:
        entries, heading = await self._timeline(interaction, arg)
        return lore_pages.timeline_pages(entries, heading)

    @app_commands.command(
        name="timeline", description="Dated lore in order, optionally for one faction and span."
    )
    @app_commands.describe(
        faction="Only entries about this faction",
        from_year="First year",
        to_year="Last year",
        picture="Draw it: years on an axis, entries coloured by faction",
    )
    async def timeline(
        self,
        interaction: discord.Interaction,
        faction: app_commands.Range[str, 1, 100] | None = None,
        from_year: app_commands.Range[int, -10000, 10000] | None = None,
        to_year: app_commands.Range[int, -10000, 10000] | None = None,
        picture: bool = False,
    ) -> None:
        arg = f"{faction or ''}|{'' if from_year is None else from_year}|{'' if to_year is None else to_year}"
        private = (await config_of(interaction)).private_answers(interaction.channel_id)
        if not picture:
            pages = await self._timeline_pages(interaction, arg)
            await send_pages(interaction, "lore_timeline", pages, arg=arg, ephemeral=private)
            return
        entries, heading = await self._timeline(interaction, arg)
        if not entries:
            await interaction.response.send_message("No dated entry matches.", ephemeral=True)
            return
        layouts = timeline_layouts(entries, heading, measure, (from_year, to_year))
        shown = sum(len(layout.marks) for layout, _ in layouts)
        text = f"**{discord.utils.escape_markdown(heading)}**: {shown} dated entries."
        if shown < len(entries):
            text += f" {len(entries) - shown} more: narrow it with from_year, to_year or faction."
        await send_pictures(interaction, text, layouts, draw_timeline, "timeline", ephemeral=private)

    @timeline.autocomplete("faction")
    async def faction_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=f, value=f) for f in faction_names().suggest(current)]


def _timeline_args(arg: str) -> tuple[str | None, int | None, int | None]:
    faction, _, rest = arg.partition("|")
    low, _, high = rest.partition("|")
    try:
        return faction or None, int(low) if low else None, int(high) if high else None
    except ValueError:
        raise KhitomerError("That timeline is no longer available. Run the command again.") from None
