"""`khitomer migrate-to-postgres --from FILE --to URL`: a SQLite database copied into PostgreSQL.

The file is never changed: a consistent snapshot of it is taken (as `khitomer backup` does, so
the bot may keep running) and brought to this release's schema; the target is migrated, must
hold no rows, and receives every table in ONE transaction, with a progress bar on stderr.
Before it commits, each table's row count is compared with the file's: a mismatch, or any
error, leaves the target empty. So does Ctrl-C, SIGTERM or SIGHUP before the commit: the command
then exits non-zero with a line saying so. The snapshot sits in a locked folder in the temporary
folder, removed however the run ends; a run killed outright (SIGKILL) leaves it, and the next
run removes it.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg

from ..errors import OperatorError
from ..storage import SqliteDatabase, backup_file
from ..storage.pg_address import BadAddress, hosts_and_database
from ..storage.postgres import PostgresDatabase, describe
from .interrupts import Interrupted
from .progress import ProgressBar

log = logging.getLogger(__name__)

BATCH = 5_000
SNAPSHOTS = "khitomer-migrate-"  # the snapshot folders' names in the temporary folder
# Parents before children (foreign keys); each with the columns both databases hold. The
# treaty index's tsvector is computed by PostgreSQL from these.
TABLES: dict[str, tuple[str, ...]] = {
    "error_reports": ("reference", "occurred_at", "guild_id", "channel_id", "user_id", "command",
                      "error_type", "traceback"),
    "pager_args": ("id", "guild_id", "owner_id", "value", "created_at"),
    "accords": ("id", "guild_id", "game_id", "name", "aliases", "summary", "year", "date_text", "place",
                "status", "parties", "articles", "history", "ratified_at"),
    "accord_events": ("accord_id", "seq", "at", "actor_id", "kind", "power", "data"),
    "accord_names": ("guild_id", "name", "accord_id", "whole", "reversed"),
    "accord_articles": ("accord_id", "number", "title", "text"),
    "accord_parties": ("guild_id", "power", "accord_id", "year"),
    "treaty_search": ("treaty_key", "guild_id", "number", "treaty_name", "title", "text"),
    "content_versions": ("name", "hash"),
    "lore_entries": ("id", "guild_id", "title", "kind", "aliases", "year_start", "year_end", "factions",
                     "summary", "body", "author_id", "created_at", "updated_at", "related", "facts",
                     "postings"),
    "lore_postings": ("scope", "term", "impact", "entry"),
    "lore_words": ("scope", "first", "length", "word"),
    "lore_terms": ("scope", "term", "entries", "kept_from"),
    "lore_names": ("id", "scope", "name", "title", "entry"),
    "lore_name_grams": ("scope", "gram", "length", "name"),
    "lore_timeline": ("entry_id", "guild_id", "faction", "year_first", "year_last", "span", "title"),
    "guild_settings": ("guild_id", "name", "scope", "value"),
    "guild_disabled_areas": ("guild_id", "area"),
    "games": ("id", "guild_id", "channel_id", "version", "state", "created_at"),
    "game_events": ("game_id", "seq", "at", "actor_id", "kind", "data"),
    "game_articles": ("game_id", "number", "data"),
    "game_messages": ("game_id", "kind", "ref", "channel_id", "message_id"),
    "reputation": ("guild_id", "user_id", "points", "accords"),
    "outbox": ("id", "guild_id", "channel_id", "game_id", "kind", "body", "attempts", "created", "due"),
    "server_departures": ("guild_id", "name", "left_at", "purge_at"),
}  # fmt: skip
IDENTITIES = (
    "pager_args",
    "accords",
    "lore_entries",
    "lore_names",
    "games",
    "outbox",
)  # their next id follows the copied ones


def migrate_to_postgres(source: Path, url: str) -> str:
    """Copy the SQLite database at `source` into the PostgreSQL database at `url`; the summary."""
    try:
        hosts_and_database(url)
    except BadAddress as error:  # its text quotes nothing of the URL: it holds a password
        raise OperatorError(f"khitomer: --to is not a PostgreSQL URL that can be used: {error}.") from None
    where = describe(url)
    committed: list[bool] = []  # becomes [True] once the copy's transaction has committed
    try:
        with snapshot_folder() as folder:
            snapshot = folder / "snapshot.db"
            backup_file(source, snapshot)  # StorageError, in one line, for a missing or foreign file
            asyncio.run(_upgrade(snapshot))
            counts = asyncio.run(_copy(snapshot, url, committed))
    except Interrupted as stop:
        raise stop.explained(
            f"after every row was committed to {where}; run VACUUM ANALYZE there before the first start"
            if committed
            else f"before it committed: nothing was copied to {where}, and {source} is as it was"
        ) from None
    total = sum(counts.values())
    return (
        f"Copied {total:,} rows in {len(counts)} tables from {source} to {where}; every table's "
        "row count matches the file. Set DATABASE_URL to that URL to run Khitomer on it."
    )


@contextmanager
def snapshot_folder() -> Iterator[Path]:
    """A private folder in the temporary folder for the file's snapshot (85 MB for a big server),
    removed however the run ends. It is locked while the run lives: a run killed outright
    (SIGKILL, a power cut) leaves it unlocked, and the next run removes it."""
    sweep_snapshots()
    # Named with a dot until locked, so that a sweep running at this moment cannot take it.
    starting = Path(tempfile.mkdtemp(prefix=f".{SNAPSHOTS}"))
    handle = os.open(starting, os.O_RDONLY)
    folder = starting
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        folder = starting.with_name(starting.name.removeprefix("."))
        starting.rename(folder)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(handle)


def sweep_snapshots() -> None:
    """Remove the snapshot folders that no run holds any more (their run was killed)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{SNAPSHOTS}*"):
        try:
            handle = os.open(folder, os.O_RDONLY)
        except OSError:
            continue  # another user's, or gone already
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a run in progress holds it
        else:
            size = sum(file.stat().st_size for file in folder.rglob("*") if file.is_file())
            shutil.rmtree(folder, ignore_errors=True)
            log.warning(
                "Removed %s (%.1f MB): the snapshot of a migrate-to-postgres that was killed before it "
                "could remove it.",
                folder,
                size / 1_000_000,
            )
        finally:
            os.close(handle)


async def _upgrade(snapshot: Path) -> None:
    """The snapshot at this release's schema version (the original file is left as it was)."""
    await (await SqliteDatabase.open(snapshot)).close()


def _batches(
    conn: sqlite3.Connection, table: str, columns: tuple[str, ...]
) -> Iterator[list[tuple[Any, ...]]]:
    cursor = conn.execute(f"SELECT {', '.join(columns)} FROM {table}")
    while rows := cursor.fetchmany(BATCH):
        yield [tuple(row) for row in rows]


async def _copy(snapshot: Path, url: str, committed: list[bool]) -> dict[str, int]:
    target = await PostgresDatabase.open(url)  # migrates an empty database to this schema
    await target.close()
    source = sqlite3.connect(snapshot)  # a private snapshot: nothing else reads or writes it
    conn = await asyncpg.connect(url)
    try:
        wanted = {t: int(source.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}
        if held := {t: n for t in TABLES if (n := await conn.fetchval(f"SELECT count(*) FROM {t}"))}:
            listed = ", ".join(f"{t} ({n:,})" for t, n in held.items())
            raise OperatorError(
                f"khitomer: {describe(url)} already holds Khitomer data: {listed}. Nothing was copied; "
                "migrate into an empty database."
            )
        # Committed to disk before the VACUUM below, whatever the server's default: VACUUM marks
        # no page all-visible while the copy's commit record is not yet flushed.
        await conn.execute("SET synchronous_commit = on")
        bar = ProgressBar(sum(wanted.values()), sys.stderr, "row")
        done = 0
        async with conn.transaction():
            for table, columns in TABLES.items():
                for rows in _batches(source, table, columns):
                    try:
                        await conn.copy_records_to_table(table, records=rows, columns=list(columns))
                    except (asyncpg.PostgresError, asyncpg.DataError) as error:
                        raise OperatorError(
                            f"khitomer: PostgreSQL refused a row of {table}: {error}. Nothing was kept."
                        ) from None
                    done += len(rows)
                    bar.advance(done, len(rows))
            for table in IDENTITIES:
                await conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
                )
            copied = {t: int(await conn.fetchval(f"SELECT count(*) FROM {t}")) for t in TABLES}
            if copied != wanted:
                wrong = ", ".join(
                    f"{t} {copied[t]:,} of {wanted[t]:,}" for t in TABLES if copied[t] != wanted[t]
                )
                raise OperatorError(
                    f"khitomer: row counts differ after the copy ({wrong}); nothing was kept."
                )
        committed.append(True)
        bar.finish()
        # Statistics and the visibility map now, not whenever autovacuum comes: without them the
        # index's counts read every heap row they count. (In this session: from a new one, the
        # visibility map stayed empty on the test server.)
        await conn.execute(f"VACUUM (ANALYZE) {', '.join(TABLES)}")
        return copied
    finally:
        source.close()
        await conn.close()
