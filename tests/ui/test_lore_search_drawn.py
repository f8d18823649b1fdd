"""A /lore search reply draws only the page it shows (issue #21, point 5): rendering a result's
Markdown was a fifth of a search's CPU when all 25 were drawn for a page of five."""

from __future__ import annotations

import pytest

from bot.domain.lore import Kind, LoreEntry, Years
from bot.domain.treaties import Source, SourceTier
from bot.ui import lore_pages, lore_search_pages
from bot.ui.lore_pages import Shown


def entry(n: int) -> LoreEntry:
    return LoreEntry(
        f"server-{n}", f"Entry {n}", Kind.EVENT, f"Summary *{n}*.", f"Body {n}.",
        (Source("x", SourceTier.SERVER),), years=Years(2290 + n), guild_id=5,
    )  # fmt: skip


HITS = [
    Shown(entry(n), f"Snippet **{n}** with [a link](http://example.com/{n}) and <@{n}>.") for n in range(23)
]


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The snippets rendered, in order."""
    seen: list[str] = []
    real = lore_pages.snippet

    def counting(raw: str, shown: LoreEntry) -> str:
        seen.append(raw)
        return real(raw, shown)

    monkeypatch.setattr(lore_search_pages, "snippet", counting)
    return seen


def test_the_first_page_renders_its_five_results_only(drawn: list[str]) -> None:
    pages = lore_search_pages.search_pages("battle", HITS, {})
    assert len(pages) == 5  # 23 results, five a page: known without drawing them
    first = pages[0].description or ""
    assert drawn == [hit.snippet for hit in HITS[:5]]
    assert first.count("**Entry ") == 5 and "Snippet **0** with a link (<http://example.com/0>)" in first
    last = pages[-1].description or ""
    assert drawn[5:] == [hit.snippet for hit in HITS[20:]] and last.count("**Entry ") == 3
    with pytest.raises(IndexError):
        pages[5]


def test_pages_read_the_same_in_any_order_and_with_a_card_first() -> None:
    card = entry(99)
    ahead = lore_search_pages.search_pages("battle", HITS, {"batle": "battle"}, card=card, guess="Battles")
    backwards = lore_search_pages.search_pages(
        "battle", HITS, {"batle": "battle"}, card=card, guess="Battles"
    )
    assert len(ahead) == 6
    firsts = [page.to_dict() for page in ahead]
    lasts = [backwards[i].to_dict() for i in reversed(range(len(backwards)))][::-1]
    assert firsts == lasts
    assert firsts[0]["title"] == lore_pages.entry_pages(card)[0].title  # the card opens the answer
    assert "Searched for **battle** (you typed batle)" in firsts[1]["description"]
    assert "Searched for" not in firsts[2]["description"]  # the notes head the first results only
    assert [page.to_dict() for page in ahead[1:3]] == firsts[1:3]


def test_a_results_matched_words_are_marked_only_when_its_page_is_drawn() -> None:
    """Marking a snippet's matched words (a Markdown pass) was done for all 25 results of a
    search; a snippet given as the function that makes it is made when its page is drawn."""
    made: list[int] = []

    def maker(n: int) -> Shown:
        def make() -> str:
            made.append(n)
            return f"Snippet {n}."

        return Shown(entry(n), make)

    pages = lore_search_pages.search_pages("battle", [maker(n) for n in range(23)], {})
    assert made == []
    pages[0]
    assert made == [0, 1, 2, 3, 4]
    pages[0]
    assert made == [0, 1, 2, 3, 4]  # made once
