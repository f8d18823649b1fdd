"""Large transactions in a row (`Database.bulk`, `khitomer import-wiki`): on SQLite the writer
only commits, and a connection of its own copies the log into the database beside it.

What the log holds and what has been copied are read from the wal-index, SQLite's `-shm` file
(https://www.sqlite.org/walformat.html: mxFrame at byte 16 of its header, nBackfill at byte 96)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import struct
from pathlib import Path

import pytest

from bot.storage import SqliteDatabase, sqlite_checkpoints

PAGE = 4096


def log_state(path: Path) -> tuple[int, int]:
    """(pages in the log, pages of it copied into the database)."""
    index = path.with_name(path.name + "-shm").read_bytes()
    return struct.unpack_from("=I", index, 16)[0], struct.unpack_from("=I", index, 96)[0]


def log_bytes(path: Path) -> int:
    return path.with_name(path.name + "-wal").stat().st_size


async def write(db: SqliteDatabase, pages: int) -> None:
    async with db.transaction() as conn:
        await conn.execute("CREATE TABLE IF NOT EXISTS scratch (b BLOB)")
        await conn.execute("INSERT INTO scratch VALUES (randomblob(?))", (pages * PAGE,))


async def copied_all(path: Path) -> None:
    for _ in range(500):
        frames, copied = log_state(path)
        if frames == copied:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{copied} of the log's {frames} pages copied")


async def automatic(db: SqliteDatabase) -> int:
    async with db.transaction() as conn:
        row = await conn.fetch_one("PRAGMA wal_autocheckpoint")
    assert row is not None
    return int(row[0])


async def test_in_bulk_the_commit_leaves_the_log_and_a_connection_of_its_own_copies_it(
    tmp_path: Path,
) -> None:
    db = await SqliteDatabase.open(tmp_path / "k.db")
    try:
        await write(db, 2_000)  # past 1,000 pages: SQLite's own checkpoint copies it in the commit
        assert log_state(db.path)[1] == log_state(db.path)[0]
        async with db.bulk():
            assert await automatic(db) == 0
            await write(db, 2_000)
            frames, copied = log_state(db.path)  # read before anything else has run
            assert frames >= 2_000 and copied < frames
            await copied_all(db.path)
        assert await automatic(db) == 1000
    finally:
        await db.close()


async def test_the_log_starts_over_once_it_holds_its_pages_however_slow_the_checkpoints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkpoint still running when the next transaction begins keeps SQLite from starting
    the log over: without the bound the log held every transaction's pages (12 MB here)."""
    monkeypatch.setattr(sqlite_checkpoints, "LOG_BYTES", 500 * PAGE)
    real = sqlite_checkpoints.Checkpoints._checkpoint

    async def slow(self: sqlite_checkpoints.Checkpoints) -> None:  # ends after the next batch begins
        await asyncio.sleep(0.05)
        await real(self)

    monkeypatch.setattr(sqlite_checkpoints.Checkpoints, "_checkpoint", slow)
    db = await SqliteDatabase.open(tmp_path / "k.db")
    try:
        async with db.bulk():
            for _ in range(10):
                await write(db, 300)
            assert log_bytes(db.path) <= (500 + 300 + 10) * PAGE
    finally:
        await db.close()


async def test_a_failed_checkpoint_is_logged_and_the_next_one_copies_what_it_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    db = await SqliteDatabase.open(tmp_path / "k.db")
    try:
        with caplog.at_level(logging.WARNING, logger="bot.storage.sqlite_checkpoints"):
            async with db.bulk():
                assert db._checkpoints is not None
                own = db._checkpoints._own
                copy, failures = own.execute, [sqlite3.OperationalError("disk I/O error")]

                def failing_once(sql: str) -> object:
                    if failures:
                        raise failures.pop()
                    return copy(sql)

                monkeypatch.setattr(own, "execute", failing_once)
                await write(db, 1_500)
                await asyncio.sleep(0.1)
                assert log_state(db.path)[1] == 0
                await write(db, 10)
                await copied_all(db.path)
        said = [r.getMessage() for r in caplog.records]
        assert said == ["a checkpoint of the log failed; the next one copies it"]
        row = await db.fetch_one("SELECT count(*) FROM scratch")
        assert row is not None and row[0] == 2
    finally:
        await db.close()
