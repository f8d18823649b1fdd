"""Numbered SQL migrations (`0001_initial.sql`, …), applied in one transaction.

SQLite's live in migrations/, PostgreSQL's in migrations_postgres/: the same numbers, each
spelled for its database. SQLite keeps the version in `PRAGMA user_version` (it travels with
the file and its backups); PostgreSQL in the one-row table khitomer_schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite

from .errors import DatabaseTooNew, MigrationError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
POSTGRES_DIR = Path(__file__).with_name("migrations_postgres")
_NAME = re.compile(r"^(?P<version>[0-9]{4})_(?P<slug>[a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Every migration in `directory`, in order; numbering must run 1, 2, 3 … without gaps."""
    found: list[Migration] = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if match is None:
            raise MigrationError(f"migration file {path.name!r} is not named NNNN_name.sql")
        found.append(Migration(int(match["version"]), path.stem, path.read_text(encoding="utf-8")))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(f"migration {migration.name} should be numbered {expected:04d}")
    return found


async def current_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


def check_not_newer(version: int, migrations: list[Migration], where: Path | str) -> None:
    latest = migrations[-1].version if migrations else 0
    if version > latest:
        other = (
            "DATABASE_PATH at another file" if isinstance(where, Path) else "DATABASE_URL at another database"
        )
        raise DatabaseTooNew(
            f"{where} has schema version {version}, but this Khitomer only knows up to {latest}. "
            f"It was written by a newer release: upgrade Khitomer, or point {other}. "
            "The database was left untouched."
        )


async def apply(conn: aiosqlite.Connection, migrations: list[Migration], version: int) -> int:
    """Apply the migrations after `version` in ONE transaction; return the new version."""
    pending = [m for m in migrations if m.version > version]
    if not pending:
        return version
    target = pending[-1].version
    # executescript() would COMMIT between statements if we opened the transaction from
    # Python, so the transaction lives inside the script itself.
    body = "\n".join(f"-- {m.name}\n{m.sql}\n" for m in pending)
    script = f"BEGIN IMMEDIATE;\n{body}\nPRAGMA user_version = {target};\nCOMMIT;"
    try:
        await conn.executescript(script)
    except Exception as error:
        if conn.in_transaction:
            await conn.rollback()
        raise MigrationError(f"migrating to version {target} failed and was rolled back: {error}") from error
    return target


async def postgres_version(conn: Any) -> int:
    """The schema version of a PostgreSQL database (0 when Khitomer never migrated it)."""
    if await conn.fetchval("SELECT to_regclass('khitomer_schema')") is None:
        return 0
    return int(await conn.fetchval("SELECT version FROM khitomer_schema"))


async def apply_postgres(conn: Any, migrations: list[Migration], version: int) -> int:
    """Apply the migrations after `version` inside the caller's transaction (PostgreSQL's DDL is
    transactional: a failure leaves nothing behind)."""
    pending = [m for m in migrations if m.version > version]
    if not pending:
        return version
    target = pending[-1].version
    try:
        for migration in pending:
            await conn.execute(migration.sql)
        await conn.execute("CREATE TABLE IF NOT EXISTS khitomer_schema (version INTEGER NOT NULL)")
        await conn.execute("DELETE FROM khitomer_schema")
        await conn.execute(f"INSERT INTO khitomer_schema (version) VALUES ({target})")
    except Exception as error:
        raise MigrationError(f"migrating to version {target} failed and was rolled back: {error}") from error
    return target
