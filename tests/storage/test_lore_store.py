"""Server lore rows and the lore index, on a real SQLite file."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.content.lore import canon_lore
from bot.domain.errors import InvalidInput
from bot.domain.lore import Kind, Years
from bot.domain.lore_facts import Facts, parse_facts
from bot.services.lore import LoreService, analysed
from bot.storage import Database
from bot.storage import lore as store
from bot.storage.stats import content_counts
from tests.support.postgres import OpenDb


@pytest.fixture
async def db(open_db: OpenDb):  # type: ignore[no-untyped-def]
    database = await open_db()
    yield database
    await database.close()


DRAFT = store.Draft(
    "Battle of Zeta", Kind.BATTLE, "A skirmish.", "Body.", ("Zeta",), Years(2380, 2381), ("Klingon Empire",)
)


async def test_canon_is_indexed_once_per_content(db: Database) -> None:
    service = LoreService(db)
    await service.start()
    count = await db.fetch_one("SELECT count(DISTINCT entry) FROM lore_postings WHERE scope = 0")
    assert count[0] == len(canon_lore())
    written: list[str] = []
    await db.trace(written.append)
    try:
        await LoreService(db).start()  # the same data: nothing is written again
    finally:
        await db.trace(None)
    assert not [sql for sql in written if sql.startswith(("INSERT", "DELETE"))]


async def test_add_update_remove_keep_rows_and_index_together(db: Database) -> None:
    entry = await store.add(db, 7, 99, DRAFT, analysed)
    assert (await store.get(db, 7, store.server_id_of(entry.key) or 0)) == entry
    assert entry.years == Years(2380, 2381) and entry.aliases == ("Zeta",)
    updated = await store.update(
        db,
        7,
        store.server_id_of(entry.key) or 0,
        store.Draft("Battle of Zeta Prime", Kind.BATTLE, "A rout.", "Body."),
        analysed,
    )
    rows = await db.fetch_all("SELECT term FROM lore_postings WHERE entry = ? AND scope = 7", (entry.key,))
    assert {"prime", "rout"} <= {r["term"] for r in rows} and updated.summary == "A rout."
    assert "skirmish" not in {r["term"] for r in rows}  # the old words went with the old text
    assert await store.remove(db, 7, store.server_id_of(entry.key) or 0) is True
    assert (await db.fetch_one("SELECT count(*) FROM lore_postings WHERE entry = ?", (entry.key,)))[0] == 0
    assert (await content_counts(db)).lore_entries == 0


async def test_an_entry_and_its_index_are_written_together_or_not_at_all(db: Database) -> None:
    def broken(_entry: object) -> object:
        raise RuntimeError("the analyser failed")

    with pytest.raises(RuntimeError):
        await store.add(db, 7, 99, DRAFT, broken)  # type: ignore[arg-type]
    assert (await content_counts(db)).lore_entries == 0


async def test_a_server_cannot_touch_another_servers_entry(db: Database) -> None:
    entry = await store.add(db, 7, 99, DRAFT, analysed)
    entry_id = store.server_id_of(entry.key) or 0
    assert await store.get(db, 8, entry_id) is None
    assert await store.remove(db, 8, entry_id) is False
    with pytest.raises(InvalidInput, match="no longer exists"):
        await store.update(db, 8, entry_id, DRAFT, analysed)
    assert (await content_counts(db)).lore_entries == 1


async def test_titles_are_unique_per_server(db: Database) -> None:
    await store.add(db, 7, 99, DRAFT, analysed)
    with pytest.raises(InvalidInput, match="already has an entry"):
        await store.add(db, 7, 99, store.Draft("BATTLE OF ZETA", Kind.EVENT, "x", ""), analysed)
    await store.add(db, 8, 99, DRAFT, analysed)
    assert (await content_counts(db)).lore_entries == 2


async def test_lore_written_before_the_index_existed_is_indexed_once(db: Database) -> None:
    """After the upgrade that brought the index, old rows are indexed at the first start, and
    later starts check nothing (a scan of a million entries took 14 s at every start)."""
    await db.write_now(
        lambda conn: conn.execute(
            "INSERT INTO lore_entries (guild_id, title, kind, summary, body, author_id, created_at,"
            " updated_at) VALUES (7, 'Siege of AR-558', 'battle', 'A long siege.', 'Mines.', 1, 'x', 'x')"
        )
    )
    service = LoreService(db)
    await service.start()
    assert [h.entry.title for h in (await service.search(7, "siege")).hits] == ["Siege of AR-558"]
    written: list[str] = []
    await db.trace(written.append)  # writes and reads
    try:
        await LoreService(db).start()
    finally:
        await db.trace(None)
    assert any("content_versions" in sql for sql in written)  # the trace sees the reads
    assert not [sql for sql in written if "lore_entries" in sql or sql.startswith(("INSERT", "DELETE"))]


async def test_the_one_statement_read_gives_what_the_range_reads_give(db: Database) -> None:
    """On PostgreSQL a question's index read is one statement (a round trip costs ~100 µs); it must
    find exactly what the per-term range reads find (on SQLite both are the range reads)."""
    from bot.storage import lore_index

    service = LoreService(db)
    await service.start()
    await store.add(db, 7, 99, DRAFT, analysed)
    terms = ["klingon", "romulan", "allianc", "zeta", "withdrew", "nosuchterm"]
    for scopes in ([0], [0, 7], [7], [0, 8]):
        at_once = await lore_index.retrieve(db, scopes, len(canon_lore()), terms, 30)
        by_range = await db.read_now(
            lambda conn, s=scopes: lore_index._retrieve(conn, s, len(canon_lore()), terms, 30)
        )
        assert at_once == by_range, scopes
        assert (at_once.frequency["klingon"] > 0) == (0 in scopes) and at_once.frequency["nosuchterm"] == 0
        assert at_once.entries == len(canon_lore()) * (0 in scopes) + (7 in scopes)


async def test_facts_are_stored_kept_on_an_edit_that_leaves_them_and_replaced(db: Database) -> None:
    facts = parse_facts({"born": 2340, "role": "a Romulan commander", "signatories": ["A", "B"]})
    entry = await store.add(db, 7, 99, replace(DRAFT, facts=facts), analysed)
    entry_id = store.server_id_of(entry.key) or 0
    assert entry.facts == facts and (await store.get(db, 7, entry_id)) == entry
    kept = await store.update(db, 7, entry_id, replace(DRAFT, summary="A rout."), analysed)
    assert kept.facts == facts  # facts=None: left as they are
    cleared = await store.update(db, 7, entry_id, replace(DRAFT, facts=Facts()), analysed)
    assert not cleared.facts and not (await store.get(db, 7, entry_id)).facts  # type: ignore[union-attr]
    assert (await store.add(db, 7, 99, replace(DRAFT, title="Other"), analysed)).facts == Facts()


async def test_stored_facts_a_release_no_longer_knows_are_left_out(db: Database) -> None:
    entry = await store.add(db, 7, 99, DRAFT, analysed)
    assert (await db.fetch_one("SELECT facts FROM lore_entries"))[0] == "{}"  # the column's default
    await db.write_now(
        lambda conn: conn.execute(
            "UPDATE lore_entries SET facts = ?", ('{"born": 2340, "motto": "Qapla\'", "died": "soon"}',)
        )
    )
    found = await store.get(db, 7, store.server_id_of(entry.key) or 0)
    assert found is not None and found.facts.as_dict() == {"born": 2340}
    await db.write_now(lambda conn: conn.execute("UPDATE lore_entries SET facts = '[1]'"))
    assert not (await store.in_guild(db, 7))[0].facts
