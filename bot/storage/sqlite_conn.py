"""SQLite's connections behind the Conn interface (bot/storage/backend.py), and what keeps
every read to committed data: reads on a connection of their own, work on the loop's connection
run at once, notices held until their transaction commits."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from .backend import Conn, Dialect, Notices
from .sqlite_files import connect_file

SQLITE = Dialect("sqlite")
T = TypeVar("T")
C = TypeVar("C", bound=Conn)


def at_once(work: Awaitable[T]) -> T:
    """Run `work` to its end now, without letting any other coroutine run: it may await only a
    SyncConn, whose awaits never suspend. Work that waits on anything else is refused, since
    whatever ran meanwhile would share its connection, inside its transaction."""
    steps = work.__await__()
    try:
        steps.send(None)
    except StopIteration as done:
        result: T = done.value
        return result
    steps.close()
    raise RuntimeError(
        "work given to write_now() or read_now() waited on something other than its connection;"
        " use transaction() for work that waits"
    )


async def connect_reads(path: Path, setup: str) -> aiosqlite.Connection:
    """A connection for reads outside any transaction, on a thread of its own: each statement
    reads the last committed state (WAL), never another coroutine's open transaction, and none
    can write through it."""
    conn = await connect_file(path)
    try:
        await conn.executescript(f"{setup} PRAGMA query_only = ON;")
    except BaseException:
        await conn.close()
        raise
    conn.row_factory = sqlite3.Row
    return conn


class SyncConn:
    """A synchronous sqlite3 connection behind the async Conn interface: its awaits never
    leave the event loop's thread, so a small transaction costs its SQL and nothing more."""

    dialect = SQLITE

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        return self._conn.execute(sql, tuple(params)).rowcount

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return self._conn.execute(sql, tuple(params)).fetchall()

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._conn.execute(sql, tuple(params)).fetchone()
        return row


class AioConn:
    """aiosqlite behind the Conn interface: each statement runs on aiosqlite's own thread."""

    dialect = SQLITE

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        async with self._conn.execute(sql, tuple(params)) as cursor:
            return cursor.rowcount

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self._conn.executemany(sql, rows)

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        async with self._conn.execute(sql, tuple(params)) as cursor:
            return list(await cursor.fetchall())

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        async with self._conn.execute(sql, tuple(params)) as cursor:
            row: sqlite3.Row | None = await cursor.fetchone()
            return row


class ReadConn:
    """Reads outside any transaction, each statement run to its end in one step on aiosqlite's
    thread (one hop, not three): a statement left open keeps its snapshot, and a read begun after
    a commit would share it and miss the commit."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return list(await self._conn.execute_fetchall(sql, tuple(params)))

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        """The first row of a query meant to return one (by key, or an aggregate)."""
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None


class HeldNotices:
    """The notices of the one open write transaction: delivered once it commits, dropped if it
    rolls back, as PostgreSQL's pg_notify does. A cache told before the commit could read the
    old value again and keep it."""

    def __init__(self, notices: Notices) -> None:
        self._notices = notices
        self._writing: Conn | None = None
        self._pending: list[str] = []

    def begin(self, conn: C) -> C:
        self._writing, self._pending = conn, []
        return conn

    def add(self, conn: Conn, payload: str) -> None:
        if conn is not self._writing:
            raise RuntimeError("notify() takes the connection of the open write transaction")
        self._pending.append(payload)

    def end(self, *, committed: bool) -> None:
        pending, self._writing, self._pending = self._pending, None, []
        for payload in pending if committed else ():
            self._notices.deliver(payload)
