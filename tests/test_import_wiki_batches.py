"""`khitomer import-wiki` a batch of pages per transaction (bot/services/lore_bulk.py,
bot/storage/lore_batch.py) leaves a server exactly as importing the pages one by one through
LoreService did: the same entries, links, skips and reasons, and the same rows in every index
table (postings, term counts, words, names and trigrams, timeline)."""

from __future__ import annotations

import asyncio
import io
import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from bot.domain.errors import InvalidInput
from bot.domain.lore import Kind
from bot.services import lore_bulk
from bot.services.lore import LoreService
from bot.services.lore_bulk_pages import Preparer, prepare
from bot.services.lore_import import OPERATOR, ImportSummary, draft_of, known_entries, page_of
from bot.services.wiki_export import ExportError, read_export
from bot.storage import Database
from bot.storage import lore as store
from tests.services.test_wiki_export import export, page

ONE_BY_ONE, BATCHED = 7001, 7002  # the same export into two servers of one database
SITEINFO = "<siteinfo><namespaces><namespace key='1'>Talk</namespace></namespaces></siteinfo>"
PAGES = [
    page(
        "Battle of Zeta Draconis",
        "{{Infobox battle|date=2380–2381|combatant1=[[Klingon Empire|Klingons]]|combatant2=feds}}\n"
        "The '''battle''' near [[Praxis]] drew the [[Zeta Fleet]] to [[Outpost Kavar]] "
        "([[Kavar Station]]), far from [[Nowhere]] and [[Station Nine]].\n== Opening ==\nDawn.",
    ),
    page("Station Nine", "A station built after [[Battle of Zeta Draconis]] ([[battle of zeta draconis]])."),
    page("Zeta Fleet", "{{Infobox|affiliation=Romulans}}\nThe fleet, now based at [[Station Nine]]."),
    page("Praxis", "'''Praxis''' is canon already."),
    page("Kavar Station", "Another name of the outpost."),
    page("Zeta", "#REDIRECT [[Zeta Fleet]]", extra="<redirect title='Zeta Fleet'/>"),
    page("Talk:Zeta", "chat", ns="1"),
    page("Empty Page", "{{Stub}}"),
    page("Station nine", "Station Nine rebuilt in 2390, near [[Outpost Kavar]]."),
    page("old archive", "The archive, renamed. It kept [[Zeta Fleet]]'s logs."),
    page("Archive of Old", "No longer another name of the archive; see [[old archive]]."),
    page("Station-Nine", "Spelt with a hyphen."),
    page("Deep Space Relay", "Relays [[Station-Nine]] and [[Archive of Old]] to [[Kirk]]. Built 2401."),
    page("The", "A page titled with a word names leave out."),
    page("the", "The same page again, in lower case."),
    page(
        "Deep Space Relay",
        "{{Infobox|date=2402|affiliation=Cardassians}}\nRebuilt, linking [[Deep Space Relay]].",
    ),
]
WIKI = export("".join(PAGES), siteinfo=SITEINFO)


async def one_by_one(lore_service: LoreService, guild_id: int, data: bytes) -> ImportSummary:
    """Each page as the import did before batches: its links looked up, the page converted, and
    LoreService.add or edit in a transaction of its own."""
    summary = ImportSummary()
    for page_ in read_export(io.BytesIO(data)):
        if page_.skip is not None:
            summary.skipped.append((page_.title, page_.skip))
            continue
        try:
            known = await known_entries(lore_service, guild_id, page_.text)
            draft = draft_of(page_of(page_, known.lookup), Kind.EVENT)
            key = await store.key_titled(lore_service.db, guild_id, draft.title)
            if key is not None:
                await lore_service.edit(guild_id, key, draft)
                summary.updated += 1
            else:
                await lore_service.add(guild_id, OPERATOR, draft)
                summary.imported += 1
        except InvalidInput as error:
            summary.skipped.append((page_.title, error.message))
    return summary


async def held(lore_service: LoreService, guild_id: int) -> None:
    """What the server holds before the import: an entry with an alias, one titled in another case."""
    for title, aliases in [
        ("Outpost Kavar", ("Kavar Station",)),
        ("Zeta fleet", ()),
        ("Old Archive", ("Archive of Old",)),
    ]:
        draft = store.Draft(title, Kind.PLACE, f"{title}, as the moderators wrote it.", "A body.", aliases)
        await lore_service.add(guild_id, 1, draft)


async def tables(db: Database, guild_id: int) -> dict[str, Any]:
    """Every row the server's lore holds, entries named by title instead of key (the two servers'
    keys differ), timestamps left out."""
    entries = await db.fetch_all(
        "SELECT id, title, kind, aliases, year_start, year_end, factions, summary, body, author_id, related,"
        " facts FROM lore_entries WHERE guild_id = ? ORDER BY id",
        (guild_id,),
    )
    title = {store.server_key(int(row["id"])): row["title"] for row in entries}
    named = {int(row["id"]): row["title"] for row in entries}

    def of(key: str) -> str:
        return title.get(key, key)  # canon keys stay

    async def rows(sql: str, *shown: Any) -> list[tuple[Any, ...]]:
        found = await db.fetch_all(sql, (guild_id,))
        return sorted(tuple(f(row[n]) for n, f in enumerate(shown)) for row in found)

    def same(value: Any) -> Any:
        return value

    return {
        "entries": [
            (*(row[n] for n in range(1, 10)), [of(k) for k in json.loads(row["related"])], row["facts"])
            for row in entries
        ],
        "postings": await rows(
            "SELECT term, impact, entry FROM lore_postings WHERE scope = ?", same, same, of
        ),
        "terms": await rows("SELECT term, entries FROM lore_terms WHERE scope = ?", same, same),
        "words": await rows("SELECT first, length, word FROM lore_words WHERE scope = ?", same, same, same),
        "names": await rows("SELECT name, title, entry FROM lore_names WHERE scope = ?", same, same, of),
        "grams": await rows(
            "SELECT g.gram, g.length, n.name, n.entry FROM lore_name_grams AS g"
            " JOIN lore_names AS n ON n.id = g.name WHERE g.scope = ?",
            same,
            same,
            same,
            of,
        ),
        "stray grams": await rows(
            "SELECT count(*) FROM lore_name_grams AS g WHERE g.scope = ?"
            " AND NOT EXISTS (SELECT 1 FROM lore_names AS n WHERE n.id = g.name)",
            same,
        ),
        "timeline": await rows(
            "SELECT entry_id, faction, year_first, year_last, span, title FROM lore_timeline"
            " WHERE guild_id = ?",
            lambda i: named[int(i)],
            same,
            same,
            same,
            same,
            same,
        ),
    }


@pytest.mark.parametrize("batch", [400, 4])
async def test_a_batched_import_leaves_the_server_as_one_page_at_a_time_did(
    lore_service: LoreService, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(lore_bulk, "BATCH", batch)
    for guild in (ONE_BY_ONE, BATCHED):
        await held(lore_service, guild)
    expected = await one_by_one(lore_service, ONE_BY_ONE, WIKI)
    summary = await lore_bulk.import_export(lore_service, BATCHED, io.BytesIO(WIKI), Kind.EVENT)
    assert summary == expected
    assert (summary.imported, summary.updated) == (5, 5)
    assert summary.skipped == [
        ("Praxis", "'Praxis' is already the name of the entry 'Praxis'. Pick another."),
        ("Kavar Station", "'Kavar Station' is already the name of the entry 'Outpost Kavar'. Pick another."),
        ("Zeta", "a redirect to Zeta Fleet"),
        ("Talk:Zeta", "not an article (namespace 1: Talk)"),
        ("Empty Page", "I found no paragraph of text in that file to use as a summary."),
        ("Station-Nine", "'Station-Nine' is already the name of the entry 'Station nine'. Pick another."),
    ]
    batched = await tables(lore_service.db, BATCHED)
    assert batched == await tables(lore_service.db, ONE_BY_ONE)
    related = {entry[0]: entry[9] for entry in batched["entries"]}
    assert related["Battle of Zeta Draconis"] == ["klingon-empire", "praxis", "Zeta Fleet", "Outpost Kavar"]
    assert related["Station nine"] == ["Outpost Kavar"]  # updated by the later page of its title
    assert related["Zeta Fleet"] == ["Station nine"]
    assert related["Deep Space Relay"] == ["Deep Space Relay"]  # its second version links itself
    assert batched["stray grams"] == [(0,)]

    again = await lore_bulk.import_export(lore_service, BATCHED, io.BytesIO(WIKI), Kind.EVENT)
    assert again == await one_by_one(lore_service, ONE_BY_ONE, WIKI)
    assert await tables(lore_service.db, BATCHED) == await tables(lore_service.db, ONE_BY_ONE)


async def test_pages_are_written_a_batch_per_transaction_with_progress_for_each(
    lore_service: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lore_bulk, "BATCH", 10)
    opened = 0
    transaction = lore_service.db.transaction

    def counted(**kwargs: Any) -> Any:
        nonlocal opened
        opened += 1
        return transaction(**kwargs)

    monkeypatch.setattr(lore_service.db, "transaction", counted)
    pages = "".join(page(f"Outpost {n}", f"A listening post beside [[Outpost {n - 1}]].") for n in range(45))
    seen: list[tuple[int, int]] = []  # (transactions opened, bytes read) at each page
    data = export(pages)
    summary = await lore_bulk.import_export(
        lore_service, BATCHED, io.BytesIO(data), Kind.PLACE, on_page=lambda at: seen.append((opened, at))
    )
    assert summary.imported == 45
    assert opened == 5  # 45 pages, 10 a transaction
    # each page once its batch is stored, with how far the export had been read by then
    assert [done for done, _at in seen] == [1] * 10 + [2] * 10 + [3] * 10 + [4] * 10 + [5] * 5
    assert [at for _done, at in seen] == sorted(at for _done, at in seen)
    assert seen[-1][1] == len(data)
    last = await lore_service.find(BATCHED, "Outpost 44")
    assert [e.title for e in await lore_service.related(last)] == ["Outpost 43"]


async def test_an_export_cut_short_keeps_the_pages_before_the_break(lore_service: LoreService) -> None:
    broken = export(page("Outpost 1", "A post.") + page("Outpost 2", "Another.")).removesuffix(
        b"</mediawiki>"
    )
    with pytest.raises(ExportError):
        await lore_bulk.import_export(
            lore_service, BATCHED, io.BytesIO(broken + b"<page><title>"), Kind.PLACE
        )
    assert [e.title for e in await store.in_guild(lore_service.db, BATCHED)] == ["Outpost 1", "Outpost 2"]


async def test_worker_processes_prepare_pages_as_this_process_does() -> None:
    articles = [p for p in read_export(io.BytesIO(WIKI)) if p.skip is None] * 10
    preparer = Preparer(2)
    try:
        await asyncio.gather(*(asyncio.wrap_future(up) for up in preparer._up))  # spawned and warm
        assert await preparer(articles, Kind.EVENT) == prepare(articles, Kind.EVENT)
    finally:
        preparer.close()


async def test_a_thousand_pages_are_written_in_one_transaction(
    lore_service: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fewer, larger transactions: each commit writes every index page its rows touched, which in a
    server of 100,000 entries cost as much as the rows themselves at 400 pages a transaction."""
    opened = 0
    transaction = lore_service.db.transaction

    def counted(**kwargs: Any) -> Any:
        nonlocal opened
        opened += 1
        return transaction(**kwargs)

    monkeypatch.setattr(lore_service.db, "transaction", counted)
    pages = "".join(page(f"Buoy {n}", f"A warning buoy beside [[Buoy {n - 1}]].") for n in range(1000))
    summary = await lore_bulk.import_export(
        lore_service, BATCHED, io.BytesIO(export(pages)), Kind.PLACE, processes=0
    )
    assert (summary.imported, summary.skipped, opened) == (1000, [], 1)
    last = await lore_service.find(BATCHED, "Buoy 999")
    assert [e.title for e in await lore_service.related(last)] == ["Buoy 998"]


async def test_while_the_workers_start_one_batch_is_prepared_here_and_the_next_wait_for_them() -> None:
    """The importing process writes: it prepares the first batch only (the workers take a second
    to start), not every batch handed over before they are up, which left it nothing to overlap."""

    class Here(ThreadPoolExecutor):  # the preparer's thread, counting the batches it prepares
        batches = 0

        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
            self.batches += 1
            return super().submit(fn, *args, **kwargs)

    articles = [p for p in read_export(io.BytesIO(WIKI)) if p.skip is None]
    preparer = Preparer(1)
    preparer._thread.shutdown()
    preparer._thread = here = Here(1)
    try:
        done = await asyncio.gather(*(preparer(articles, Kind.EVENT) for _ in range(3)))
    finally:
        preparer.close()
    assert done == [prepare(articles, Kind.EVENT)] * 3
    assert here.batches == 1
