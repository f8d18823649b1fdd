"""What a /lore timeline asks for, read back from its short argument ("faction|from|to"), and the
page of the timeline it names: shared by the pages of text and the pictures."""

from __future__ import annotations

import discord

from bot.application.checks import config_of
from bot.domain.errors import KhitomerError
from bot.services.lore import LoreService
from bot.services.lore_timeline import Asked, At, Page


def timeline_arg(faction: str | None, from_year: int | None, to_year: int | None) -> str:
    return f"{faction or ''}|{'' if from_year is None else from_year}|{'' if to_year is None else to_year}"


def timeline_args(arg: str) -> tuple[str | None, int | None, int | None]:
    faction, _, rest = arg.partition("|")
    low, _, high = rest.partition("|")
    try:
        return faction or None, int(low) if low else None, int(high) if high else None
    except ValueError:
        raise KhitomerError("That timeline is no longer available. Run the command again.") from None


async def read_timeline(
    service: LoreService, interaction: discord.Interaction, arg: str, at: At, limit: int
) -> tuple[Page, str]:
    """The page `arg` asks for from `at`, and its heading ("Timeline of Klingon Empire, from 2266")."""
    typed, low, high = timeline_args(arg)
    tiers = (await config_of(interaction)).allowed_tiers()
    page = await service.timeline(interaction.guild_id, Asked(typed, low, high, tiers), at, limit)
    return page, f"Timeline{' of ' + page.faction if page.faction else ''}, {years_asked(low, high)}"[:256]


def years_asked(low: int | None, high: int | None) -> str:
    """The years a timeline was asked for, as its heading says them."""
    if low is None and high is None:
        return "all years"
    if high is None:
        return f"from {low}"
    return f"until {high}" if low is None else f"{low} to {high}"
