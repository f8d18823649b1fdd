"""Which process runs which shards, claimed in the database for the life of the process: two
processes configured for the same shard would both arm its timers and send its reminders twice.

On PostgreSQL each shard is an advisory lock held by a connection of its own (named in
pg_stat_activity); the locks end with that connection, so a killed process frees its shards at
once. A process with no SHARD_COUNT runs every shard and claims them all; processes that split
the shards must agree on SHARD_COUNT. On SQLite one process owns the file (each process needs a
DATABASE_PATH of its own), claimed with a lock on a file beside it.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
import socket
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

from ..domain.shards import describe_shards
from .errors import StorageError
from .postgres import CONNECT_ERRORS, CONNECT_SECONDS, PostgresUnreachable, connect_error, describe

log = logging.getLogger(__name__)

HOLDER = "khitomer shards: "  # application_name prefix of the connection that holds the locks
SHARD_KEYS = 100_000  # shard n is key n (SHARD_COUNT is at most 100,000)
COUNT_KEYS = 1_000_000  # COUNT_KEYS + n, held shared: "my SHARD_COUNT is n"
EVERY_SHARD = 2_000_000  # exclusive for a process that runs every shard, shared for the others
MAX_RETRY_DELAY = 16.0
HELD_BY = """
SELECT a.application_name FROM pg_locks AS l JOIN pg_stat_activity AS a ON a.pid = l.pid
 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND a.datname = current_database()
   AND l.classid::int8 = ($1::int8 & 4294967295) AND l.objid::int8 = $2 AND l.pid <> pg_backend_pid()
 LIMIT 1"""
OTHER_COUNTS = """
SELECT DISTINCT l.objid::int8 - $2 AS count FROM pg_locks AS l
 WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND l.classid::int8 = ($1::int8 & 4294967295)
   AND l.objid::int8 > $2 AND l.objid::int8 <= $2 + $3 AND l.objid::int8 <> $2 + $4"""


class ShardsTaken(StorageError):
    """Another process already runs (some of) these shards on this database."""


def this_process() -> str:
    return f"{socket.gethostname()}, pid {os.getpid()}"


class PostgresClaim:
    """The advisory locks on a connection of their own, taken again if that connection is lost."""

    def __init__(self, url: str, count: int | None, ids: Sequence[int]) -> None:
        self.url, self.count, self.ids = url, count, tuple(ids)
        self.where = describe(url)
        self.shards = "every shard" if count is None else describe_shards(self.ids, count)
        self._conn: asyncpg.Connection | None = None
        self._lost = asyncio.Event()

    async def take(self) -> None:
        """Claim the shards; ShardsTaken (naming one and who holds it) if another process has it."""
        try:
            conn = await asyncpg.connect(
                self.url,
                timeout=CONNECT_SECONDS,
                server_settings={"application_name": HOLDER + this_process()},
            )
        except CONNECT_ERRORS as error:
            raise connect_error(self.where, error) from error
        try:
            space = int(await conn.fetchval("SELECT hashtext('khitomer shards ' || current_schema())"))
            await self._take(conn, space)
        except BaseException:
            await conn.close()
            raise
        self._lost.clear()
        conn.add_termination_listener(lambda _conn: self._lost.set())
        self._conn = conn

    async def _take(self, conn: asyncpg.Connection, space: int) -> None:
        async def lock(key: int, *, shared: bool = False) -> bool:
            kind = "pg_try_advisory_lock_shared" if shared else "pg_try_advisory_lock"
            return bool(await conn.fetchval(f"SELECT {kind}($1, $2)", space, key))

        async def holder(key: int) -> str:
            name = await conn.fetchval(HELD_BY, space, key)
            held = str(name).removeprefix(HOLDER) if name and str(name).startswith(HOLDER) else ""
            return f"the khitomer process on {held}" if held else "another khitomer process"

        if self.count is None:
            if not await lock(EVERY_SHARD):
                raise ShardsTaken(
                    f"{await holder(EVERY_SHARD)} already runs on {self.where}; stop it, or give every "
                    "process its own shards with SHARD_COUNT and SHARD_IDS"
                )  # every sharded process holds EVERY_SHARD shared: this covers them too
            return
        if not await lock(EVERY_SHARD, shared=True):
            raise ShardsTaken(
                f"{await holder(EVERY_SHARD)} runs every shard on {self.where} (it has no SHARD_COUNT); "
                "give it SHARD_COUNT and SHARD_IDS too, or stop it"
            )
        await lock(COUNT_KEYS + self.count, shared=True)
        if others := [
            row["count"] for row in await conn.fetch(OTHER_COUNTS, space, COUNT_KEYS, SHARD_KEYS, self.count)
        ]:
            raise ShardsTaken(
                f"another khitomer process on {self.where} runs with SHARD_COUNT {others[0]}, this one with "
                f"{self.count}; every process must have the same SHARD_COUNT"
            )
        for shard in self.ids:
            if not await lock(shard):
                raise ShardsTaken(
                    f"shard {shard} of {self.count} is already run by {await holder(shard)} on "
                    f"{self.where}; each shard runs in one process: give each its own SHARD_IDS"
                )

    async def kept(self) -> None:
        """Runs as long as the process: when the connection holding the locks is lost (a server
        restart), claim the shards again, retrying with backoff; ShardsTaken if another process
        took one meanwhile."""
        while True:
            await self._lost.wait()
            await self.release()
            log.warning(
                "the connection holding %s on %s was lost; claiming them again", self.shards, self.where
            )
            delay = 1.0
            while True:
                try:
                    await self.take()
                    break
                except PostgresUnreachable as error:
                    log.warning(
                        "claiming %s again failed (%s); next try in %.0f s", self.shards, error.reason, delay
                    )
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, MAX_RETRY_DELAY)
            log.info("%s claimed again on %s", self.shards, self.where)

    async def release(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await conn.close()  # the locks end with the connection


class FileClaim:
    """One process per SQLite file: an exclusive lock on a file beside it, for the process's life."""

    def __init__(self, path: Path) -> None:
        self.path = Path(f"{path}-lock")
        self.database = path
        self._file: int | None = None

    async def take(self) -> None:
        try:
            handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise StorageError(f"cannot create {self.path} beside the database ({error.strerror})") from error
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            held = os.read(handle, 200).decode(errors="replace").strip()
            os.close(handle)
            raise ShardsTaken(
                f"{f'the khitomer process on {held}' if held else 'another khitomer process'} already runs "
                f"on {self.database}; with SQLite each process needs a DATABASE_PATH of its own (several "
                "processes share one database through PostgreSQL)"
            ) from None
        os.ftruncate(handle, 0)
        os.write(handle, f"{this_process()}\n".encode())
        self._file = handle

    async def kept(self) -> None:
        await asyncio.Event().wait()  # a lock on a local file is never lost

    async def release(self) -> None:
        if self._file is not None:
            handle, self._file = self._file, None
            os.close(handle)  # the lock ends with it; the file stays, empty of meaning


@asynccontextmanager
async def claimed(
    path: Path, url: str | None, count: int | None, ids: Sequence[int] | None
) -> AsyncIterator[PostgresClaim | FileClaim]:
    """Hold the shards this process runs until the block ends; ShardsTaken if another has one."""
    claim = PostgresClaim(url, count, ids or ()) if url else FileClaim(path)
    await claim.take()
    try:
        yield claim
    finally:
        await claim.release()
