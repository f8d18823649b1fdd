"""Where a database holds given ids: every table and column, scanned, on either backend.

For the data statements (issue #24): a test plays what members do, then asks which columns hold
their ids, and every such column must be covered by a statement; forgetting a member (or purging
a server) must leave none behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.storage import Database


async def tables_and_columns(db: Database) -> dict[str, list[str]]:
    """Every table of the schema with its columns (SQLite's own sqlite_ tables aside)."""
    if db.dialect.postgres:
        rows = await db.fetch_all(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        )
        found: dict[str, list[str]] = {}
        for row in rows:
            found.setdefault(str(row["table_name"]), []).append(str(row["column_name"]))
        return found
    tables = await db.fetch_all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    names = [str(r["name"]) for r in tables if not str(r["name"]).startswith("sqlite_")]
    return {
        name: [str(c["name"]) for c in await db.fetch_all(f"SELECT name FROM pragma_table_info('{name}')")]
        for name in names
    }


async def columns_holding(db: Database, ids: Iterable[int]) -> dict[str, int]:
    """`table.column` -> how many stored values hold one of `ids` (as a number, or inside text
    such as JSON or a mention)."""
    wanted = [str(i) for i in ids]
    held: dict[str, int] = {}
    for table, columns in (await tables_and_columns(db)).items():
        for row in await db.fetch_all(f"SELECT * FROM {table}"):
            values: dict[str, Any] = dict(row)
            for column in columns:
                text = str(values.get(column))
                if any(w in text for w in wanted):
                    held[f"{table}.{column}"] = held.get(f"{table}.{column}", 0) + 1
    return held
