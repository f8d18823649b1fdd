"""Showing text we did not write (players' articles, names) as text: no markdown, no mentions."""

from __future__ import annotations

from ..domain.inert import inert


def plain(text: str) -> str:
    """Player text as it was typed, nothing in it rendered (bot.domain.inert: the one function
    every layer uses, so a refusal built in the domain escapes the same way as an embed)."""
    return inert(text)


# Markdown a moderator wrote (server lore, imported wiki pages) is shown by bot.domain.markdown:
# emphasis kept, links with their destination visible, mentions and timestamps as text.
