"""Storage on a real SQLite file in a temporary directory."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from pathlib import Path

import pytest

from bot.storage import (
    Database,
    DatabaseTooNew,
    MigrationError,
    NotADatabase,
    SqliteDatabase,
    StorageError,
    backup_file,
)
from bot.storage.migrations import MIGRATIONS_DIR, discover


def write_migrations(directory: Path, *scripts: str) -> Path:
    directory.mkdir(exist_ok=True)
    for number, sql in enumerate(scripts, start=1):
        (directory / f"{number:04d}_step_{number}.sql").write_text(sql)
    return directory


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def schema_of(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT name, sql FROM sqlite_schema ORDER BY name").fetchall()


async def test_real_migrations_apply_from_empty(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    db = await SqliteDatabase.open(path)
    await db.close()
    latest = discover()[-1].version
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert "error_reports" in {row[0] for row in conn.execute("SELECT name FROM sqlite_schema")}


async def test_connection_pragmas(tmp_path: Path) -> None:
    db = await SqliteDatabase.open(tmp_path / "k.db")
    try:
        assert (await db.fetch_one("PRAGMA foreign_keys"))[0] == 1
        assert (await db.fetch_one("PRAGMA busy_timeout"))[0] >= 1000
        assert (await db.fetch_one("PRAGMA journal_mode"))[0] == "wal"
    finally:
        await db.close()


async def test_reopening_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    await (await SqliteDatabase.open(path)).close()
    before = schema_of(path)
    db = await SqliteDatabase.open(path)
    assert db.version == discover()[-1].version
    await db.close()
    assert schema_of(path) == before


async def test_pending_migrations_apply_in_order_and_only_once(tmp_path: Path) -> None:
    migrations = write_migrations(tmp_path / "m", "CREATE TABLE a (x INTEGER);")
    path = tmp_path / "k.db"
    await (await SqliteDatabase.open(path, migrations_dir=migrations)).close()
    write_migrations(migrations, "CREATE TABLE a (x INTEGER);", "ALTER TABLE a ADD COLUMN y TEXT;")
    db = await SqliteDatabase.open(path, migrations_dir=migrations)
    assert db.version == 2
    await db.close()
    with sqlite3.connect(path) as conn:
        assert [row[1] for row in conn.execute("PRAGMA table_info(a)")] == ["x", "y"]


async def test_a_failing_migration_rolls_back_everything(tmp_path: Path) -> None:
    migrations = write_migrations(tmp_path / "m", "CREATE TABLE a (x INTEGER);", "CREATE TABLE broken (;")
    path = tmp_path / "k.db"
    with pytest.raises(MigrationError, match="rolled back"):
        await SqliteDatabase.open(path, migrations_dir=migrations)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] == 0


def test_migration_numbering_must_have_no_gaps(tmp_path: Path) -> None:
    directory = tmp_path / "m"
    directory.mkdir()
    (directory / "0001_first.sql").write_text("SELECT 1;")
    (directory / "0003_third.sql").write_text("SELECT 1;")
    with pytest.raises(MigrationError, match="0002"):
        discover(directory)


def test_shipped_migrations_are_well_formed() -> None:
    found = discover(MIGRATIONS_DIR)
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    for migration in found:
        assert statements(migration.sql), migration.name
        assert not first_words(migration.sql) & TRANSACTION, f"{migration.name}: migrations run inside ours"


TRANSACTION = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}


def statements(sql: str) -> str:
    """The SQL without its `--` comments."""
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines()).strip()


def first_words(sql: str) -> set[str]:
    """The keyword each statement starts with (a trigger's inner BEGIN is not one)."""
    return {part.split()[0].upper() for part in statements(sql).split(";") if part.strip()}


def test_the_migration_check_sees_a_transaction_after_a_comment() -> None:
    sql = "-- adds a table\nBEGIN;\nCREATE TABLE t (x);\nCOMMIT;"
    assert first_words(sql) & TRANSACTION == {"BEGIN", "COMMIT"}


async def test_a_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute("PRAGMA user_version = 999")
    before = digest(path)
    with pytest.raises(DatabaseTooNew, match="999") as refused:
        await SqliteDatabase.open(path)
    assert "newer" in str(refused.value) and "untouched" in str(refused.value)
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists()


@pytest.mark.parametrize("content", [b"not a database, just notes\n" * 20, b"\x00\x01\x02" * 1000])
async def test_a_file_that_is_not_sqlite_is_refused_not_overwritten(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "k.db"
    path.write_bytes(content)
    with pytest.raises(NotADatabase, match="not a SQLite database"):
        await SqliteDatabase.open(path)
    assert path.read_bytes() == content


async def test_a_corrupt_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    before = path.read_bytes()
    with pytest.raises(NotADatabase):
        await SqliteDatabase.open(path)
    assert path.read_bytes() == before


async def test_a_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    migrations = write_migrations(tmp_path / "m", "CREATE TABLE t (x INTEGER NOT NULL);")
    db = await SqliteDatabase.open(tmp_path / "k.db", migrations_dir=migrations)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO t VALUES (1)")
                await conn.execute("INSERT INTO t VALUES (NULL)")
        assert (await db.fetch_one("SELECT count(*) FROM t"))[0] == 0
    finally:
        await db.close()


async def test_concurrent_transactions_do_not_interleave(tmp_path: Path) -> None:
    migrations = write_migrations(tmp_path / "m", "CREATE TABLE t (writer INTEGER, step INTEGER);")
    db = await SqliteDatabase.open(tmp_path / "k.db", migrations_dir=migrations)

    async def writer(number: int) -> None:
        async with db.transaction() as conn:
            for step in range(5):
                await conn.execute("INSERT INTO t VALUES (?, ?)", (number, step))
                await asyncio.sleep(0)

    try:
        await asyncio.gather(*(writer(n) for n in range(4)))
        rows = await db.fetch_all("SELECT writer FROM t ORDER BY rowid")
        writers = [row["writer"] for row in rows]
        assert len(writers) == 20
        # each transaction's five rows are contiguous: no other writer got in between
        assert all(len(set(writers[i : i + 5])) == 1 for i in range(0, 20, 5))
    finally:
        await db.close()


async def seeded(tmp_path: Path) -> Database:
    migrations = write_migrations(tmp_path / "m", "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);")
    db = await SqliteDatabase.open(tmp_path / "live.db", migrations_dir=migrations)
    async with db.transaction() as conn:
        await conn.executemany("INSERT INTO t (name) VALUES (?)", [(f"row {i}",) for i in range(500)])
    return db


async def test_backup_while_the_bot_is_running_has_the_same_rows(tmp_path: Path) -> None:
    db = await seeded(tmp_path)
    try:
        copy = tmp_path / "backups" / "copy.db"
        # The file backup runs from another process in real life; here another connection.
        await asyncio.to_thread(backup_file, db.path, copy)
        live = [tuple(r) for r in await db.fetch_all("SELECT id, name FROM t ORDER BY id")]
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT id, name FROM t ORDER BY id").fetchall() == live
            assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        await db.close()


async def test_backup_sees_rows_still_in_the_wal(tmp_path: Path) -> None:
    db = await seeded(tmp_path)
    try:
        assert Path(f"{db.path}-wal").stat().st_size > 0, "rows should still be in the WAL"
        copy = tmp_path / "copy.db"
        backup_file(db.path, copy)
        with sqlite3.connect(copy) as conn:
            assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 500
    finally:
        await db.close()


async def test_backup_never_overwrites(tmp_path: Path) -> None:
    db = await seeded(tmp_path)
    await db.close()
    existing = tmp_path / "copy.db"
    existing.write_text("keep me")
    with pytest.raises(StorageError, match="already exists"):
        backup_file(tmp_path / "live.db", existing)
    assert existing.read_text() == "keep me"


def test_backup_of_a_missing_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        backup_file(tmp_path / "nope.db", tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()
