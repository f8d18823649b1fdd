"""Deletes rows older than the data statements keep them (data/privacy.toml, issue #24).

Only the tables listed in PRUNABLE, each read by age through an index, a batch per
transaction so a long backlog (the first run after an upgrade) never holds the writer for
long. Deleting what is old is the same whichever process does it, so every process may run
it: a second one finds nothing left.
"""

from __future__ import annotations

from datetime import UTC, datetime

from . import work
from .backend import Database

# table -> (its key, the column with when the row was written: ISO 8601 in UTC, so text
# order is time order). Indexed by time: error_reports_by_time, pager_args_by_time.
PRUNABLE = {
    "error_reports": ("reference", "occurred_at"),
    "pager_args": ("id", "created_at"),
}
BATCH = 1_000


async def prune(db: Database, table: str, before: datetime, *, batch: int = BATCH) -> int:
    """Delete `table`'s rows written before `before` (aware, UTC); how many went."""
    if table not in PRUNABLE:
        raise ValueError(f"{table} has no retention: it is not one of {sorted(PRUNABLE)}")
    if before.tzinfo is None:
        raise ValueError("`before` must carry its time zone: stored times are UTC")
    key, written = PRUNABLE[table]
    # Names from PRUNABLE only, never from a caller.
    sql = (
        f"DELETE FROM {table} WHERE {key} IN"
        f" (SELECT {key} FROM {table} WHERE {written} < ? ORDER BY {written} LIMIT ?)"
    )
    cutoff, gone = before.astimezone(UTC).isoformat(), 0
    while True:
        async with work.bookkeeping(db) as conn:  # not a member's action
            deleted = await conn.execute(sql, (cutoff, batch))
        gone += deleted
        if deleted < batch:
            return gone
