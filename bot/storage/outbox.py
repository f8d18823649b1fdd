"""The outbox: messages owed to Discord, stored with the action that owes them.

An action that must be announced (a deadline that ran out, a ratification, a lobby whose reply
was lost) adds its message here inside its own transaction, so the two commit together or not
at all. bot/application/outbox.py sends what is due, deletes what Discord took and moves the rest later.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import work
from .backend import Conn, Database

TEXT = "text"  # a finished message: body {"text": …, "users": [ids it may ping]}
GAME_CHANNEL = 0  # as a channel: the channel its game runs in, filled in by bot/storage/games.py


@dataclass(frozen=True)
class Outgoing:
    """A message to queue: where, what kind (TEXT, or a kind a cog renders at send time)."""

    channel_id: int
    body: dict[str, Any] = field(default_factory=dict)
    kind: str = TEXT
    game_id: int | None = None


@dataclass(frozen=True)
class Queued:
    id: int
    guild_id: int
    channel_id: int
    game_id: int | None
    kind: str
    body: dict[str, Any]
    attempts: int
    created: float


def text(channel_id: int, message: str, *, users: Sequence[int] = (), game_id: int | None = None) -> Outgoing:
    """A finished message; `users` are the only ones it may ping."""
    return Outgoing(channel_id, {"text": message, "users": list(users)}, TEXT, game_id)


async def add(
    conn: Conn, guild_id: int, items: Sequence[Outgoing], *, now: float, hold: float = 0.0, channel: int = 0
) -> None:
    """Queue `items` in `conn`'s transaction; none is tried before `now + hold` (a reply that is
    still being sent gets to go first). `channel` stands in for GAME_CHANNEL."""
    await conn.executemany(
        "INSERT INTO outbox (guild_id, channel_id, game_id, kind, body, created, due)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                guild_id,
                item.channel_id or channel,
                item.game_id,
                item.kind,
                json.dumps(item.body),
                now,
                now + hold,
            )
            for item in items
        ],
    )


def _rest(item: Outgoing) -> tuple[int | None, str, str]:
    return item.game_id, item.kind, json.dumps(item.body)


def _queued(row: Any) -> Queued:
    return Queued(
        int(row["id"]),
        int(row["guild_id"]),
        int(row["channel_id"]),
        None if row["game_id"] is None else int(row["game_id"]),
        str(row["kind"]),
        json.loads(row["body"]),
        int(row["attempts"]),
        float(row["created"]),
    )


def _shard_filter(shards: tuple[int, Collection[int]] | None) -> tuple[str, list[int]]:
    """SQL keeping the servers of this process's shards (Discord's formula), or everything."""
    if shards is None:
        return "", []
    count, ids = shards
    marks = ", ".join("?" for _ in ids) or "NULL"
    return f" AND ((guild_id / 4194304) % ?) IN ({marks})", [count, *ids]


async def due(
    db: Database, now: float, *, shards: tuple[int, Collection[int]] | None = None, limit: int = 20
) -> list[Queued]:
    """The oldest messages whose time has come, of this process's shards."""
    where, params = _shard_filter(shards)
    sql = f"SELECT * FROM outbox WHERE due <= ?{where} ORDER BY due, id LIMIT ?"
    # by the due index, at most `limit` rows: read at once, no hop to the database thread
    rows = await db.read_now(lambda conn: conn.fetch_all(sql, (now, *params, limit)))
    return [_queued(row) for row in rows]


async def next_due(db: Database, *, shards: tuple[int, Collection[int]] | None = None) -> float | None:
    """When the next message is due (None: nothing queued)."""
    where, params = _shard_filter(shards)
    sql = f"SELECT min(due) AS due FROM outbox WHERE 1 = 1{where}"
    row = await db.read_now(lambda conn: conn.fetch_one(sql, params))
    return None if row is None or row["due"] is None else float(row["due"])


async def release(db: Database, game_id: int, now: float) -> None:
    """Make a game's held messages due now (its member's reply has gone out)."""
    sql = "UPDATE outbox SET due = ? WHERE game_id = ? AND due > ?"
    await work.bookkeeping_now(db, lambda conn: conn.execute(sql, (now, game_id, now)))


async def drop(db: Database, message_id: int) -> bool:
    """Delete a message: Discord took it, or it can never be sent. False if it was gone already."""
    sql = "DELETE FROM outbox WHERE id = ?"
    return await work.bookkeeping_now(db, lambda conn: conn.execute(sql, (message_id,))) == 1


async def drop_kind(db: Database, game_id: int, kind: str) -> None:
    """Delete a game's queued messages of a kind: the reply that carried them went out."""
    async with work.bookkeeping(db) as conn:
        await conn.execute("DELETE FROM outbox WHERE game_id = ? AND kind = ?", (game_id, kind))


async def later(db: Database, message_id: int, due_at: float) -> None:
    """Count a failed try and set the next."""
    async with work.bookkeeping(db) as conn:
        await conn.execute(
            "UPDATE outbox SET attempts = attempts + 1, due = ? WHERE id = ?", (due_at, message_id)
        )
