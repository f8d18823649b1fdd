"""Server lore rows and the lore index, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.lore import canon_lore, content_hash
from bot.domain.errors import InvalidInput
from bot.domain.lore import Kind, Years
from bot.storage import Database
from bot.storage import lore as store
from bot.storage.stats import content_counts


@pytest.fixture
async def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    database = await Database.open(tmp_path / "k.db")
    yield database
    await database.close()


DRAFT = store.Draft(
    "Battle of Zeta", Kind.BATTLE, "A skirmish.", "Body.", ("Zeta",), Years(2380, 2381), ("Klingon Empire",)
)


async def test_canon_is_indexed_once_per_content(db: Database) -> None:
    canon = canon_lore()
    assert await store.sync_canon(db, canon, content_hash(canon)) is True
    assert await store.sync_canon(db, canon, content_hash(canon)) is False
    count = await db.fetch_one("SELECT count(*) FROM lore_search WHERE guild_id = 0")
    assert count[0] == len(canon)


async def test_add_update_remove_keep_rows_and_index_together(db: Database) -> None:
    entry = await store.add(db, 7, 99, DRAFT)
    assert (await store.get(db, 7, store.server_id_of(entry.key) or 0)) == entry
    assert entry.years == Years(2380, 2381) and entry.aliases == ("Zeta",)
    updated = await store.update(
        db,
        7,
        store.server_id_of(entry.key) or 0,
        store.Draft("Battle of Zeta Prime", Kind.BATTLE, "A rout.", "Body."),
    )
    rows = await db.fetch_all("SELECT title FROM lore_search WHERE key = ?", (entry.key,))
    assert [r["title"] for r in rows] == ["Battle of Zeta Prime"] and updated.summary == "A rout."
    assert await store.remove(db, 7, store.server_id_of(entry.key) or 0) is True
    assert (await db.fetch_one("SELECT count(*) FROM lore_search WHERE key = ?", (entry.key,)))[0] == 0
    assert (await content_counts(db)).lore_entries == 0


async def test_a_server_cannot_touch_another_servers_entry(db: Database) -> None:
    entry = await store.add(db, 7, 99, DRAFT)
    entry_id = store.server_id_of(entry.key) or 0
    assert await store.get(db, 8, entry_id) is None
    assert await store.remove(db, 8, entry_id) is False
    with pytest.raises(InvalidInput, match="no longer exists"):
        await store.update(db, 8, entry_id, DRAFT)
    assert (await content_counts(db)).lore_entries == 1


async def test_titles_are_unique_per_server(db: Database) -> None:
    await store.add(db, 7, 99, DRAFT)
    with pytest.raises(InvalidInput, match="already has an entry"):
        await store.add(db, 7, 99, store.Draft("BATTLE OF ZETA", Kind.EVENT, "x", ""))
    await store.add(db, 8, 99, DRAFT)
    assert (await content_counts(db)).lore_entries == 2
