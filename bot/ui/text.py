"""Showing text we did not write (players' articles, names) as text: no markdown, no mentions."""

from __future__ import annotations

import discord


def plain(text: str) -> str:
    """Player text as it was typed: markdown escaped, mentions defused (they never ping anyway)."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))
