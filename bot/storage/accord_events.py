"""What happens to a ratified accord afterwards: its append-only record of withdrawals,
reinstatements, complaints and votes, with the accord's history, status and reputation
changed in the same transaction."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from . import reputation
from .backend import Conn, Database

Past = tuple[str, str, dict[str, Any]]  # kind, power, data


@dataclass(frozen=True, slots=True)
class Accord:
    accord_id: int
    parties: tuple[str, ...]
    game_id: int | None  # the conference that made it, if any


@dataclass(frozen=True, slots=True)
class Change:
    """One action on an accord: its events (kind, data) by `power`, the lines its history gains,
    the status it is left in and the reputation it costs."""

    events: list[tuple[str, dict[str, Any]]]
    power: str
    at: datetime
    history: list[dict[str, Any]]
    status: str
    reputation: dict[int, int]


async def find(db: Database, guild_id: int, accord_id: int) -> Accord | None:
    row = await db.fetch_one(
        "SELECT parties, game_id FROM accords WHERE id = ? AND guild_id = ?", (accord_id, guild_id)
    )
    if row is None:
        return None
    parties = tuple(p["name"] for p in json.loads(row["parties"]))
    return Accord(accord_id, parties, None if row["game_id"] is None else int(row["game_id"]))


async def past(db: Database | Conn, accord_id: int) -> list[Past]:
    rows = await db.fetch_all(
        "SELECT kind, power, data FROM accord_events WHERE accord_id = ? ORDER BY seq", (accord_id,)
    )
    return [(row["kind"], row["power"], json.loads(row["data"])) for row in rows]


async def change(
    db: Database, guild_id: int, accord_id: int, actor: int, decide: Callable[[list[Past]], Change | None]
) -> Change | None:
    """Read the record, let `decide` turn it into a change, and store that change whole, in one
    transaction under the server's lock: two votes at once are counted one after the other."""
    async with db.transaction(guild=guild_id) as conn:
        record = await past(conn, accord_id)
        made = decide(record)
        if made is None or not made.events:
            return None
        await conn.executemany(
            "INSERT INTO accord_events (accord_id, seq, at, actor_id, kind, power, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(accord_id, len(record) + i, made.at.isoformat(), actor, kind, made.power, json.dumps(data))
             for i, (kind, data) in enumerate(made.events, 1)],
        )  # fmt: skip
        row = await conn.fetch_one("SELECT history FROM accords WHERE id = ?", (accord_id,))
        history = (json.loads(row["history"]) if row else []) + made.history
        await conn.execute(
            "UPDATE accords SET history = ?, status = ? WHERE id = ?",
            (json.dumps(history), made.status, accord_id),
        )
        # Reputation belongs to the same change: it commits with it, or not at all.
        await reputation.apply_in(conn, guild_id, made.reputation)
    return made
