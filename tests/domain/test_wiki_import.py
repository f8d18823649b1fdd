from __future__ import annotations

import pytest

from bot.domain.errors import InvalidInput
from bot.domain.wiki_import import parse_page

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
