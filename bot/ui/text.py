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


# A masked link ([label](url)) would hide where it leads: shown as typed instead.
MASKED_LINK = re.compile(r"\[([^\]\n]*)\]\(")


def formatted(text: str) -> str:
    """Markdown a moderator wrote (imported wiki pages, server lore): bold, italics and lists
    kept; masked links, mentions and timestamps shown as text, never rendered."""
    unmasked = MASKED_LINK.sub(lambda m: "\\[" + m.group(1) + "\\](", text)
    return discord.utils.escape_mentions(ANGLED.sub(r"\\<", unmasked))
