"""Where a conference's messages are: its channel or thread, and the lobby, article and draft
messages it redraws. Bookkeeping after an action, not the action itself (bot/storage/work.py)."""

from __future__ import annotations

from . import work
from .backend import Database


async def move_to_channel(db: Database, game_id: int, channel_id: int) -> None:
    """The conference continues in its own thread."""
    async with work.bookkeeping(db) as conn:
        await conn.execute("UPDATE games SET channel_id = ? WHERE id = ?", (channel_id, game_id))


async def remember_message(
    db: Database, game_id: int, kind: str, ref: int, channel_id: int, message_id: int
) -> None:
    """Where the lobby (ref 0), an article (ref = its number) or the draft (ref 0) was posted."""
    sql = (
        "INSERT INTO game_messages (game_id, kind, ref, channel_id, message_id) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (game_id, kind, ref) DO UPDATE SET channel_id = excluded.channel_id,"
        " message_id = excluded.message_id"
    )
    row = (game_id, kind, ref, channel_id, message_id)
    await work.bookkeeping_now(db, lambda conn: conn.execute(sql, row))  # one row by key, at once


async def messages_of(db: Database, game_id: int) -> dict[tuple[str, int], tuple[int, int]]:
    """Every remembered message of a game: (kind, ref) -> (channel, message), in one query."""
    sql = "SELECT kind, ref, channel_id, message_id FROM game_messages WHERE game_id = ?"
    rows = await db.read_now(lambda conn: conn.fetch_all(sql, (game_id,)))  # a few rows by key, at once
    return {(r["kind"], int(r["ref"])): (int(r["channel_id"]), int(r["message_id"])) for r in rows}
