"""Hold a write transaction open at a chosen statement, so a test can read while it is half done."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import pytest

from bot.storage import Conn, Database


class Gate:
    """`reached` is set when a transaction arrives at the statement; it goes on once `release` is."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.reached = asyncio.Event()
        self.release = asyncio.Event()

    async def reached_by(self, task: asyncio.Task[Any]) -> None:
        """Wait until `task` is held at the gate; if it ends first, its error (or this one) says why."""
        waiting = asyncio.ensure_future(self.reached.wait())
        await asyncio.wait([waiting, task], return_when=asyncio.FIRST_COMPLETED)
        if not self.reached.is_set():
            waiting.cancel()
            task.result()
            raise AssertionError(f"the transaction ended without reaching {self.prefix!r}")

    async def passing(self, sql: str) -> None:
        if sql.lstrip().startswith(self.prefix) and not self.release.is_set():
            self.reached.set()
            await self.release.wait()


class _HeldConn:
    """The transaction's connection, stopping at the gate before the statement runs."""

    def __init__(self, conn: Conn, gate: Gate) -> None:
        self._conn = conn
        self._gate = gate
        self.dialect = conn.dialect

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        await self._gate.passing(sql)
        return await self._conn.execute(sql, params)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self._gate.passing(sql)
        await self._conn.executemany(sql, rows)

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        await self._gate.passing(sql)
        return await self._conn.fetch_all(sql, params)

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        await self._gate.passing(sql)
        return await self._conn.fetch_one(sql, params)


def pause_transactions(monkeypatch: pytest.MonkeyPatch, db: Database, prefix: str) -> Gate:
    """Make `db.transaction()` stop before its first statement starting with `prefix`."""
    gate = Gate(prefix)
    opened = db.transaction

    @asynccontextmanager
    async def transaction(*, guild: int | None = None) -> AsyncIterator[Conn]:
        held: AbstractAsyncContextManager[Conn] = opened(guild=guild)
        async with held as conn:
            yield _HeldConn(conn, gate)

    monkeypatch.setattr(db, "transaction", transaction)
    return gate
