"""Everything that touches the database, SQLite or PostgreSQL: raw, parameterised SQL behind
small functions that return domain objects."""

from pathlib import Path

from .backend import LORE_NOTICE, SETTINGS_NOTICE, Conn, Database
from .database import SqliteDatabase, backup_file
from .errors import DatabaseTooNew, MigrationError, NotADatabase, StorageError


async def open_database(path: Path, url: str | None = None) -> Database:
    """PostgreSQL when a DATABASE_URL is given, else the SQLite file at `path`; migrated."""
    if url is None:
        return await SqliteDatabase.open(path)
    from .postgres import PostgresDatabase

    return await PostgresDatabase.open(url)


__all__ = [
    "LORE_NOTICE",
    "SETTINGS_NOTICE",
    "Conn",
    "Database",
    "DatabaseTooNew",
    "MigrationError",
    "NotADatabase",
    "SqliteDatabase",
    "StorageError",
    "backup_file",
    "open_database",
]
