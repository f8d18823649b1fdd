"""A database at an older schema version, for tests of what a migration does to rows written
before it: the migrations up to (not including) a given one copied aside, and the database opened
with either set, on the backend the suite runs on."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.storage import Database, SqliteDatabase, migrations


def migrations_before(folder: Path, database_url: str | None, left_out: str) -> tuple[Path, Path]:
    """(this backend's migrations, a folder of those before the first whose name ends with
    `left_out`)."""
    source = migrations.POSTGRES_DIR if database_url else migrations.MIGRATIONS_DIR
    older = folder / "older"
    older.mkdir()
    for path in sorted(source.glob("*.sql")):
        if path.name.endswith(left_out):
            break
        shutil.copy(path, older / path.name)
    return source, older


async def opened(folder: Path, database_url: str | None, directory: Path) -> Database:
    """The test's database (a file in `folder`, or the PostgreSQL schema) migrated by `directory`."""
    if database_url is None:
        return await SqliteDatabase.open(folder / "k.db", migrations_dir=directory)
    from bot.storage.postgres import PostgresDatabase

    return await PostgresDatabase.open(database_url, migrations_dir=directory)
