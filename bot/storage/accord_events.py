"""What happens to a ratified accord afterwards: its append-only record of withdrawals,
reinstatements, complaints and votes (typed events, written by accord_event_codec.py), and the
accord's history, status and reputation changed with them.

The use case (read the record, decide, append) is the service's (services/accord_record.py),
inside the unit of work `writing` opens; this module only reads and writes in it.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

from ..domain.accords.after_events import AfterEvent
from ..domain.treaties import HistoryEvent
from . import reputation
from .accord_event_codec import dump, load
from .backend import Conn, Database


@dataclass(frozen=True, slots=True)
class Accord:
    accord_id: int
    parties: tuple[str, ...]
    game_id: int | None  # the conference that made it, if any
    name: str = ""  # as players read it


@dataclass(frozen=True, slots=True)
class Change:
    """One action on an accord: its events, by the member `actor` at `at`, the lines its history
    gains, the status it is left in and the reputation it costs."""

    events: tuple[AfterEvent, ...]
    actor: int
    at: datetime
    history: tuple[HistoryEvent, ...]
    status: str
    reputation: Mapping[int, int]


async def find(db: Database, guild_id: int, accord_id: int) -> Accord | None:
    row = await db.fetch_one(
        "SELECT parties, game_id, name FROM accords WHERE id = ? AND guild_id = ?", (accord_id, guild_id)
    )
    if row is None:
        return None
    parties = tuple(p["name"] for p in json.loads(row["parties"]))
    game_id = None if row["game_id"] is None else int(row["game_id"])
    return Accord(accord_id, parties, game_id, str(row["name"]))


async def past(db: Database | Conn, accord_id: int) -> list[AfterEvent]:
    """The accord's record so far, oldest first. Read through the connection of the transaction
    that will append to it: the server's lock then keeps it current until the append."""
    rows = await db.fetch_all(
        "SELECT kind, power, data FROM accord_events WHERE accord_id = ? ORDER BY seq", (accord_id,)
    )
    return [load(row["kind"], row["power"], row["data"]) for row in rows]


async def append(conn: Conn, guild_id: int, accord_id: int, change: Change, *, known: int) -> None:
    """Store `change` after the `known` events it was decided on. Events are numbered from there,
    so a change decided on a record that has moved on fails whole instead of being stored."""
    when, actor = change.at.isoformat(), change.actor
    await conn.executemany(
        "INSERT INTO accord_events (accord_id, seq, at, actor_id, kind, power, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(accord_id, known + i, when, actor, *dump(event)) for i, event in enumerate(change.events, 1)],
    )
    row = await conn.fetch_one("SELECT history FROM accords WHERE id = ?", (accord_id,))
    history = (json.loads(row["history"]) if row else []) + [
        {"year": h.year, "kind": h.kind, "text": h.text} for h in change.history
    ]
    await conn.execute(
        "UPDATE accords SET history = ?, status = ? WHERE id = ?",
        (json.dumps(history), change.status, accord_id),
    )
    # Reputation belongs to the same change: it commits with it, or not at all.
    await reputation.apply_in(conn, guild_id, dict(change.reputation))


class RecordWrite:
    """One accord's record inside the transaction that appends to it, under the server's lock:
    what the service (bot/services/accord_record.py) may read and write there, nothing more."""

    def __init__(self, conn: Conn, guild_id: int, accord_id: int) -> None:
        self._conn, self._guild_id, self._accord_id = conn, guild_id, accord_id

    async def past(self) -> list[AfterEvent]:
        return await past(self._conn, self._accord_id)

    async def append(self, change: Change, *, known: int) -> None:
        await append(self._conn, self._guild_id, self._accord_id, change, known=known)


@asynccontextmanager
async def writing(db: Database, guild_id: int, accord_id: int) -> AsyncIterator[RecordWrite]:
    """The accord's record for one action, committed when the block ends well, else rolled back."""
    async with db.transaction(guild=guild_id) as conn:
        yield RecordWrite(conn, guild_id, accord_id)
