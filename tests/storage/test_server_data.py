"""A server's data as storage sees it (issue #24): every table is either purged by server or holds
nothing of one; which servers the database holds data of; pending purges by shard."""

from __future__ import annotations

import pytest

from bot.content.privacy import data_policy
from bot.domain.privacy import server_columns
from bot.domain.shards import shard_of
from bot.storage import Database
from bot.storage import server_data as data
from bot.storage import server_departures as store
from tests.support.postgres import OpenDb
from tests.support.stored_ids import tables_and_columns

# Two servers on shard 0 and one on shard 1 of 2 (Discord's formula: (id >> 22) % count).
A, B, C = (1 << 22) * 1000, (1 << 22) * 1002, (1 << 22) * 1001
assert [shard_of(g, 2) for g in (A, B, C)] == [0, 0, 1]


@pytest.fixture
async def db(open_db: OpenDb):  # type: ignore[no-untyped-def]
    opened = await open_db()
    yield opened
    await opened.close()


async def test_every_table_is_purged_by_server_or_named_as_holding_no_server(db: Database) -> None:
    tables = {t for t in await tables_and_columns(db) if not t.startswith(data.SHADOWS_OF)}
    unaccounted = tables - data.per_server_tables() - data.NOT_PER_SERVER
    assert not unaccounted, (
        f"tables neither purged with a server nor named as holding none: {sorted(unaccounted)} "
        "(bot/storage/server_data.py PARTS or NOT_PER_SERVER)"
    )
    assert data.per_server_tables() <= tables, "every part names a real table"


async def _insert(db: Database, sql: str, rows: list[tuple[object, ...]]) -> None:
    async def work(conn):  # type: ignore[no-untyped-def]
        await conn.executemany(sql, rows)

    await db.write_now(work)


async def test_the_servers_with_data_are_found_in_every_kind_of_table(db: Database) -> None:
    assert await store.stored_guilds(db) == set()
    await _insert(db, "INSERT INTO guild_settings (guild_id, name, value) VALUES (?, 'x', 'y')", [(A,)])
    await _insert(
        db,
        "INSERT INTO outbox (guild_id, channel_id, kind, body, created, due)"
        " VALUES (?, 1, 'text', '{}', 0, 0)",
        [(B,)],
    )
    await _insert(
        db,
        "INSERT INTO error_reports (reference, occurred_at, guild_id, error_type, traceback)"
        " VALUES (?, 'now', ?, 'KeyError', '')",
        [("r1", C), ("r2", None)],  # an error in a direct message belongs to no server
    )
    await _insert(db, "INSERT INTO reputation (guild_id, user_id) VALUES (?, ?)", [(A, 1), (A, 2), (C, 1)])
    assert await store.stored_guilds(db) == {A, B, C}
    assert await store.stored_guilds(db, shards=(2, (0,))) == {A, B}
    assert await store.stored_guilds(db, shards=(2, (1,))) == {C}


async def test_pending_purges_are_read_by_shard_and_in_order(db: Database) -> None:
    await store.leave(db, A, "Alpha", 10.0, 50.0)
    await store.leave(db, C, "Gamma", 20.0, 30.0)
    await store.left_unseen(db, [B, A], 40.0, 70.0)  # A keeps its own, earlier, times
    assert [(d.guild_id, d.name, d.purge_at) for d in await store.pending(db)] == [
        (C, "Gamma", 30.0), (A, "Alpha", 50.0), (B, None, 70.0),
    ]  # fmt: skip
    assert [d.guild_id for d in await store.pending(db, shards=(2, (0,)))] == [A, B]
    assert await store.next_due(db, shards=(2, (0,))) == 50.0
    assert await store.next_due(db, shards=(2, (1,))) == 30.0
    assert [d.guild_id for d in await store.due(db, 50.0, shards=(2, (0,)))] == [A]
    await store.leave(db, A, "Alpha again", 60.0, 90.0)  # removed again after coming back
    assert (await store.get(db, A)) == store.Departure(A, "Alpha again", 60.0, 90.0)
    assert await store.cancel(db, A) and not await store.cancel(db, A)
    assert await store.next_due(db, shards=(2, (0,))) == 70.0


async def test_a_purge_at_its_deadline_does_nothing_once_cancelled(db: Database) -> None:
    await _insert(db, "INSERT INTO reputation (guild_id, user_id) VALUES (?, 1)", [(A,)])
    await store.leave(db, A, "Alpha", 10.0, 50.0)
    assert await data.purge(db, A, due_by=49.0) is None, "not due yet"
    await store.cancel(db, A)
    assert await data.purge(db, A, due_by=60.0) is None, "added back: kept"
    assert await data.counts(db, A) == {"reputation records": 1}
    purged = await data.purge(db, A)
    assert purged is not None and purged.counts == {"reputation records": 1} and purged.rows == 1
    assert await data.counts(db, A) == {}


async def test_canon_is_never_a_server_to_purge(db: Database) -> None:
    with pytest.raises(ValueError, match="not a server's id"):
        await data.purge(db, 0)
    with pytest.raises(ValueError, match="not a server's id"):
        await data.counts(db, 0)


def test_what_the_data_statements_say_ties_rows_to_a_server_is_what_a_purge_clears() -> None:
    """The README promises that a server's data is deleted (data/privacy.toml): every table a
    statement ties to a server is one the purge clears."""
    promised = {column.split(".", 1)[0] for column in server_columns(data_policy())}
    assert promised - data.per_server_tables() == set()
