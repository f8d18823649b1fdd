"""Beside worker processes, `khitomer import-wiki` writes what they have prepared: the export is
prepared in parts (bot/services/lore_bulk.py PART_PAGES), and a transaction waits for FEWEST pages,
not a whole batch; so the writer starts soon and little is left to write once the last part is
prepared. (A batch of 1,000 pages prepared before its first write left the writer idle for
its whole preparation: at 100,000 entries, where writing is the slower half, a third of the
import's time.) However the parts fall, the server ends as importing the pages one by one did."""

from __future__ import annotations

import asyncio
import io
import os
import random
import signal
from collections.abc import Sequence
from typing import Any

import pytest

from bot.domain.lore import Kind
from bot.services import lore_bulk
from bot.services.lore import LoreService
from bot.services.lore_bulk_pages import Prepared, Preparer, prepare
from bot.services.wiki_export import ExportPage, read_export
from bot.storage import lore_batch
from tests.services.test_wiki_export import export, page
from tests.test_import_wiki_batches import BATCHED, ONE_BY_ONE, WIKI, held, one_by_one, tables


class Workers:
    """Preparer's stand-in for worker processes: each part prepared here, but done only when let
    through (the first `free` at once) and after `turns` of the event loop, so parts finish in
    an order and at times the test chooses."""

    def __init__(self, free: int, turns: random.Random | None = None) -> None:
        self.processes = 1
        self.free = free
        self.gate = asyncio.Event()
        self.turns = turns
        self.parts: list[int] = []  # pages of each part asked for

    async def __call__(self, pages: Sequence[ExportPage], kind: Kind) -> list[Prepared | str]:
        self.parts.append(len(pages))
        if len(self.parts) > self.free:
            await self.gate.wait()
        for _ in range(self.turns.randrange(6) if self.turns else 0):
            await asyncio.sleep(0)
        return prepare(pages, kind)

    def close(self) -> None:
        pass


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lore_bulk, "BATCH", 10)
    monkeypatch.setattr(lore_bulk, "PART_PAGES", 2)
    monkeypatch.setattr(lore_bulk, "FEWEST", 4)


def use(workers: Workers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lore_bulk, "Preparer", lambda _processes: workers)


@pytest.mark.usefixtures("small_batches")
async def test_the_first_transaction_waits_for_the_fewest_pages_not_the_whole_batch(
    lore_service: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    workers = Workers(free=2)  # two parts of 2 pages: FEWEST
    use(workers, monkeypatch)
    written: list[int] = []  # titles of each transaction
    write_batch = lore_batch.write_batch

    async def watched(db: Any, guild: int, author: int, titles: list[str], *args: Any) -> None:
        written.append(len(titles))
        workers.gate.set()  # the rest are prepared only once a transaction was written without them
        await write_batch(db, guild, author, titles, *args)

    monkeypatch.setattr(lore_batch, "write_batch", watched)
    pages = "".join(page(f"Outpost {n}", f"A listening post beside [[Outpost {n - 1}]].") for n in range(45))
    data = export(pages)
    seen: list[int] = []
    summary = await asyncio.wait_for(
        lore_bulk.import_export(
            lore_service, BATCHED, io.BytesIO(data), Kind.PLACE, on_page=seen.append, processes=1
        ),
        timeout=30,  # waiting for a whole batch of 10 would wait for ever
    )
    assert summary.imported == 45
    assert written[0] == 4
    assert sum(written) == 45 and max(written) <= 10
    assert workers.parts == [2] * 22 + [1]
    assert len(seen) == 45 and seen == sorted(seen) and seen[-1] == len(data)
    last = await lore_service.find(BATCHED, "Outpost 44")
    assert [e.title for e in await lore_service.related(last)] == ["Outpost 43"]


@pytest.mark.parametrize("seed", range(4))
async def test_however_the_parts_fall_the_server_ends_as_one_page_at_a_time(
    lore_service: LoreService, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    monkeypatch.setattr(lore_bulk, "BATCH", 4)
    monkeypatch.setattr(lore_bulk, "PART_PAGES", 1)
    monkeypatch.setattr(lore_bulk, "FEWEST", 2)
    workers = Workers(free=10_000, turns=random.Random(seed))
    workers.gate.set()
    use(workers, monkeypatch)
    for guild in (ONE_BY_ONE, BATCHED):
        await held(lore_service, guild)
    expected = await one_by_one(lore_service, ONE_BY_ONE, WIKI)
    summary = await lore_bulk.import_export(lore_service, BATCHED, io.BytesIO(WIKI), Kind.EVENT, processes=1)
    assert summary == expected
    assert await tables(lore_service.db, BATCHED) == await tables(lore_service.db, ONE_BY_ONE)


async def test_what_is_read_ahead_and_each_transaction_stay_within_the_batches_bytes(
    lore_service: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages of a few hundred KB each: held by count alone (3,000 pages), the read-ahead held
    75 times the text three batches allow; a transaction stays within a batch's bytes and a page."""
    monkeypatch.setattr(lore_bulk, "BATCH", 1000)
    monkeypatch.setattr(lore_bulk, "BATCH_BYTES", 6_000)
    monkeypatch.setattr(lore_bulk, "PART_PAGES", 2)
    monkeypatch.setattr(lore_bulk, "FEWEST", 3)
    workers = Workers(free=10_000, turns=random.Random(5))
    workers.gate.set()
    use(workers, monkeypatch)
    sizes: dict[str, int] = {}
    read = 0
    reading = lore_bulk._read

    def counted(pages: Any, source: Any) -> Any:
        nonlocal read
        got = reading(pages, source)
        for one in got.pages:
            sizes[one.title] = len(one.text)
            read += len(one.text)
        return got

    written = 0
    held: list[int] = []  # text read and not yet written, at each transaction
    transactions: list[int] = []
    write_batch = lore_batch.write_batch

    async def watched(db: Any, guild: int, author: int, titles: list[str], *args: Any) -> None:
        nonlocal written
        held.append(read - written)
        transactions.append(sum(sizes[t] for t in titles))
        written += transactions[-1]
        await write_batch(db, guild, author, titles, *args)

    monkeypatch.setattr(lore_bulk, "_read", counted)
    monkeypatch.setattr(lore_batch, "write_batch", watched)
    body = "A relay on the long border, one of many. " * 20  # about 820 characters of text a page
    pages = "".join(page(f"Relay {n}", body) for n in range(200))
    summary = await lore_bulk.import_export(
        lore_service, BATCHED, io.BytesIO(export(pages)), Kind.PLACE, processes=1
    )
    assert summary.imported == 200
    largest = max(sizes.values())
    assert max(held) <= lore_bulk.AHEAD * 6_000 + largest
    assert max(transactions) <= 6_000 + largest
    assert sum(transactions) == sum(sizes.values())


async def test_the_export_is_read_no_further_than_the_batches_in_hand_while_none_is_prepared(
    lore_service: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing prepared yet, the reader stops at AHEAD batches' bytes and a page (it read one
    batch more than it had handed over, 19,680 bytes here: a slow moment let the test above exceed
    its bound)."""
    monkeypatch.setattr(lore_bulk, "BATCH", 1000)
    monkeypatch.setattr(lore_bulk, "BATCH_BYTES", 6_000)
    monkeypatch.setattr(lore_bulk, "PART_PAGES", 2)
    workers = Workers(free=0)  # nothing is prepared until the gate opens
    use(workers, monkeypatch)
    read: list[int] = []
    reading = lore_bulk._read
    monkeypatch.setattr(lore_bulk, "_read", lambda *args: _counted(read, reading(*args)))
    waited = asyncio.Event()
    ready = lore_bulk._ready

    async def first_wait(*args: Any) -> Any:
        waited.set()
        return await ready(*args)

    monkeypatch.setattr(lore_bulk, "_ready", first_wait)
    body = "A relay on the long border, one of many. " * 20  # 820 characters a page
    pages = "".join(page(f"Relay {n}", body) for n in range(200))
    importing = asyncio.ensure_future(
        lore_bulk.import_export(lore_service, BATCHED, io.BytesIO(export(pages)), Kind.PLACE, processes=1)
    )
    await asyncio.wait_for(waited.wait(), 30)
    assert 2 * 6_000 <= sum(read) <= lore_bulk.AHEAD * 6_000 + len(body)
    workers.gate.set()
    assert (await importing).imported == 200


def _counted(sizes: list[int], got: Any) -> Any:
    sizes.append(sum(len(one.text) for one in got.pages))
    return got


async def test_a_worker_killed_mid_import_leaves_every_part_to_this_process(tmp_path: Any) -> None:
    """Every part on the pool fails with it: the first drops the pool, none fails the import
    (the second raised AttributeError on the pool already dropped)."""
    pages = "".join(page(f"Buoy {n}", f"A warning buoy beside [[Buoy {n - 1}]]. " * 60) for n in range(400))
    articles = [p for p in read_export(io.BytesIO(export(pages))) if p.skip is None]
    preparer = Preparer(1)
    try:
        await asyncio.gather(*(asyncio.wrap_future(up) for up in preparer._up))
        parts = [articles[at : at + 25] for at in range(0, len(articles), 25)]
        asked = [asyncio.ensure_future(preparer(part, Kind.PLACE)) for part in parts]
        await asyncio.sleep(0.05)
        assert preparer._pool is not None
        os.kill(next(iter(preparer._pool._processes)), signal.SIGKILL)
        done = await asyncio.gather(*asked)
    finally:
        preparer.close()
    assert preparer._pool is None
    assert done == [prepare(part, Kind.PLACE) for part in parts]
