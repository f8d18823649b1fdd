"""Issue #22, defect 2: player text is inert wherever it is shown (bot/domain/inert.py).

Whatever a player types, Discord shows it as typed: no masked link (the second of a line
included), no mention, timestamp, emoji, heading, subtext, list, quote, spoiler, code, emphasis
or clickable URL; and reading the escapes back gives exactly the typed text."""

from __future__ import annotations

import discord
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.domain.inert import cut, inert, quoted, shown
from bot.ui.text import plain
from tests.support.discord_markup import live_markup, live_masked_links

TWO_LINKS = "[Read the treaty](https://a.example) and [Free Nitro](https://evil.example/x)"

# One sample of every construct Discord renders; each is live markup when typed as is.
CONSTRUCTS = [
    "[Free Nitro](https://evil.example/x)",
    '[Free Nitro](https://evil.example/x "title")',
    "[Free Nitro](<https://evil.example/x>)",
    "<@123456789012345678>",
    "<@!123456789012345678>",
    "<@&123456789012345678>",
    "<#123456789012345678>",
    "<t:1700000000:R>",
    "<t:1700000000>",
    "<:klingon:123456789012345678>",
    "<a:klingon:123456789012345678>",
    "</accord join:123456789012345678>",
    "<id:customize>",
    "<https://evil.example/x>",
    "@everyone",
    "@here",
    ":smile:",
    "https://evil.example/x",
    "http://evil.example",
    "steam://run/1",
    "# Heading",
    "## Heading",
    "### Heading",
    "-# subtext",
    "- item",
    "* item",
    "+ item",
    "1. item",
    "2293) item",
    "  - indented item",
    "> quote",
    ">>> quote",
    "||spoiler||",
    "`code`",
    "```py\ncode\n```",
    "**bold**",
    "*italics*",
    "_italics_",
    "__underline__",
    "~~strike~~",
    "***both***",
]
PIECES = st.one_of(
    st.sampled_from(CONSTRUCTS),
    st.sampled_from(["[", "]", "(", ")", "<", ">", "@", ":", "#", "-", "*", "_", "~", "|", "`", "\\"]),
    st.sampled_from([" ", "  ", "\n", "\r\n", "\r", "\u2028", "\t", "1", "2293", ".", "word", "Kor"]),
    st.text(max_size=8),
)
TYPED = st.lists(PIECES, max_size=30).map("".join)


@pytest.mark.parametrize("construct", CONSTRUCTS)
def test_the_checker_sees_each_construct_typed_as_is(construct: str) -> None:
    """The checker can fail: every sample, unescaped, reads as markup."""
    assert live_markup(construct), construct


def test_discord_py_escaping_leaves_the_second_masked_link_live() -> None:
    """The fault of issue #22: escape_markdown escapes only a line's first `[`."""
    assert live_masked_links(discord.utils.escape_markdown(TWO_LINKS)) == ["[Free Nitro]("]


def test_both_links_of_the_issue_are_shown_as_typed() -> None:
    made = inert(TWO_LINKS)
    assert made == (
        "\\[Read the treaty\\](https\\://a.example) and \\[Free Nitro\\](https\\://evil.example/x)"
    )
    assert live_markup(made) == [] and shown(made) == TWO_LINKS
    assert plain(TWO_LINKS) == made  # the ui's name for it is the same function


@pytest.mark.parametrize("construct", CONSTRUCTS)
def test_each_construct_is_inert_and_shown_as_typed(construct: str) -> None:
    for text in (construct, f"Kor said {construct} twice {construct}", f"line\n{construct}\n{construct}"):
        assert live_markup(inert(text)) == [], text
        assert shown(inert(text)) == text


@settings(max_examples=500, deadline=None)
@given(text=TYPED)
@example(text=TWO_LINKS)
@example(text="\\" + TWO_LINKS)
@example(text="\\\\[a](https://b)")
def test_any_typed_text_is_inert_and_nothing_is_lost(text: str) -> None:
    made = inert(text)
    assert live_markup(made) == [], (text, made)
    assert shown(made) == text


@settings(max_examples=300, deadline=None)
@given(first=TYPED, second=TYPED)
def test_inert_text_stays_inert_inside_our_sentences(first: str, second: str) -> None:
    """Placed at a line's start, mid-sentence, between our own bold or after a newline of ours."""
    made = f"{inert(first)}\n**{inert(second)}** said: “{inert(first)}”\n{inert(second)}"
    assert live_markup(made) == ["bold or italics: '*'"] * 4, made  # only our own `**` pair
    assert shown(made) == f"{first}\n**{second}** said: “{first}”\n{second}"


@settings(max_examples=300, deadline=None)
@given(text=TYPED, limit=st.integers(0, 120))
def test_a_cut_never_splits_an_escape(text: str, limit: int) -> None:
    made = cut(inert(text), limit)
    assert len(made) <= limit and live_markup(made) == []
    assert text.startswith(shown(made))


@settings(max_examples=200, deadline=None)
@given(text=TYPED)
def test_a_quoted_echo_is_inert_and_short(text: str) -> None:
    echo = quoted(text, 40)
    assert echo.startswith("'") and echo.endswith("'") and live_markup(echo) == []
    typed = shown(echo)[1:-1]
    assert typed == text if len(text) <= 40 else (typed == text[:39] + "…")
