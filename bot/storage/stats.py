"""Counts for /about, in one query."""

from __future__ import annotations

from dataclasses import dataclass

from .backend import Database


@dataclass(frozen=True, slots=True)
class ContentCounts:
    lore_entries: int = 0  # server lore (canon lore is counted from data/)
    accords: int = 0


async def content_counts(db: Database) -> ContentCounts:
    row = await db.fetch_one(
        "SELECT (SELECT count(*) FROM lore_entries) AS lore_entries,"
        " (SELECT count(*) FROM accords) AS accords"
    )
    return ContentCounts(int(row["lore_entries"]), int(row["accords"])) if row else ContentCounts()
