"""An entry's postings kept in its own row (lore_entries.postings, migration 0024), not found
through an index on lore_postings(entry) as large as the table (issue #21, point 4): whatever
writes, edits or removes an entry (one at a time, a batch of an import, the upgrade of a database
written before) leaves lore_postings exactly as the entries' rows say. Both backends."""

from __future__ import annotations

import io
from pathlib import Path

from bot.domain.lore import Kind
from bot.services import lore_text as text
from bot.services.lore import LoreService, analysed
from bot.services.lore_bulk import import_export
from bot.storage import Database
from bot.storage import lore as store
from bot.storage.lore_index import impacts_of
from tests.services.test_wiki_export import export, page
from tests.storage.test_lore_names import counts
from tests.support.older_schema import migrations_before, opened

GUILD = 7


async def kept_and_real(db: Database, guild_id: int = GUILD) -> tuple[set[tuple[str, float, str]], ...]:
    """The postings the server's entry rows keep, and those lore_postings holds for the server."""
    kept = {
        (term, impact, store.server_key(int(row["id"])))
        for row in await db.fetch_all("SELECT id, postings FROM lore_entries WHERE guild_id = ?", (guild_id,))
        for term, impact in impacts_of(row["postings"]).items()
    }
    real = {
        (r["term"], r["impact"], r["entry"])
        for r in await db.fetch_all(
            "SELECT term, impact, entry FROM lore_postings WHERE scope = ?", (guild_id,)
        )
    }
    return kept, real


async def by_entry_index(db: Database) -> list[str]:
    if db.dialect.postgres:
        sql = "SELECT indexname AS name FROM pg_indexes WHERE indexname = 'lore_postings_by_entry'"
    else:
        sql = "SELECT name FROM sqlite_master WHERE name = 'lore_postings_by_entry'"
    return [row["name"] for row in await db.fetch_all(sql)]


def draft(title: str, summary: str) -> store.Draft:
    return store.Draft(title, Kind.PLACE, summary, "The relay keeps watch on the border.")


async def test_add_edit_and_remove_keep_the_rows_postings_and_the_index_alike(
    lore_service: LoreService,
) -> None:
    db = lore_service.db
    assert await by_entry_index(db) == []
    first = await store.add(
        db, GUILD, 1, draft("Outpost Vorda", "A listening post near the border."), analysed
    )
    second = await store.add(db, GUILD, 1, draft("Kavarek Station", "A border station."), analysed)
    kept, real = await kept_and_real(db)
    assert kept == real and {key for _t, _i, key in real} == {first.key, second.key}
    assert ("vorda", first.key) in {(t, key) for t, _i, key in real}

    await store.update(
        db, GUILD, store.server_id_of(first.key) or 0, draft("Outpost Vorda", "A ruin."), analysed
    )
    await store.remove(db, GUILD, store.server_id_of(second.key) or 0)
    kept, real = await kept_and_real(db)
    assert kept == real and {key for _t, _i, key in real} == {first.key}
    assert "listen" not in {t for t, _i, _key in real}  # the old summary's words went
    terms, counted = await counts(db)
    assert terms == counted  # each term's count of entries followed


async def test_an_import_run_twice_updates_the_postings_it_wrote(lore_service: LoreService) -> None:
    pages = "".join(page(f"Relay {n}", f"Relay {n} watches the [[Relay {n + 1}]] border.") for n in range(12))
    await import_export(lore_service, GUILD, io.BytesIO(export(pages)), Kind.PLACE, processes=0)
    again = "".join(page(f"Relay {n}", f"Relay {n} fell silent in {2300 + n}.") for n in range(12))
    summary = await import_export(lore_service, GUILD, io.BytesIO(export(again)), Kind.PLACE, processes=0)
    assert summary.updated == 12
    kept, real = await kept_and_real(lore_service.db)
    assert kept == real and len({key for _t, _i, key in real}) == 12
    assert "watch" not in {t for t, _i, _key in real} and "silent" in {t for t, _i, _key in real}
    terms, counted = await counts(lore_service.db)
    assert terms == counted


async def test_the_upgrade_keeps_the_postings_of_entries_written_before(
    tmp_path: Path, database_url: str | None
) -> None:
    """A database at version 23 (postings found through lore_postings_by_entry) is upgraded: each
    entry's row gets the postings it had, and removing it afterwards leaves none behind."""
    source, older = migrations_before(tmp_path, database_url, "_entry_postings.sql")
    db = await opened(tmp_path, database_url, older)
    assert await by_entry_index(db) == ["lore_postings_by_entry"]
    async with db.transaction() as conn:
        for title in ("Outpost Vorda", "Kavarek Station"):
            await conn.execute(
                "INSERT INTO lore_entries (guild_id, title, kind, aliases, factions, summary, body,"
                " author_id, created_at, updated_at)"
                " VALUES (?, ?, 'place', '[]', '[]', 'S.', 'B.', 1, '', '')",
                (GUILD, title),
            )
        rows = await conn.fetch_all("SELECT id FROM lore_entries ORDER BY id")
        keys = [store.server_key(int(row["id"])) for row in rows]
        postings = [
            (GUILD, "border", 0.5, keys[0]),
            (GUILD, "vorda", 1.2345, keys[0]),
            (GUILD, "border", 0.75, keys[1]),
        ]
        await conn.executemany(
            "INSERT INTO lore_postings (scope, term, impact, entry) VALUES (?, ?, ?, ?)", postings
        )
        await conn.executemany(
            "INSERT INTO lore_terms (scope, term, entries) VALUES (?, ?, ?)",
            [(GUILD, "border", 2), (GUILD, "vorda", 1), (GUILD, "", 2)],
        )
    await db.close()

    db = await opened(tmp_path, database_url, source)
    try:
        assert await by_entry_index(db) == []
        kept, real = await kept_and_real(db)
        assert kept == real == {(t, i, key) for _s, t, i, key in postings}
        await store.remove(db, GUILD, store.server_id_of(keys[0]) or 0)
        kept, real = await kept_and_real(db)
        assert kept == real == {("border", 0.75, keys[1])}
        terms, _counted = await counts(db)
        assert terms == {"border": 1, "": 1}
    finally:
        await db.close()


async def test_indexing_keeps_no_entry_in_the_cache_of_the_entries_questions_rank(open_db) -> None:  # type: ignore[no-untyped-def]
    """The canon index built at start-up, and every entry an import analyses, are read once:
    kept in fields_of's cache they held about 0.5 MiB (canon alone) that no question had shown."""
    text.fields_of.cache_clear()
    db = await open_db()
    lore = LoreService(db)
    await lore.start()  # a new database: canon is indexed
    try:
        canon = await db.fetch_one("SELECT count(*) AS n FROM lore_postings WHERE scope = 0")
        assert canon is not None and canon["n"] > 1000
        await store.add(db, GUILD, 1, draft("Outpost Vorda", "A listening post near the border."), analysed)
        assert text.fields_of.cache_info().currsize == 0
        found = await lore.search(GUILD, "where is outpost vorda")
        assert found.hits[0].entry.title == "Outpost Vorda"
        assert text.fields_of.cache_info().currsize > 0  # what questions rank is kept
    finally:
        await lore.stop()
        await db.close()
