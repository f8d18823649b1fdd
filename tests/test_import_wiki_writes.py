"""How `khitomer import-wiki` writes its batches (bot/storage/lore_batch.py), for speed in a big
server: the postings' B-tree pages a batch touches stay in the import's page cache (SQLite), and
its postings are inserted in the index's own order."""

from __future__ import annotations

import io
from typing import Any

import pytest

from bot.domain.lore import Kind
from bot.services import lore_bulk
from bot.services.lore import LoreService
from bot.storage import lore_batch
from bot.storage.backend import Conn
from bot.storage.lore_index import POSTINGS_INSERT
from tests.services.test_wiki_export import export, page
from tests.support import postgres

GUILD = 7003
sqlite_only = pytest.mark.skipif(postgres.postgres_wanted(), reason="SQLite's page cache")


async def cache_kib(conn: Conn) -> int:
    row = await conn.fetch_one("PRAGMA cache_size")
    assert row is not None
    size = int(row[0])
    return -size if size < 0 else size * 4  # negative: KiB; positive: pages (of 4 KiB here)


def wiki(count: int) -> bytes:
    return export("".join(page(f"Relay {n}", f"A relay beside [[Relay {n - 1}]].") for n in range(count)))


@sqlite_only
async def test_an_import_writes_with_a_page_cache_that_holds_the_index_pages_it_touches(
    lore_service: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 100,000 entries a batch touches tens of thousands of the postings' pages: with SQLite's
    default 2 MB cache each was read again, and spilled, as the batch went on."""
    monkeypatch.setattr(lore_bulk, "BATCH", 5)
    seen: list[int] = []
    write = lore_batch._write

    async def watched(conn: Conn, *args: Any) -> list[str]:
        seen.append(await cache_kib(conn))
        return await write(conn, *args)

    monkeypatch.setattr(lore_batch, "_write", watched)
    async with lore_service.db.transaction() as conn:  # the bot's writes: SQLite's default
        assert await cache_kib(conn) <= 2000 < lore_batch.IMPORT_CACHE_KIB
    exported = io.BytesIO(wiki(12))
    summary = await lore_bulk.import_export(lore_service, GUILD, exported, Kind.PLACE, processes=0)
    assert summary.imported == 12
    assert seen == [lore_batch.IMPORT_CACHE_KIB] * 3  # each batch of 5 pages
    assert lore_batch.IMPORT_CACHE_KIB >= 256 * 1024
    last = await lore_service.find(GUILD, "Relay 11")
    assert [e.title for e in await lore_service.related(last)] == ["Relay 10"]


async def test_a_batch_inserts_its_postings_in_the_index_order(
    lore_service: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(scope, term, impact, entry), the postings' primary key: inserted by term alone, a term's
    rows came in page order and split its B-tree pages at random places (at 100,000 entries, 0.3-0.5 ms
    a page more of inserts and commit than in the key's order)."""
    inserted: list[list[Any]] = []
    executemany = lore_batch._many

    async def watched(conn: Conn, sql: str, rows: Any, types: str) -> None:
        rows = list(rows)
        if sql == POSTINGS_INSERT:
            inserted.append(rows)
        await executemany(conn, sql, rows, types)

    monkeypatch.setattr(lore_batch, "_many", watched)
    pages = "".join(
        page(f"Beacon {n}", f"A beacon {'of the outer relay ' * (n % 3)}beside [[Beacon {n - 1}]] {n}.")
        for n in range(20)
    )
    summary = await lore_bulk.import_export(
        lore_service, GUILD, io.BytesIO(export(pages)), Kind.PLACE, processes=0
    )
    assert summary.imported == 20
    [postings] = inserted
    assert len({(term, impact) for _s, term, impact, _e in postings}) > len({t for _s, t, _i, _e in postings})
    assert postings == sorted(postings)
