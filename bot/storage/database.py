"""The SQLite backend: one file, one process; opened safely, migrated, closed cleanly."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from . import migrations
from . import work as work_record
from .backend import Conn, Notice, Notices, Trace
from .errors import NotADatabase, StorageError
from .sqlite_conn import SQLITE, AioConn, HeldNotices, ReadConn, SyncConn, at_once, connect_reads
from .sqlite_files import connect_file, disk_full_problem, takes_new_files

log = logging.getLogger(__name__)
T = TypeVar("T")

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def check_is_sqlite(path: Path) -> None:
    """Refuse a file that exists, is not empty and is not SQLite: we never overwrite it."""
    if not path.exists():
        return
    if not path.is_file():
        raise NotADatabase(f"{path} is not a file; point DATABASE_PATH at a SQLite file")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise NotADatabase(
            f"{path} exists but is not a SQLite database; Khitomer will not overwrite it. "
            "Move it aside or set DATABASE_PATH to another file."
        )


def writable_problem(path: Path) -> str | None:
    """Why SQLite could not write the database at `path` (it needs its folder too), or None."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path} is read-only for this user; give it write access or copy it elsewhere"
    if not os.access(folder, os.W_OK):
        return (
            f"the folder {folder} is read-only for this user; SQLite must create {path.name} "
            "and its -wal and -shm files there: give it write access or set DATABASE_PATH elsewhere"
        )
    if not takes_new_files(folder):
        return (
            f"no file can be created in the folder {folder}, whatever its permissions say; SQLite must "
            f"create {path.name} and its -wal and -shm files there: set DATABASE_PATH to a folder on a disk"
        )
    return None


def folder_blocker(folder: Path) -> str | None:
    """What stops `folder` (and those above it) from being created, or None: the nearest one
    that exists is a file, a link that leads nowhere, read-only for this user, or takes nothing new."""
    nearest = folder
    while not os.path.lexists(nearest) and nearest != nearest.parent:
        nearest = nearest.parent
    if nearest.is_symlink() and not nearest.exists():
        return f"{nearest} is a link that leads nowhere"
    if not nearest.is_dir():
        return f"{nearest} is a file, not a folder"
    if nearest != folder and not os.access(nearest, os.W_OK):
        return f"{nearest} is read-only for this user"
    if nearest != folder and not takes_new_files(nearest):
        return f"nothing new can be made in {nearest}, whatever its permissions say"
    return None


def creation_problem(path: Path) -> str | None:
    """Why the first start could not create `path` (and the folders above it), or None."""
    if path.parent.is_dir():
        return writable_problem(path)
    blocker = folder_blocker(path.parent)
    if blocker is None:
        return None
    fix = (
        "set DATABASE_PATH to a path inside a folder"
        if "not a folder" in blocker
        else ("create the folder or set DATABASE_PATH elsewhere")
    )
    return f"cannot create the folder {path.parent} for the database: {blocker}; {fix}"


def unusable(path: Path, error: sqlite3.Error) -> StorageError:
    """A one-line StorageError for a database SQLite refused to open or write."""
    if isinstance(error, sqlite3.OperationalError) and (
        problem := disk_full_problem(path) or writable_problem(path)
    ):
        return StorageError(problem)
    if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error):
        return NotADatabase(f"{path} could not be opened as a SQLite database: {error}")
    return StorageError(f"{path} could not be opened as a SQLite database: {error}")


SETUP = f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"


class SqliteDatabase:
    """aiosqlite with WAL, foreign keys and a busy timeout; every write in BEGIN IMMEDIATE.

    A connection holding an open transaction serves nobody else, so no read sees what has not
    committed: transaction() writes on `_conn` (aiosqlite's thread), one at a time under the
    write lock; fetch_all/fetch_one read on `_reads` (a thread of its own), each statement a
    committed snapshot (WAL); write_now/read_now use `_now` on the loop's thread, and their work
    runs to its end without suspending, so nothing else runs on it meanwhile. One process only:
    notices go to this process, once their transaction has committed.
    """

    dialect = SQLITE

    def __init__(
        self, conn: aiosqlite.Connection, reads: aiosqlite.Connection, path: Path, version: int
    ) -> None:
        self._conn = conn
        self._conn.row_factory = sqlite3.Row
        self._reads = reads
        self._reading = ReadConn(reads)
        self.path = path
        self.where = str(path)
        self.version = version
        self._write_lock = asyncio.Lock()
        self._notices = Notices()
        self._held = HeldNotices(self._notices)  # the open write transaction's, till it commits
        # A synchronous connection for small hot writes (a game action): the SQL takes ~35 us,
        # while each await on aiosqlite's thread costs ~180 us. See write_now().
        self._now = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._now.row_factory = sqlite3.Row
        self._now.executescript(SETUP)

    @classmethod
    async def open(cls, path: Path, *, migrations_dir: Path = migrations.MIGRATIONS_DIR) -> SqliteDatabase:
        path = Path(path)
        known = migrations.discover(migrations_dir)
        check_is_sqlite(path)
        if not path.exists() and (problem := creation_problem(path)):
            raise StorageError(problem)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                f"cannot create the folder {path.parent} for the database ({error.strerror}); "
                "create it, or set DATABASE_PATH to a file in a folder that exists"
            ) from error
        if problem := writable_problem(path):  # checked first: SQLite's own words are vaguer
            raise StorageError(problem)
        try:
            conn = await connect_file(path)
        except sqlite3.Error as error:
            raise unusable(path, error) from error
        reads: aiosqlite.Connection | None = None
        try:
            # Read the version before anything writes: a too-new file stays byte-identical.
            version = await migrations.current_version(conn)
            migrations.check_not_newer(version, known, path)
            # One script, so no statement (journal_mode returns a row) is left open.
            await conn.executescript(f"PRAGMA journal_mode = WAL; {SETUP}")
            version = await migrations.apply(conn, known, version)
            reads = await connect_reads(path, SETUP)
            database = cls(conn, reads, path, version)
        except BaseException as error:
            for opened in (reads, conn):
                if opened is not None:
                    await opened.close()
            if isinstance(error, sqlite3.Error):
                raise unusable(path, error) from error
            raise
        log.info("database %s ready at schema version %d", path, version)
        return database

    async def close(self) -> None:
        async with self._write_lock:
            self._now.close()
            await self._reads.close()
            await self._conn.close()

    def on_notice(self, topic: str, callback: Notice) -> None:
        self._notices.add(topic, callback)

    async def trace(self, callback: Trace | None) -> None:
        self._now.set_trace_callback(callback)
        for conn in (self._conn, self._reads):
            await conn.set_trace_callback(callback)  # type: ignore[arg-type]  # None stops it, as in sqlite3

    async def notify(self, conn: Conn, topic: str, guild_id: int, key: str = "") -> None:
        self._held.add(conn, f"{topic}:{guild_id}:{key}")

    # -- reads -------------------------------------------------------------------------

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return await self._reading.fetch_all(sql, params)

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        return await self._reading.fetch_one(sql, params)

    async def size_bytes(self) -> int:
        """Bytes the database occupies, counting what still sits in the WAL."""
        row = await self.fetch_one(
            "SELECT page_count * page_size AS size FROM pragma_page_count(), pragma_page_size()"
        )
        wal = self.path.with_name(self.path.name + "-wal")
        return (int(row["size"]) if row else 0) + (wal.stat().st_size if wal.exists() else 0)

    # -- writes ------------------------------------------------------------------------

    async def write_now(self, work: Callable[[Conn], Awaitable[T]], *, guild: int | None = None) -> T:
        """Run `work` in BEGIN IMMEDIATE … COMMIT on the event loop's own thread, in one go.

        For small, bounded writes on the hot path only: it blocks the loop while it runs (tens
        of microseconds), and it holds the same write lock as transaction(), so our own writes
        never wait on each other here; WAL readers never block it. `work` may await nothing but
        its connection, whose awaits never suspend (work that waits is refused: see at_once).
        """
        async with self._write_lock:
            self._now.execute("BEGIN IMMEDIATE")
            changes = self._now.total_changes
            try:
                result = at_once(work(self._held.begin(SyncConn(self._now))))
                self._now.execute("COMMIT")
            except BaseException:
                self._held.end(committed=False)
                self._now.rollback()  # leaves none open, even if COMMIT itself failed
                raise
            if self._now.total_changes != changes:  # a transaction that changed no row stored nothing
                work_record.committed()
            self._held.end(committed=True)
            return result

    async def read_now(self, work: Callable[[Conn], Awaitable[T]]) -> T:
        """Run read-only `work` on the event loop's own connection, in one snapshot, at once.

        For a few small index reads on the hot path (a lore question: an index range per
        term): a hop to aiosqlite's thread costs ~180 us a query, these cost a few each.
        """
        self._now.execute("BEGIN")
        try:
            return at_once(work(SyncConn(self._now)))
        finally:
            self._now.rollback()  # a snapshot that wrote nothing: ending it is all

    @asynccontextmanager
    async def transaction(self, *, guild: int | None = None) -> AsyncIterator[Conn]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error; one writer at a time."""
        async with self._write_lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            changes = self._conn.total_changes
            try:
                yield self._held.begin(AioConn(self._conn))
                await self._conn.commit()
            except BaseException:
                self._held.end(committed=False)
                await self._conn.rollback()  # leaves none open, even if COMMIT itself failed
                raise
            if self._conn.total_changes != changes:  # a transaction that changed no row stored nothing
                work_record.committed()
            self._held.end(committed=True)


def _fresh_destination(destination: Path) -> Path:
    destination = Path(destination)
    if destination.exists():
        raise StorageError(f"{destination} already exists; choose a new file for the backup")
    destination.parent.mkdir(parents=True, exist_ok=True)
    return destination


def backup_file(source: Path, destination: Path) -> None:
    """Copy the database at `source` to `destination` while a bot may be writing to it.

    A read-only connection sees one consistent snapshot (WAL readers never block the
    writer), and VACUUM INTO writes that snapshot out as a compact, standalone file.
    """
    source = Path(source)
    if not source.is_file():
        raise StorageError(f"{source} does not exist; nothing to back up")
    check_is_sqlite(source)
    destination = _fresh_destination(destination)
    conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("VACUUM INTO ?", (str(destination),))
    except sqlite3.DatabaseError as error:
        raise StorageError(f"backing up {source} failed: {error}") from error
    finally:
        conn.close()
