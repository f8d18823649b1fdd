"""A lore question reads the index and the server's names at once, not one after the other (issue
#21, point 1): on PostgreSQL each is a round trip on a connection of its own, so the question
waits for one of them instead of both. Both backends."""

from __future__ import annotations

import asyncio

import pytest

from bot.domain.lore import Kind
from bot.services import lore_search as engine
from bot.services import server_names
from bot.services.lore import LoreService
from bot.storage.lore import Draft
from tests.support import postgres

GUILD = 5


@pytest.fixture
async def lore(open_db: postgres.OpenDb):  # type: ignore[no-untyped-def]
    db = await open_db()
    service = LoreService(db)
    await service.start()
    await service.add(
        GUILD, 1, Draft("Tolanven Relay", Kind.PLACE, "A relay post on the border.", "Quiet.", ("Tolanven",))
    )
    yield service
    await db.close()


async def overlapping(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The index read waits until the names are being read (a second at most), and says so."""
    names_begun = asyncio.Event()
    seen: list[str] = []
    rank, for_question = engine.rank, server_names.for_question

    async def ranking(*args, **kwargs):  # type: ignore[no-untyped-def]
        await asyncio.wait_for(names_begun.wait(), 1)
        seen.append("index read while the names were read")
        return await rank(*args, **kwargs)

    async def naming(*args, **kwargs):  # type: ignore[no-untyped-def]
        names_begun.set()
        await asyncio.sleep(0)
        return await for_question(*args, **kwargs)

    monkeypatch.setattr(engine, "rank", ranking)
    monkeypatch.setattr(server_names, "for_question", naming)
    return seen


async def test_the_index_and_the_names_are_read_at_once(
    lore: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = await overlapping(monkeypatch)
    found = await lore.search(GUILD, "which relay post guards the border")
    assert found.hits[0].entry.title == "Tolanven Relay"
    assert seen == ["index read while the names were read"]


async def test_a_repaired_question_reads_the_names_of_its_repaired_words(
    lore: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = await overlapping(monkeypatch)
    found = await lore.search(GUILD, "which post guards the tolanvem border")
    assert found.corrected == {"tolanvem": "tolanven"}
    assert found.subject is not None and found.subject.title == "Tolanven Relay"  # its repaired name read
    assert len(seen) == 2  # before the repair and after it


async def test_a_name_typed_alone_is_read_after_its_repair(
    lore: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its near names are read only once its words are repaired (see test_lore_names_read.py)."""
    await overlapping(monkeypatch)
    with pytest.raises(TimeoutError):
        await lore.search(GUILD, "Tolanvem Relay")
