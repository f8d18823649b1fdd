"""Checkpoints of SQLite's write-ahead log in a thread of their own, while large transactions
follow one another (`khitomer import-wiki`).

After a commit that leaves the log past 1,000 pages, SQLite copies the log into the database file
in the committing connection (its automatic checkpoint): the writer waits for it. An import's
batch at 100,000 entries dirties tens of thousands of pages: commits took 1.8 s of a 2,000-page
import's 6 s, 0.4 s without that copy. Here the writer only commits; a connection of its own
copies the log in its own thread while the writer builds the next batch.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import aiosqlite

from .sqlite_files import connect_file

log = logging.getLogger(__name__)
# Bytes the log may hold before a commit waits for its checkpoint. SQLite starts the log over only
# in a transaction begun once all of it is copied; a checkpoint still running when the next batch
# begins (always, beside a busy writer) leaves it to grow: to 1.1 GB in a 6,000-page import at
# 100,000 entries without this bound. Its file is cut back to this size when the log starts over
# (SQLite's journal_size_limit), so the file's size is what the log holds beyond it.
LOG_BYTES = 128 * 1024 * 1024


class Checkpoints:
    """While open, the writer's connection leaves its log to this: each commit starts a checkpoint
    (PASSIVE: it never waits for readers or blocks the writer) on a connection of its own, one
    at a time; a commit made meanwhile asks for another once it ends. Once the log holds more
    than LOG_BYTES, a commit waits for the checkpoints to copy all of it, and the next transaction
    starts the log over. A checkpoint that fails is logged: what it left in the log is still
    there, and the next one (or SQLite's own, once closed) copies it."""

    def __init__(self, writer: aiosqlite.Connection, own: aiosqlite.Connection, path: Path) -> None:
        self._writer = writer
        self._own = own
        self._log = path.with_name(path.name + "-wal")
        self._running: asyncio.Task[None] | None = None
        self._behind = False  # a commit not yet checkpointed
        self._settings: dict[str, int] = {}  # the writer's own, given back on close

    @classmethod
    async def open(cls, path: Path, writer: aiosqlite.Connection, setup: str) -> Checkpoints:
        """`writer` must have no transaction open."""
        own = await connect_file(path)
        checkpoints = cls(writer, own, path)
        try:
            await own.executescript(setup)
            for setting, value in (("wal_autocheckpoint", 0), ("journal_size_limit", LOG_BYTES)):
                async with writer.execute(f"PRAGMA {setting}") as cursor:
                    row = await cursor.fetchone()
                checkpoints._settings[setting] = int(row[0]) if row else -1
                await writer.execute(f"PRAGMA {setting} = {value}")
        except BaseException:
            await checkpoints.close()
            raise
        return checkpoints

    async def committed(self) -> None:
        """After each commit of the writer's (it waits only once the log holds LOG_BYTES)."""
        self._behind = True
        if self._running is None or self._running.done():
            self._running = asyncio.ensure_future(self._checkpoint())
        if self._log_bytes() > LOG_BYTES:
            await asyncio.shield(self._running)

    def _log_bytes(self) -> int:
        try:
            return self._log.stat().st_size
        except OSError:
            return 0

    async def _checkpoint(self) -> None:
        while self._behind:
            self._behind = False
            try:
                await self._own.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except Exception:
                log.warning("a checkpoint of the log failed; the next one copies it", exc_info=True)

    async def close(self) -> None:
        """Waits for the checkpoint running; the writer checkpoints on its own again."""
        try:
            if self._running is not None:
                await self._running
            for setting, value in self._settings.items():
                await self._writer.execute(f"PRAGMA {setting} = {value}")
        finally:
            await self._own.close()
