"""One asyncpg connection (or the pool) behind the Conn interface that storage modules write to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import asyncpg

from .backend import Dialect, Trace

POSTGRES = Dialect("postgres")


@lru_cache(maxsize=512)
def numbered(sql: str) -> str:
    """`?` placeholders as PostgreSQL's `$1, $2 …` (our SQL has no `?` inside its literals)."""
    parts = sql.split("?")
    out = [parts[0]]
    for number, part in enumerate(parts[1:], 1):
        out.append(f"${number}{part}")
    return "".join(out)


def _spelled(sql: str, params: Sequence[Any]) -> str:
    """A statement with its values written in, as SQLite's trace shows them (for tracing only)."""
    for value in params:
        literal = "NULL" if value is None else f"'{value}'" if isinstance(value, str) else str(value)
        sql = sql.replace("?", literal, 1)
    return sql


_WRITES = frozenset({"INSERT", "UPDATE", "DELETE", "MERGE"})


class PgConn:
    """asyncpg behind the Conn interface: `?` placeholders numbered, statements traced on request,
    and whether any statement changed a row (a transaction that changed none stored nothing)."""

    dialect = POSTGRES

    def __init__(self, conn: asyncpg.Connection | asyncpg.Pool, trace: Trace | None = None) -> None:
        self._conn = conn
        self._trace = trace
        self.wrote = False  # did a statement change a row? (a transaction that did not stored nothing)

    def _traced(self, sql: str, params: Sequence[Any]) -> str:
        if self._trace is not None:
            self._trace(_spelled(sql, params))
        return numbered(sql)

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        values = tuple(params)
        status: str = await self._conn.execute(self._traced(sql, values), *values)
        verb, _, count = status.partition(" ")
        changed = int(count.rsplit(" ", 1)[-1]) if count[-1:].isdigit() else 0
        if verb in _WRITES and changed:
            self.wrote = True
        return changed

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        self.wrote = self.wrote or bool(rows)
        for row in rows[:-1]:
            self._traced(sql, row)
        await self._conn.executemany(self._traced(sql, rows[-1]) if rows else numbered(sql), rows)

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[asyncpg.Record]:
        values = tuple(params)
        rows: list[asyncpg.Record] = await self._conn.fetch(self._traced(sql, values), *values)
        self._returned(sql, bool(rows))
        return rows

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> asyncpg.Record | None:
        values = tuple(params)
        row: asyncpg.Record | None = await self._conn.fetchrow(self._traced(sql, values), *values)
        self._returned(sql, row is not None)
        return row

    def _returned(self, sql: str, rows: bool) -> None:
        """An INSERT, UPDATE or DELETE … RETURNING that returned rows changed them."""
        if rows and sql.lstrip()[:6].upper() in _WRITES:
            self.wrote = True
