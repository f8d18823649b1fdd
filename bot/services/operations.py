"""What /about and the owner's tools read: totals of what the bot holds, kept error reports."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.lore import canon_lore
from ..content.treaties import canon_treaties
from ..storage import Database, error_reports
from ..storage.error_reports import ErrorReport
from ..storage.stats import content_counts


@dataclass(frozen=True, slots=True)
class Holdings:
    lore_entries: int  # canon and every server's
    treaties: int  # canon
    accords: int  # ratified in every server
    database_bytes: int


async def holdings(db: Database) -> Holdings:
    counts = await content_counts(db)
    return Holdings(
        len(canon_lore()) + counts.lore_entries, len(canon_treaties()), counts.accords, await db.size_bytes()
    )


async def error_report(db: Database, reference: str) -> ErrorReport | None:
    """The error kept under a reference a user was given (pasted with backticks or not)."""
    return await error_reports.find(db, reference.strip().strip("`").lower())
