"""Issue #20 point 8: lore Markdown for Discord (bot/domain/markdown.py). Marks never land in a
URL, a link's target or code; cuts and renders never leave emphasis or a link unbalanced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.markdown import MARK_END, MARK_START, cut, mark, pieces, render, unbalanced
from tests.support.discord_markup import live_masked_links

KORVAT = {"korvat", "tal", "praenax", "kor"}


def wanted(word: str) -> bool:
    return word.casefold() in KORVAT


def shown(text: str, limit: int = 240, trusted: bool = False) -> str:
    return render(mark(text, wanted, limit), trusted=trusted)


def test_a_mark_inside_italics_still_renders_and_no_backslash_shows() -> None:
    assert shown("Bird-of-Prey *Tal Praenax*, lost.", trusted=True) == "Bird-of-Prey ***Tal Praenax***, lost."
    assert shown("The *Tal Praenax* fleet") == "The ***Tal Praenax*** fleet"
    assert shown("**Kor** led") == "**Kor** led"  # bold already: no mark nested in it


def test_marks_stay_out_of_urls_link_targets_and_code() -> None:
    text = "See [the Korvat Rift](https://example.org/korvat), https://example.org/korvat and `korvat`."
    assert shown(text) == (
        "See the **Korvat** Rift (<https://example.org/korvat>), https://example.org/korvat and `korvat`."
    )


def test_moderators_text_shows_mentions_timestamps_headings_and_odd_links_as_typed() -> None:
    assert render("# Kor <@123> @everyone <t:1:R> <:emo:1> [x](javascript:y)", trusted=False) == (
        "\\# Kor \\<@123> @\u200beveryone \\<t:1:R> \\<:emo:1> \\[x\\](javascript:y)"
    )
    assert (
        render("- a _list_ item\n- snake_case 5 * 3", trusted=False) == "- a _list_ item\n- snake_case 5 * 3"
    )


def test_a_cut_closes_and_reopens_emphasis() -> None:
    text = "word " * 60 + "*an italic run of " + "x " * 30 + "Korvat and more* then " + "y " * 80
    marked = mark(text, wanted, 80)
    assert marked.startswith("…*") and "\x02Korvat\x03" in marked
    assert unbalanced(render(marked, trusted=True)) == []
    assert cut("**bold " + "a " * 100 + "end**", 30).endswith("**…")


MARKUP = st.sampled_from(
    ["*", "**", "***", "_", "__", "~~", "||", "`", "[", "]", "(", ")", "\\", " ", "\n", "Korvat",
     "korvat", "Tal", "x", "https://example.org/korvat", "[Kor](https://example.org/kor_x)",
     "[a](ftp://korvat)", "<@1>", "<https://example.org/korvat>", "# ", MARK_START, MARK_END]
)  # fmt: skip
TEXT = st.lists(MARKUP, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=TEXT, limit=st.integers(10, 300), trusted=st.booleans())
def test_any_text_any_marks_no_mark_in_a_url_and_nothing_unbalanced(
    text: str, limit: int, trusted: bool
) -> None:
    marked = mark(text.replace(MARK_START, "").replace(MARK_END, ""), wanted, limit)
    for piece in pieces(marked):  # no mark in a URL, code or a link's target
        outside = piece.text.split("](")[-1] if piece.kind == "link" else piece.text
        assert piece.kind in ("text", "mark") or MARK_START not in outside, (text, marked)
    out = render(marked, trusted=trusted)
    assert MARK_START not in out and MARK_END not in out
    assert unbalanced(out) == [], (text, out)
    stray = render(text, trusted=trusted)  # marks typed anywhere (a URL, code): never shown
    assert MARK_START not in stray and MARK_END not in stray and unbalanced(stray) == []


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_rendering_is_stable(text: str) -> None:
    """What render() shows, rendered again as ours, reads the same: nothing left to pair."""
    once = render(text, trusted=True)
    assert unbalanced(once) == []


TWO_LINKS = "[Read the treaty](https://a.example) and [Free Nitro](https://evil.example/x)"


def test_issue_22_no_masked_link_stays_live_in_moderators_text() -> None:
    """Both links of a line show where they lead; a link inside brackets, a link with a title or
    brackets left around a rendered link never become a masked link either."""
    assert render(TWO_LINKS, trusted=False) == (
        "Read the treaty (<https://a.example>) and Free Nitro (<https://evil.example/x>)"
    )
    for text in (
        TWO_LINKS,
        f"[{TWO_LINKS}](https://evil.example/y)",
        "[a [Free Nitro](https://a.example)](https://evil.example/x)",
        '[Free Nitro](https://evil.example/x "a title")',
        "[Free Nitro] (https://evil.example/x) and [x]\n(https://evil.example/y)",
    ):
        assert live_masked_links(render(text, trusted=False)) == [], text


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["[", "]", "(", ")", "](", " ", "x", '"t"', TWO_LINKS]), max_size=20))
def test_moderators_text_never_renders_a_masked_link(text: list[str]) -> None:
    assert live_masked_links(render("".join(text), trusted=False)) == []
