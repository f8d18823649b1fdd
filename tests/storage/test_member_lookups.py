"""A member's data is read and forgotten by their id through indexes (migration 0022): no statement
of /mydata show, export or forget reads a table whole, on either backend (the outbox, a queue
of messages not yet posted, aside)."""

from __future__ import annotations

import re

import pytest

from bot.domain.accords.commands import Join, Leave
from bot.services import member_data
from bot.services.accords import AccordService
from bot.storage import Database
from tests.support.postgres import OpenDb

GUILD, HOST, PLAYER = 100, 1, 5
POWERS = ("Klingon Empire", "Romulan Star Empire")
QUEUE = {"outbox"}  # read whole on purpose: transient, and a message names members only in its text


@pytest.fixture
async def db(open_db: OpenDb):  # type: ignore[no-untyped-def]
    opened = await open_db()
    yield opened
    await opened.close()


async def plan(db: Database, statement: str) -> str:
    if db.dialect.postgres:  # scans priced out: a Seq Scan left means no index could serve

        async def read(conn) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
            await conn.execute("SET LOCAL enable_seqscan = off")
            return [tuple(r) for r in await conn.fetch_all(f"EXPLAIN (FORMAT TEXT) {statement}")]

        return " | ".join(str(r) for r in await db.read_now(read))
    return " | ".join(str(tuple(r)) for r in await db.fetch_all(f"EXPLAIN QUERY PLAN {statement}"))


def whole_tables(db: Database, planned: str) -> set[str]:
    pattern = r"Seq Scan on (\w+)" if db.dialect.postgres else r"SCAN (\w+)(?! USING)"
    return {table for table in re.findall(pattern, planned) if not table.startswith(("sqlite_", "CONSTANT"))}


async def test_show_export_and_forget_read_by_index(db: Database) -> None:
    service = AccordService(db)
    game = await service.convene(GUILD, 200, HOST, "Talks", POWERS)
    await service.act(GUILD, game.game_id, Join("Klingon Empire"), PLAYER)
    await service.act(GUILD, game.game_id, Leave(), PLAYER)
    statements: list[str] = []
    await db.trace(statements.append)
    try:
        assert [h.conferences for h in await member_data.held(db, PLAYER)] == [1]
        await member_data.export(db, PLAYER, str, "now")
        assert await member_data.running(db, PLAYER) == []
        done = await member_data.forget(db, PLAYER, dry_run=True)
    finally:
        await db.trace(None)
    assert done.minutes == 2 and done.conferences == 1
    read = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE"))]
    assert len(read) > 20
    scanned = {}
    for statement in read:
        if whole := whole_tables(db, await plan(db, statement)) - QUEUE:
            scanned[statement[:120]] = whole
    assert scanned == {}
