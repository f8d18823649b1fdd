"""What SQLite needs of the file system, found out where SQLite's own words would mislead: a
folder that takes no file whatever access() says, a full disk behind "disk I/O error", and a
refused connection whose aiosqlite thread outlived the event loop."""

from __future__ import annotations

import asyncio
import os
import tempfile
import threading
from pathlib import Path

import aiosqlite

FULL_BELOW_BYTES = 1024 * 1024  # with less free, SQLite cannot count on growing its WAL and -shm


def takes_new_files(folder: Path) -> bool:
    """Whether a file can be made in `folder`: tried, since access() says yes to root everywhere,
    /proc included. The trial file has no name (or loses it at once): nothing is left behind."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def disk_full_problem(path: Path) -> str | None:
    """That the disk holding `path` is full, in words an operator acts on, or None. SQLite's own
    words for it are "database or disk is full", or "disk I/O error" when its -shm file cannot grow."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        found = os.statvfs(folder)
    except OSError:
        return None
    free = found.f_bavail * found.f_frsize
    if free >= FULL_BELOW_BYTES:
        return None
    return (
        f"the disk holding {folder} is full ({free:,} bytes free): free space on it, or set "
        "DATABASE_PATH to a file on another disk"
    )


async def connect_file(path: Path) -> aiosqlite.Connection:
    """aiosqlite's connection to `path` (sqlite3.Error if SQLite refuses it). On a refusal
    aiosqlite stops its worker thread without waiting; waited for here, so that the thread never
    outlives the event loop (it printed an "Event loop is closed" traceback then)."""
    conn = aiosqlite.connect(path, isolation_level=None)
    try:
        return await conn
    except BaseException:
        worker = getattr(conn, "_thread", None)  # aiosqlite has no public way to wait for it
        if isinstance(worker, threading.Thread) and worker.is_alive():
            await asyncio.to_thread(worker.join, 5)
        raise
