"""Reputation per player per server."""

from __future__ import annotations

from .backend import Conn, Database

UPSERT = (
    "INSERT INTO reputation (guild_id, user_id, points, accords) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (guild_id, user_id) DO UPDATE SET points = reputation.points + excluded.points,"
    " accords = reputation.accords + excluded.accords"
)


async def apply(db: Database, guild_id: int, changes: dict[int, int]) -> None:
    if changes:
        await db.write_now(lambda conn: apply_in(conn, guild_id, changes))


async def apply_in(conn: Conn, guild_id: int, changes: dict[int, int]) -> None:
    """Add reputation inside the caller's transaction (a conference's conclusion)."""
    if changes:
        await conn.executemany(UPSERT, rows(guild_id, changes))


def rows(guild_id: int, changes: dict[int, int]) -> list[tuple[int, int, int, int]]:
    """UPSERT's parameters: a positive change also counts one more accord honoured."""
    return [(guild_id, user, delta, 1 if delta > 0 else 0) for user, delta in changes.items()]


async def leaderboard(db: Database, guild_id: int, limit: int = 100) -> list[tuple[int, int, int]]:
    rows = await db.fetch_all(
        "SELECT user_id, points, accords FROM reputation WHERE guild_id = ?"
        " ORDER BY points DESC, accords DESC, user_id LIMIT ?",
        (guild_id, limit),
    )
    return [(int(r["user_id"]), int(r["points"]), int(r["accords"])) for r in rows]
