"""Wiki pages as entries: titles from the page, Markdown kept, wikitext pieces, linear time."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.errors import InvalidInput
from bot.domain.lore import Years
from bot.domain.wiki_import import (
    LIST_MARK,
    assemble,
    emphasis,
    looks_like_wikitext,
    markdown_paragraphs,
    parse_page,
)
from bot.domain.wiki_infobox import facts_from_infobox

PAGE = """Camp Khitomer Talks

From Example Fan Wiki
Jump to: navigation, search

The accords were a peace between two powers.

First Accords

Signed in 2293 after a disaster.

Strained Friendship Edit

Withdrawn in 2372, restored in 2373.
"""


def test_title_summary_and_headed_sections() -> None:
    page = parse_page(PAGE, "fallback")
    assert page.title == "Camp Khitomer Talks"
    assert page.summary == "The accords were a peace between two powers."
    assert "## First Accords" in page.body and "## Strained Friendship" in page.body
    assert "Jump to" not in page.body and "From Example Fan Wiki" not in page.body


def test_a_page_without_a_title_line_takes_the_file_name() -> None:
    page = parse_page("The alliance lasted four years. It ended in war.\n", "kra page")
    assert page.title == "kra page"


def test_markdown_headings_are_kept() -> None:
    page = parse_page("# Praxis\n\nA moon.\n\n## Explosion\n\nIt blew up.\n", "x")
    assert page.title == "Praxis" and "## Explosion" in page.body


@pytest.mark.parametrize("text", ["", "\n\n  \n", "# Only a title\n"])
def test_nothing_to_import_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_page(text, "x")


def test_a_long_first_paragraph_is_cut_at_a_sentence() -> None:
    text = "Title\n\n" + "This is a sentence. " * 100
    page = parse_page(text, "x")
    assert len(page.summary) <= 1000 and page.summary.endswith(".")


# --- titles, formatting and facts ----------------------------------------------------------------


def test_a_page_without_a_title_line_is_named_after_what_its_first_sentence_is_about() -> None:
    page = parse_page("The Klingon-Romulan Alliance was a pact. It ended in war.\n", "kra page")
    assert page.title == "Klingon-Romulan Alliance"
    for text in ("It was a pact.\n", "In 2268 the pact was signed.\n", "the pact was short.\n"):
        assert parse_page(text, "kra page").title == "kra page"


def test_markdown_keeps_its_formatting() -> None:
    text = "# Kor\n\n**Kor** was a *Klingon* dahar master.\n\n**Born:** 2240\n- a list\n  - nested\n"
    page = parse_page(text, "x", markdown=True)
    assert page.title == "Kor"
    assert page.summary == "Kor was a Klingon dahar master."  # the summary is plain text
    assert page.body == "**Kor** was a *Klingon* dahar master.\n\n**Born:** 2240\n- a list\n  - nested"
    assert page.sections == 0, "a bold line is not a heading in Markdown"


def test_a_bold_name_at_the_start_is_the_title() -> None:
    page = assemble(["The **Khitomer Accords** were a treaty."], None, "file name")
    assert page.title == "Khitomer Accords"
    assert assemble(["**Kor** was a Klingon."], "From the export", "file").title == "From the export"


def test_sources_close_the_body() -> None:
    page = assemble(["Text."], "T", "f", sources=["A log, 2380", "Another"])
    assert page.body.endswith("## Sources\n\n- A log, 2380\n- Another")


@pytest.mark.parametrize(
    ("wikitext", "markdown"),
    [
        ("'''Kor''' was ''here''", "**Kor** was *here*"),
        ("'''''both'''''", "***both***"),
        ("''a '''b''' c''", "*a **b** c*"),
        ("'''left open", "**left open**"),
        ("'''''a''' b''", "***a** b*"),
        ("Qo'noS and the ''Enterprise'''s crew", "Qo'noS and the *Enterprise'*s crew"),
    ],
)
def test_wikitext_quotes_become_markdown(wikitext: str, markdown: str) -> None:
    assert emphasis(wikitext) == markdown


def test_list_marks_become_markdown_lists() -> None:
    text = f"{LIST_MARK}* one\n{LIST_MARK}*{LIST_MARK}* two\n{LIST_MARK}# first\n\n\n\nafter __TOC__"
    assert markdown_paragraphs(text) == ["- one\n  - two\n1. first", "after"]


def test_infobox_years_and_factions() -> None:
    years, factions = facts_from_infobox(
        [
            ("name", "Battle of Zeta Draconis"),
            ("date", "2380 – 2381, stardate 57023.4"),
            ("combatant1", "Klingons"),
            ("combatant2", f"{LIST_MARK}* feds\n{LIST_MARK}* Tholian Assembly"),
        ]
    )
    assert years == Years(2380, 2381)
    assert factions == ("Klingons", "feds", "Tholian Assembly")
    assert facts_from_infobox([("signed", "2293")])[0] == Years(2293, None)


def test_wikitext_is_told_from_plain_text() -> None:
    assert looks_like_wikitext("'''Kor''' was a [[Klingon]].")
    assert looks_like_wikitext("Intro\n== History ==\nText")
    assert not looks_like_wikitext("Kor was a Klingon.\n\nHistory Edit\n\nText.")


# --- linear time: a megabyte of anything -----------------------------------------------------------

MEGABYTE = 1_000_000


def fill(unit: str, size: int = MEGABYTE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


ADVERSARIAL = {
    "blank lines": "Title\n\nFirst words.\n" + "\n" * MEGABYTE,
    "blank lines with spaces": "Title\n\nFirst words.\n" + fill(" \n"),
    "one huge line": fill("word "),
    "one huge line of spaces": "# " + " " * MEGABYTE + "edit",
    "many headings": fill("# Heading\n\nText.\n\n"),
    "many plain-text headings": fill("Short heading\n\n\n\nA sentence of text.\n"),
    "many short lines": fill("a\n"),
}


@pytest.mark.parametrize("name", ADVERSARIAL)
@pytest.mark.parametrize("markdown", [False, True])
def test_a_megabyte_of_anything_is_a_page_or_a_plain_refusal(name: str, markdown: bool) -> None:
    """40 KB of blank lines took 22 s before (each line looked ahead through all the rest);
    bench/wiki_import.py measures these cases against a linear floor (no timing here)."""
    with contextlib.suppress(InvalidInput):  # too long for an entry, or empty: refused
        page = parse_page(ADVERSARIAL[name], "x", markdown=markdown)
        assert page.title and len(page.summary) <= 1000


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab #*\n\t.-[]'=:"), max_size=300))
def test_any_text_is_a_page_or_a_clear_refusal(text: str) -> None:
    try:
        page = parse_page(text, "fallback")
    except InvalidInput:
        return
    assert page.title and page.summary and len(page.summary) <= 1000
