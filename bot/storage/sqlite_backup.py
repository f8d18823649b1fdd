"""A copy of the SQLite database while the bot may be writing to it (`khitomer backup`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .database import BUSY_TIMEOUT_MS, check_is_sqlite
from .errors import StorageError


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
