"""House style for embeds."""

from __future__ import annotations

import discord

# Starfleet-ish gold, used on every informational embed so the bot looks like one thing.
ACCENT = discord.Colour(0xC9A227)


def info_embed(title: str, description: str | None = None) -> discord.Embed:
    return discord.Embed(title=title, description=description, colour=ACCENT)
