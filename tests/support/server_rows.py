"""What a database holds of one server, scanned, for the purge tests (issue #24).

`held_of` asks tests/support/stored_ids.py which columns of which tables hold the server's id
anywhere (as a number, or inside text); after a purge that must be nothing. `every_row` reads
every row of every table, so a test proves a purge only deleted (another server's rows are all
still there, unchanged) and `lost` names what went.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from bot.storage import Database
from tests.support.stored_ids import columns_holding, tables_and_columns

Rows = dict[str, Counter[tuple[Any, ...]]]


async def held_of(db: Database, guild_id: int) -> dict[str, int]:
    """`table.column` -> how many values hold the server's id."""
    return await columns_holding(db, {guild_id})


def _is_shadow(table: str) -> bool:
    """SQLite's FTS5 bookkeeping of treaty_search: rewritten on every change, about nobody."""
    return table.startswith("treaty_search_")


async def every_row(db: Database) -> Rows:
    found: Rows = {}
    for table in await tables_and_columns(db):
        if _is_shadow(table):
            continue
        found[table] = Counter(tuple(row) for row in await db.fetch_all(f"SELECT * FROM {table}"))
    return found


def lost(before: Rows, after: Rows) -> dict[str, int]:
    """Rows that went, per table; asserts nothing was added or changed meanwhile."""
    gone: dict[str, int] = {}
    for table, rows in before.items():
        added = after.get(table, Counter()) - rows
        assert not added, f"{table}: rows appeared or changed: {list(added)[:3]}"
        if missing := sum((rows - after.get(table, Counter())).values()):
            gone[table] = missing
    return gone
