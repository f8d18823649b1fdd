"""Long pager arguments kept by id, so a custom_id stays under Discord's 100 characters."""

from __future__ import annotations

from datetime import UTC, datetime

from .database import Database


async def stash(db: Database, value: str) -> int:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO pager_args (value, created_at) VALUES (?, ?) ON CONFLICT (value) DO NOTHING",
            (value, datetime.now(UTC).isoformat()),
        )
        async with conn.execute("SELECT id FROM pager_args WHERE value = ?", (value,)) as cursor:
            row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def fetch(db: Database, arg_id: int) -> str | None:
    row = await db.fetch_one("SELECT value FROM pager_args WHERE id = ?", (arg_id,))
    return None if row is None else str(row["value"])
