"""A result's snippet: its best sentence, cut into sentences once per entry (not for every
question that shows it), and never an edited entry's old text."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain import markdown
from bot.domain.lore import Kind
from bot.domain.markdown import MARK_END, MARK_START
from bot.services import lore_text
from bot.services.lore import LoreService
from bot.storage.lore import Draft
from tests.support import postgres

BODY = (
    "The Zakdorn archive sits under the ice. Nobody reads it.\n\n"
    "Its keepers trade dilithium for maps. The vault doors open once a year."
)


def plain(snippet: str) -> str:
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


async def test_snippets_are_cut_once_and_follow_an_edit(open_db: postgres.OpenDb) -> None:
    db = await open_db()
    try:
        lore = LoreService(db)
        await lore.start()
        entry = await lore.add(7, 1, Draft("Zakdorn Vault", Kind.PLACE, "A hidden archive.", BODY))
        found = await lore.search(7, "zakdorn dilithium maps")
        assert found.hits[0].entry.key == entry.key
        assert plain(found.hits[0].snippet) == "Its keepers trade dilithium for maps."
        assert f"{MARK_START}dilithium{MARK_END}" in found.hits[0].snippet
        cut = lore_text.sentences_of.cache_info()
        again = await lore.search(7, "zakdorn vault doors")  # another question, the same entry
        assert plain(again.hits[0].snippet) == "The vault doors open once a year."
        after = lore_text.sentences_of.cache_info()
        assert after.misses == cut.misses and after.hits > cut.hits  # read again, not cut again
        assert (await lore.search(8, "zakdorn vault doors")).hits == []  # another server: nothing

        edited = BODY.replace("The vault doors open once a year.", "The vault doors rusted shut.")
        await lore.edit(7, entry.key, Draft("Zakdorn Vault", Kind.PLACE, "A hidden archive.", edited))
        fresh = await lore.search(7, "zakdorn vault doors")
        assert plain(fresh.hits[0].snippet) == "The vault doors rusted shut."
    finally:
        await db.close()


async def test_a_search_marks_no_snippet_until_one_is_read(
    open_db: postgres.OpenDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    """25 results were marked for a reply that shows five: now each when it is read."""
    marks: list[str] = []
    real = markdown.mark

    def counting(sentence: str, *args: Any) -> str:
        marks.append(sentence)
        return real(sentence, *args)

    monkeypatch.setattr(markdown, "mark", counting)
    db = await open_db()
    try:
        lore = LoreService(db)
        await lore.start()
        found = await lore.search(None, "klingon romulan alliance war")
        assert len(found.hits) > 5 and marks == []
        assert MARK_START in found.hits[0].snippet and len(marks) == 1
    finally:
        await db.close()


async def test_a_results_best_sentence_is_looked_for_when_it_is_first_read(open_db: postgres.OpenDb) -> None:
    """A reply draws the five results of its first page: the best sentences of the next five are
    looked for only if a member turns to them, and then once."""
    db = await open_db()
    try:
        lore = LoreService(db)
        await lore.start()
        await lore.add(7, 1, Draft("Zakdorn Vault", Kind.PLACE, "A hidden archive.", BODY))
        found = await lore.search(7, "klingon empire war")
        assert len(found.hits) >= 10
        assert all(callable(hit.found) for hit in found.hits[:10])  # nothing looked for yet
        assert all(isinstance(hit.found, str) for hit in found.hits[10:])  # their summaries
        top = found.hits[0]
        sentence = top.sentence
        assert top.found == sentence and sentence in f"{top.entry.summary} {top.entry.body}"
        assert all(callable(hit.found) for hit in found.hits[1:10])
    finally:
        await db.close()
