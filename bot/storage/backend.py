"""What every storage module writes its SQL against, whichever database is underneath.

`Database` is the unit of work a service holds: reads, transactions, notices to other
processes. `Conn` is the connection inside one transaction; it never leaves bot/storage.
SQL is written once with `?` placeholders in the SQL both SQLite and PostgreSQL speak
(ON CONFLICT, RETURNING); where they differ, `Dialect` gives the fragment.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Literal, Protocol, TypeVar, runtime_checkable

T = TypeVar("T")
Row = Any  # sqlite3.Row or asyncpg.Record: both read by column name and by position
# A notice's server (None: every server) and, when one entry changed, its key.
Notice = Callable[[int | None, str | None], None]
Trace = Callable[[str], None]
# Cache names other processes are told about when a write changes what they keep.
SETTINGS_NOTICE = "settings"
LORE_NOTICE = "lore"
EVERY_SERVER = "*"  # in a notice's text: every server's copy must go (notices were missed)


class Dialect:
    """The few fragments of SQL the two databases spell differently."""

    def __init__(self, name: Literal["sqlite", "postgres"]) -> None:
        self.name = name

    @property
    def postgres(self) -> bool:
        return self.name == "postgres"

    def json_text(self, column: str, key: str) -> str:
        """A top-level key of a JSON text column, as text."""
        if self.postgres:
            return f"({column}::jsonb ->> '{key}')"
        return f"json_extract({column}, '$.{key}')"

    def same_text(self, column: str) -> str:
        """`column` equals the next parameter, ignoring case (what the unique indexes use)."""
        if self.postgres:
            return f"lower({column}) = lower(?)"
        return f"{column} = ? COLLATE NOCASE"

    def among(self, column: str, values: Sequence[Any]) -> tuple[str, tuple[Any, ...]]:
        """`column` is one of `values`, as SQL and its parameters. On PostgreSQL one array: the
        statement's text is the same for any number of values, so each pooled connection prepares
        it once (a new text costs a round trip to prepare, on every connection it meets)."""
        if self.postgres:
            return f"{column} = ANY(?)", (list(values),)
        return f"{column} IN ({', '.join('?' * len(values))})", tuple(values)


class Reads(Protocol):
    """What a read of committed rows needs: a Conn, or on PostgreSQL the Database itself (each
    statement then its own snapshot: no BEGIN and COMMIT, two round trips, around one read)."""

    dialect: Dialect

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[Row]: ...


class Conn(Protocol):
    """One connection inside one transaction."""

    dialect: Dialect

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run a statement; how many rows it changed."""
        ...

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[Row]: ...

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> Row | None: ...


@runtime_checkable
class Database(Protocol):
    """A Khitomer database: SQLite (one process) or PostgreSQL (several processes, one database)."""

    dialect: Dialect
    version: int  # the schema version it was migrated to
    where: str  # the file, or the server and database name (never a password)

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        """Committed rows only: never what a transaction still open (in this process or another)
        has written, so a cache may keep what it reads here."""
        ...

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        """As fetch_all, the first row (for a query of one row: by key, or an aggregate)."""
        ...

    def transaction(self, *, guild: int | None = None) -> AbstractAsyncContextManager[Conn]:
        """A write transaction: committed whole or rolled back. `guild` serialises writes to one
        server across processes (SQLite has one writer at a time anyway)."""
        ...

    async def write_now(self, work: Callable[[Conn], Awaitable[T]], *, guild: int | None = None) -> T:
        """`work` in a write transaction, on the fastest path the backend has: for small writes.
        `work` awaits nothing but its connection (SQLite refuses work that waits on anything else)."""
        ...

    async def read_now(self, work: Callable[[Conn], Awaitable[T]]) -> T:
        """Read-only `work` in one committed snapshot, on the fastest path the backend has; `work`
        awaits nothing but its connection, as for write_now."""
        ...

    async def notify(self, conn: Conn, topic: str, guild_id: int, key: str = "") -> None:
        """Tell every process (this one included) once `conn`'s transaction commits that a
        server's `topic` changed (only the entry `key`, when given), so they drop or refresh
        what they cached of it. Nothing is told if it rolls back."""
        ...

    def on_notice(self, topic: str, callback: Notice) -> None:
        """Call `callback(guild_id, key)` when a notice on `topic` arrives (guild None: every
        server; key None: anything of that server)."""
        ...

    async def size_bytes(self) -> int: ...

    async def trace(self, callback: Trace | None) -> None:
        """Hand every statement run from now on, with its values, to `callback` (None: stop).
        For tests and debugging: what an action really wrote."""
        ...

    async def close(self) -> None: ...


class Notices:
    """Callbacks per topic; both backends deliver through one of these."""

    def __init__(self) -> None:
        self._callbacks: dict[str, list[Notice]] = {}

    def add(self, topic: str, callback: Notice) -> None:
        self._callbacks.setdefault(topic, []).append(callback)

    def deliver(self, payload: str) -> None:
        """`topic:guild_id[:key]`, or `topic:*` for every server; anything else is ignored."""
        topic, _, rest = payload.partition(":")
        guild, _, key = rest.partition(":")
        if guild == EVERY_SERVER or guild.isdigit():
            for callback in self._callbacks.get(topic, ()):
                callback(None if guild == EVERY_SERVER else int(guild), key or None)

    def deliver_everywhere(self) -> None:
        """Every topic, every server: what to do after notices may have been missed."""
        for topic in self._callbacks:
            self.deliver(f"{topic}:{EVERY_SERVER}")


async def lock_guild(conn: Conn, guild_id: int) -> None:
    """Hold one server's write lock until `conn`'s transaction ends, so a check and the write it
    guards (a free name, one conference per channel) cannot interleave with another process's.
    SQLite's BEGIN IMMEDIATE already admits one writer at a time."""
    if conn.dialect.postgres:
        await conn.fetch_one("SELECT pg_advisory_xact_lock(?)", (guild_id,))
