"""Showing text we did not write (players' articles, names) as text: no markdown, no mentions."""

from __future__ import annotations

import re

import discord

# What Discord would render from angle brackets: user, role and channel mentions, timestamps,
# custom emoji and command links. A backslash before the bracket shows them as typed.
ANGLED = re.compile(r"<(?=[@#:/]|t:|a:)")


def plain(text: str) -> str:
    """Player text as it was typed: markdown, headings and masked links escaped, mentions and
    timestamps shown as text (they never ping anyway)."""
    escaped = discord.utils.escape_markdown(text)
    return discord.utils.escape_mentions(ANGLED.sub(r"\\<", escaped))


# Markdown a moderator wrote (server lore, imported wiki pages) is shown by bot.domain.markdown:
# emphasis kept, links with their destination visible, mentions and timestamps as text.
