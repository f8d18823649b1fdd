"""Unexpected errors kept by reference, so "reference 3f9a1c2e" leads to a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import work
from .backend import Database


@dataclass(frozen=True, slots=True)
class ErrorReport:
    reference: str
    occurred_at: datetime
    guild_id: int | None
    channel_id: int | None
    user_id: int | None
    command: str | None
    error_type: str
    traceback: str


async def record(db: Database, report: ErrorReport) -> None:
    async with work.bookkeeping(db) as conn:  # not the member's action
        await conn.execute(
            "INSERT INTO error_reports (reference, occurred_at, guild_id, channel_id, user_id, command,"
            " error_type, traceback) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                report.reference,
                report.occurred_at.isoformat(),
                report.guild_id,
                report.channel_id,
                report.user_id,
                report.command,
                report.error_type,
                report.traceback,
            ),
        )


async def find(db: Database, reference: str) -> ErrorReport | None:
    row = await db.fetch_one("SELECT * FROM error_reports WHERE reference = ?", (reference,))
    if row is None:
        return None
    return ErrorReport(
        reference=row["reference"],
        occurred_at=datetime.fromisoformat(row["occurred_at"]),
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        user_id=row["user_id"],
        command=row["command"],
        error_type=row["error_type"],
        traceback=row["traceback"],
    )
