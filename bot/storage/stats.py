"""Counts for /about. Tables that a later feature has not created yet count as zero."""

from __future__ import annotations

from dataclasses import dataclass

from .database import Database

# label -> table; a table appears when the feature that owns it lands its migration.
COUNTED_TABLES = {
    "lore_entries": "lore_entries",
    "accords": "accords",
}


@dataclass(frozen=True, slots=True)
class ContentCounts:
    lore_entries: int = 0
    accords: int = 0


async def content_counts(db: Database) -> ContentCounts:
    present = await db.table_names()
    parts = [
        f"(SELECT count(*) FROM {table}) AS {label}"  # names come from the constant above
        for label, table in COUNTED_TABLES.items()
        if table in present
    ]
    if not parts:
        return ContentCounts()
    row = await db.fetch_one("SELECT " + ", ".join(parts))
    if row is None:
        return ContentCounts()
    return ContentCounts(**{key: int(row[key]) for key in row.keys()})  # noqa: SIM118 (a Row iterates values)
