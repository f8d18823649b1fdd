"""A channel's conference is found by index (issue #21, point 5): `/accord join` and `propose` look
it up on every use, at once on the loop's own connection, so the lookup must never read every
server's conference messages (game_messages) nor every game of a big server."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.storage import SqliteDatabase
from bot.storage import games as store
from tests.support import postgres

pytestmark = pytest.mark.skipif(postgres.postgres_wanted(), reason="SQLite's query planner")

LOOKUPS = {
    "the channel's last conference": f"{store.HEADS} WHERE {store.OF_CHANNEL} ORDER BY id DESC LIMIT 1",
    "whether one runs in it": f"SELECT 1 FROM games WHERE {store.OF_CHANNEL}"
    f" AND json_extract(state, '$.phase') IN ({store.RUNNING})",
}


@pytest.mark.parametrize("lookup", LOOKUPS)
async def test_the_channel_lookup_searches_indexes_and_scans_no_table(tmp_path: Path, lookup: str) -> None:
    db = await SqliteDatabase.open(tmp_path / "khitomer.db")
    await db.close()
    with sqlite3.connect(tmp_path / "khitomer.db") as conn:
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {LOOKUPS[lookup]}", (1, 2, 2))]
    assert not [step for step in plan if step.startswith("SCAN")], plan
    assert any("game_messages USING" in step for step in plan), plan
    assert any("games USING COVERING INDEX" in step for step in plan), plan
