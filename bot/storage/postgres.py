"""The PostgreSQL backend (asyncpg): several shard processes, one database.

The same SQL as SQLite reaches it with `?` turned into `$1, $2 …`. Exclusion lives in the
database, not in a process: a game row is locked FOR UPDATE, a server's check-then-write
holds an advisory lock, and cache notices travel by LISTEN/NOTIFY.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import asyncpg

from . import migrations, pg_address
from . import work as work_record
from .backend import Conn, Notice, Notices, Trace, lock_guild
from .errors import StorageError
from .postgres_conn import POSTGRES, PgConn

log = logging.getLogger(__name__)
T = TypeVar("T")

CHANNEL = "khitomer"  # the LISTEN/NOTIFY channel for cache notices
MIGRATION_LOCK = 7_368_712  # an advisory lock key: two processes starting at once migrate once
POOL_SIZE = 10
LISTENER = "khitomer notices"
RELISTEN_MAX_DELAY = 10.0  # seconds between tries to listen again
CONNECT_SECONDS = 10.0  # one try to connect; a server behind a dropping firewall never answers
CONNECT_ERRORS = (OSError, asyncpg.PostgresError, asyncpg.InterfaceError)
# What a server that is down, starting, stopping or full answers (OSError covers timeouts).
TRANSIENT = (
    OSError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
    asyncpg.ConnectionDoesNotExistError,
)


class PostgresUnreachable(StorageError):
    """The server did not answer, or not yet (starting, full): worth trying again in a moment."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"cannot connect to {where}: {reason}")
        self.where = where
        self.reason = reason


def connect_error(where: str, error: BaseException) -> StorageError:
    """One line for a connection that failed: PostgresUnreachable when trying again may help;
    a refused password, a missing database or a bad setting are not retried."""
    reason = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, TRANSIENT):
        return PostgresUnreachable(where, reason)
    return StorageError(f"cannot connect to {where}: {reason}")


def describe(url: str) -> str:
    """Where a URL points, for logs and messages: never its password."""
    return pg_address.describe(url)


# What a connection the server dropped raises on its next use.
LOST = (
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.AdminShutdownError,
    ConnectionResetError,
)


async def _once_more_if_lost(read: Callable[[], Awaitable[T]]) -> T:
    """A read on a pooled connection the server dropped is tried again once, on a fresh one."""
    try:
        return await read()
    except LOST:
        log.warning("a database connection was lost; reading again on a fresh one")
        return await read()


class _Pooled(asyncpg.Connection):  # type: ignore[misc]  # asyncpg has no type hints
    """A pooled connection released without asyncpg's reset statement (UNLISTEN, RESET ALL …):
    one round trip less an action. Ours keep no session state: no LISTEN (the listener is apart),
    no SET, advisory locks only for a transaction; asyncpg still ends any open transaction."""

    def get_reset_query(self) -> str:
        return ""


class PostgresDatabase:
    """A pool of asyncpg connections, plus one that listens for other processes' notices."""

    dialect = POSTGRES

    def __init__(self, pool: asyncpg.Pool, url: str, where: str, version: int) -> None:
        self._pool = pool
        self._url = url
        self._listener: asyncpg.Connection | None = None
        self._relistening: asyncio.Task[None] | None = None
        self._closing = False
        self.where = where
        self.version = version
        self._notices = Notices()
        self._trace: Trace | None = None

    @classmethod
    async def open(
        cls, url: str, *, migrations_dir: Path = migrations.POSTGRES_DIR, pool_size: int = POOL_SIZE
    ) -> PostgresDatabase:
        where = describe(url)
        known = migrations.discover(migrations_dir)
        try:
            pool = await asyncpg.create_pool(
                url, min_size=1, max_size=pool_size, connection_class=_Pooled, timeout=CONNECT_SECONDS
            )
        except CONNECT_ERRORS as error:
            raise connect_error(where, error) from error
        try:
            async with pool.acquire() as conn, conn.transaction():
                await conn.execute(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                version = await migrations.postgres_version(conn)
                migrations.check_not_newer(version, known, where)  # before anything is written
                version = await migrations.apply_postgres(conn, known, version)
            database = cls(pool, url, where, version)
            try:
                await database._listen()
            except CONNECT_ERRORS as error:  # the server went away since the pool connected
                raise connect_error(where, error) from error
        except BaseException:
            await pool.close()
            raise
        log.info("database %s ready at schema version %d", where, version)
        return database

    async def _listen(self) -> None:
        # named, so an operator can tell it apart in pg_stat_activity
        self._listener = await asyncpg.connect(self._url, server_settings={"application_name": LISTENER})
        self._listener.add_termination_listener(self._lost)
        await self._listener.add_listener(CHANNEL, self._heard)

    def _heard(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        self._notices.deliver(payload)

    def _lost(self, _conn: object) -> None:
        """The listening connection ended (a server restart, say): notices sent meanwhile are
        lost, so listen again and drop every cache once listening."""
        if not self._closing and (self._relistening is None or self._relistening.done()):
            self._relistening = asyncio.get_running_loop().create_task(self._relisten(), name="db-relisten")

    async def _relisten(self) -> None:
        delay = 0.1
        while not self._closing:
            try:
                await self._listen()
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                log.warning(
                    "listening for notices on %s failed (%s); retrying in %.1f s", self.where, error, delay
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, RELISTEN_MAX_DELAY)
                continue
            self._notices.deliver_everywhere()
            log.info("listening for notices on %s again; caches dropped", self.where)
            return

    def on_notice(self, topic: str, callback: Notice) -> None:
        self._notices.add(topic, callback)

    async def trace(self, callback: Trace | None) -> None:
        self._trace = callback

    async def notify(self, conn: Conn, topic: str, guild_id: int, key: str = "") -> None:
        # Sent at commit, to every listening process (this one too); never if rolled back.
        await conn.fetch_one("SELECT pg_notify(?, ?)", (CHANNEL, f"{topic}:{guild_id}:{key}"))

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[asyncpg.Record]:
        return await _once_more_if_lost(lambda: PgConn(self._pool, self._trace).fetch_all(sql, params))

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> asyncpg.Record | None:
        return await _once_more_if_lost(lambda: PgConn(self._pool, self._trace).fetch_one(sql, params))

    @asynccontextmanager
    async def _begun(self, **options: Any) -> AsyncIterator[asyncpg.Connection]:
        """A pooled connection inside a started transaction, committed when the block ends well.

        A connection the server dropped while it sat in the pool (a restart, pg_terminate_backend)
        fails on BEGIN, before anything ran: then a fresh one is taken, once."""
        for attempt in (1, 2):
            conn = await self._pool.acquire()
            transaction = conn.transaction(**options)
            try:
                await transaction.start()
            except LOST:
                await self._pool.release(conn)
                if attempt == 2:
                    raise
                log.warning("a database connection was lost; retrying on a fresh one")
                continue
            try:
                yield conn
            except BaseException:
                if not conn.is_closed():
                    await transaction.rollback()
                raise
            else:
                await transaction.commit()
            finally:
                await self._pool.release(conn)
            return

    @asynccontextmanager
    async def transaction(self, *, guild: int | None = None) -> AsyncIterator[Conn]:
        async with self._begun() as conn:
            work = PgConn(conn, self._trace)
            if guild is not None:
                await lock_guild(work, guild)
            yield work
        if work.wrote:  # reached only when the block above committed
            work_record.committed()

    async def write_now(self, work: Callable[[Conn], Awaitable[T]], *, guild: int | None = None) -> T:
        async with self.transaction(guild=guild) as conn:
            return await work(conn)

    async def read_now(self, work: Callable[[Conn], Awaitable[T]]) -> T:
        async with self._begun(isolation="repeatable_read", readonly=True) as conn:
            return await work(PgConn(conn, self._trace))

    async def size_bytes(self) -> int:
        row = await self.fetch_one(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS size FROM pg_class AS c"
            " JOIN pg_namespace AS n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        )
        return int(row["size"]) if row else 0

    async def close(self) -> None:
        self._closing = True
        if self._relistening is not None:
            self._relistening.cancel()
        if self._listener is not None:
            await self._listener.close()
        await self._pool.close()
