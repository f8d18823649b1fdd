"""Long pager arguments kept by id, so a custom_id stays under Discord's 100 characters. Each
belongs to the server and member it was made for (0 for a direct message)."""

from __future__ import annotations

from datetime import UTC, datetime

from ..domain.ids import MAX_ID
from . import work
from .backend import Database


async def stash(db: Database, value: str, guild_id: int, owner_id: int) -> int:
    # PostgreSQL keeps values unique by digest (a btree key must stay small): see its 0012.
    unique = "md5(value)" if db.dialect.postgres else "value"
    async with work.bookkeeping(db) as conn:  # not the member's action
        # Stashed again: the same id, dated now, so its retention (bot/storage/retention.py)
        # counts from its last use, not its first.
        row = await conn.fetch_one(
            "INSERT INTO pager_args (guild_id, owner_id, value, created_at) VALUES (?, ?, ?, ?)"
            f" ON CONFLICT (guild_id, owner_id, {unique}) DO UPDATE SET created_at = excluded.created_at"
            " RETURNING id",
            (guild_id, owner_id, value, datetime.now(UTC).isoformat()),
        )
    assert row is not None
    return int(row[0])


async def fetch(db: Database, arg_id: int, guild_id: int, owner_id: int) -> str | None:
    if not 0 < arg_id <= MAX_ID:  # a forged bigger one finds nothing, never overflows the column
        return None
    row = await db.fetch_one(
        "SELECT value FROM pager_args WHERE id = ? AND guild_id = ? AND owner_id = ?",
        (arg_id, guild_id, owner_id),
    )
    return None if row is None else str(row["value"])
