"""A server's timeline a page at a time (bot/storage/lore_timeline.py, bot/services/lore_timeline.py):
rows kept with the entries, pages read by keyset with LIMIT and without bodies, canon merged in."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from bot.content.lore import canon_lore
from bot.domain.lore import Kind, LoreEntry, Years
from bot.domain.lore_facts import Facts
from bot.services.lore import analysed
from bot.services.lore_timeline import Asked, At, Timeline, place_of, sort_key
from bot.storage import Database
from bot.storage import lore as store
from bot.storage import lore_timeline as timeline
from tests.support.older_schema import migrations_before, opened
from tests.support.postgres import OpenDb

GUILD, OTHER = 7, 8


@pytest.fixture
async def db(open_db: OpenDb):  # type: ignore[no-untyped-def]
    database = await open_db()
    yield database
    await database.close()


def draft(title: str, years: Years, factions: tuple[str, ...] = (), kind: Kind = Kind.EVENT) -> store.Draft:
    return store.Draft(title, kind, f"About {title}.", "A body nobody reads here.", (), years, factions)


async def fill(db: Database, count: int, guild: int = GUILD) -> list[LoreEntry]:
    """`count` dated entries (every third a Kzinti one, some sharing years), an undated one and a
    source: what the timeline must leave out."""
    added = []
    for i in range(count):
        factions = ("Kzinti Patriarchy",) if i % 3 == 0 else ("Klingon Empire", "klingons")
        years = Years(2300 + i // 2, 2300 + i // 2 + (i % 4))
        added.append(await store.add(db, guild, 1, draft(f"Event {i:03d}", years, factions), analysed))
    await store.add(db, guild, 1, draft("Undated", Years(), ("Kzinti Patriarchy",)), analysed)
    await store.add(db, guild, 1, draft("A Book", Years(2301), ("Kzinti Patriarchy",), Kind.SOURCE), analysed)
    return added


async def read_all(db: Database, factions: tuple[str, ...] | None, limit: int, **span: int) -> list[str]:
    """Every page from the start, each read after the last entry of the one before."""
    titles: list[str] = []
    after = None
    while True:
        entries, _ = await timeline.page(
            db, GUILD, factions, span.get("low"), span.get("high"), after, limit=limit
        )
        assert len(entries) <= limit
        titles += [e.title for e in entries]
        if len(entries) < limit:
            return titles
        last = entries[-1]
        first, end = timeline.years_of(last) or (0, 0)
        after = timeline.Place(first, end, last.title, store.server_id_of(last.key) or 0)


async def test_pages_follow_one_another_in_timeline_order(db: Database) -> None:
    added = await fill(db, 40)
    await fill(db, 5, OTHER)  # another server's entries never show
    ordered = [e.title for e in sorted(added, key=sort_key)]
    assert await read_all(db, None, 7) == ordered
    kzinti = [e.title for e in sorted(added, key=sort_key) if "Kzinti Patriarchy" in e.factions]
    assert await read_all(db, ("Kzinti Patriarchy",), 4) == kzinti
    both = await read_all(db, ("Klingon Empire", "klingons"), 5)  # filed twice, shown once
    assert both == [t for t in ordered if t not in kzinti]
    spanning = [e.title for e in sorted(added, key=sort_key) if e.years.overlaps(2310, 2312)]
    assert await read_all(db, None, 3, low=2310, high=2312) == spanning  # 2309-2312 reaches in
    assert await timeline.factions_in(db, GUILD) == ["Klingon Empire", "Kzinti Patriarchy", "klingons"]


async def test_rows_follow_edits_and_removals(db: Database) -> None:
    entry = (await fill(db, 1))[0]
    entry_id = store.server_id_of(entry.key) or 0
    await store.update(db, GUILD, entry_id, draft("Renamed", Years(2400), ("Gorn Hegemony",)), analysed)
    entries, _ = await timeline.page(db, GUILD, ("Gorn Hegemony",), None, None, limit=5)
    assert [(e.title, e.years) for e in entries] == [("Renamed", Years(2400))]
    assert not (await timeline.page(db, GUILD, ("Kzinti Patriarchy",), 2300, 2300, limit=5))[0]
    await store.remove(db, GUILD, entry_id)
    assert not (await timeline.page(db, GUILD, None, None, None, limit=5))[0]
    assert "Gorn Hegemony" not in await timeline.factions_in(db, GUILD)


async def test_a_page_reads_at_most_a_page_and_no_body(db: Database) -> None:
    await fill(db, 60)
    statements: list[str] = []
    await db.trace(statements.append)
    try:
        entries, _ = await timeline.page(db, GUILD, None, 2305, None, limit=5)
    finally:
        await db.trace(None)
    assert len(entries) == 5 and all(e.body == "" for e in entries)
    full = await store.entries_by_keys(db, GUILD, [e.key for e in entries])  # the rest as stored
    assert entries == [replace(e, body="", aliases=(), related=(), facts=Facts()) for e in full]
    reads = [s for s in statements if "FROM lore_timeline" in s and "max(span)" not in s]
    assert reads and all(re.search(r"LIMIT 5\)", s) and re.search(r"LIMIT 5$", s) for s in reads)
    assert not any("body" in s.replace("'' AS body", "") for s in statements)
    if not db.dialect.postgres:  # SQLite: each table is reached by an index, never scanned
        plan = " | ".join(str(tuple(r)) for r in await db.fetch_all(f"EXPLAIN QUERY PLAN {reads[0]}"))
        assert "USING COVERING INDEX lore_timeline_in_order" in plan, plan
        assert "SEARCH e USING INTEGER PRIMARY KEY" in plan, plan
        assert not re.search(r"SCAN (lore_timeline|lore_entries|e)\b", plan), plan


async def test_canon_merges_into_the_servers_pages_both_ways(db: Database) -> None:
    await fill(db, 30)
    service = Timeline(db, canon_lore())
    asked = Asked(None, 2280, 2320)
    pages, at = [], At()
    while True:
        page = await service.page(GUILD, asked, at, limit=6)
        pages.append([e.key for e in page.entries])
        if not page.after:
            break
        at = At(place_of(page.entries[-1]))
    forward = [key for keys in pages for key in keys]
    assert len(forward) == len(set(forward)) and any(not k.startswith("server-") for k in forward)
    assert all(len(keys) == 6 for keys in pages[:-1])
    every = (await service.page(GUILD, asked, limit=1000)).entries
    assert forward == [e.key for e in every]
    back = await service.page(GUILD, asked, At(place_of(every[13]), back=True), limit=6)
    assert [e.key for e in back.entries] == forward[7:13] and back.before and back.after
    first = await service.page(GUILD, asked, At(place_of(every[3]), back=True), limit=6)
    assert [e.key for e in first.entries] == forward[:3] and not first.before


async def test_a_place_that_names_nothing_reads_from_the_start(db: Database) -> None:
    await fill(db, 10)
    service = Timeline(db, ())
    start = await service.page(GUILD, Asked(), limit=4)
    for token in ("s999.2300.2300x", "cno-such-entry", "", "s1.99999999.1"):
        assert (await service.page(GUILD, Asked(), At(token), limit=4)).entries[:1] == start.entries[:1]
    gone = start.entries[1]
    await store.remove(db, GUILD, store.server_id_of(gone.key) or 0)
    after_gone = await service.page(GUILD, Asked(), At(place_of(gone)), limit=4)
    assert gone not in after_gone.entries and start.entries[2] in after_gone.entries


async def test_the_migration_fills_the_timeline_from_the_entries_there_are(
    tmp_path: Path, database_url: str | None
) -> None:
    """Entries written before the timeline's table get their rows when the database is migrated."""
    source, older = migrations_before(tmp_path, database_url, "_lore_timeline.sql")
    db = await opened(tmp_path, database_url, older)
    async with db.transaction() as conn:
        for title, kind, start, end, factions in (
            ("Raid", "battle", 2300, None, '["Kzinti Patriarchy", "Kzinti Patriarchy", "", "Gorn"]'),
            ("Siege", "battle", None, 2310, "[]"),
            ("Undated", "person", None, None, '["Kzinti Patriarchy"]'),
            ("A Book", "source", 2301, None, '["Orions"]'),
        ):
            await conn.execute(
                "INSERT INTO lore_entries (guild_id, title, kind, year_start, year_end, factions, summary,"
                " body, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'S.', 'B.', 1, '', '')",
                (GUILD, title, kind, start, end, factions),
            )
    await db.close()
    db = await opened(tmp_path, database_url, source)
    try:
        rows = await db.fetch_all(
            "SELECT e.title, t.faction, t.year_first, t.year_last, t.span FROM lore_timeline AS t"
            " JOIN lore_entries AS e ON e.id = t.entry_id WHERE t.guild_id = ? ORDER BY e.id, t.faction",
            (GUILD,),
        )
        assert [tuple(r) for r in rows] == [
            ("Raid", "", 2300, 2300, 0),
            ("Raid", "Gorn", 2300, 2300, 0),
            ("Raid", "Kzinti Patriarchy", 2300, 2300, 0),
            ("Siege", "", 2310, 2310, 0),
            ("Undated", "Kzinti Patriarchy", None, None, None),
            ("A Book", "Orions", None, None, None),
        ]
        assert await timeline.factions_in(db, GUILD) == ["Gorn", "Kzinti Patriarchy", "Orions"]
    finally:
        await db.close()
