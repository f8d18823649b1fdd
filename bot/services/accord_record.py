"""Withdrawals, reinstatements and complaints on ratified accords, with reputation effects."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..domain.accords.afterwards import Record, fold
from ..domain.errors import NotAllowed, NotFound
from ..storage import Database, accords, reputation
from ..storage import games as game_store

Decide = Callable[[Record, str | None], list[tuple[str, dict[str, Any]]]]
WITHDRAWAL_COST = -2
UPHELD_COST = -1


async def act(
    db: Database, guild_id: int, key: str, user_id: int, decide: Decide
) -> list[tuple[str, dict[str, Any]]]:
    """Decide and record one action on an accord in a single transaction (so two votes at once
    are counted one after the other), then apply its reputation effects."""
    key = await key_of(db, guild_id, key)
    accord_id = accords.accord_id_of(key)
    row = await db.fetch_one(
        "SELECT parties, game_id, history FROM accords WHERE id = ? AND guild_id = ?",
        (accord_id or 0, guild_id),
    )
    if accord_id is None or row is None:
        raise NotFound("There is no such accord in this server.")
    if row["game_id"] is None:
        raise NotAllowed(
            "Only accords signed in a conference here can be withdrawn from or complained about."
        )
    game = await game_store.get(db, guild_id, int(row["game_id"]))
    seat = game.seat_of(user_id)
    power = seat.power if seat else None
    parties = tuple(p["name"] for p in json.loads(row["parties"]))
    async with db.transaction(guild=guild_id) as conn:
        rows = await conn.fetch_all(
            "SELECT kind, power, data FROM accord_events WHERE accord_id = ? ORDER BY seq", (accord_id,)
        )
        past = [(r[0], r[1], json.loads(r[2])) for r in rows]
        record = fold(parties, past)
        events = decide(record, power)
        if not events:
            return []
        now = datetime.now(UTC)
        await conn.executemany(
            "INSERT INTO accord_events (accord_id, seq, at, actor_id, kind, power, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(accord_id, len(past) + i, now.isoformat(), user_id, kind, power or "", json.dumps(data))
             for i, (kind, data) in enumerate(events, 1)],
        )  # fmt: skip
        after = fold(parties, [*past, *((k, power or "", d) for k, d in events)])
        history = json.loads(row["history"]) + [
            {"year": None, "kind": _history_kind(kind), "text": _history_text(kind, power or "", data, now)}
            for kind, data in events
        ]
        await conn.execute(
            "UPDATE accords SET history = ?, status = ? WHERE id = ?",
            (json.dumps(history), after.status(), accord_id),
        )
        # Reputation belongs to the same change: it commits with it, or not at all.
        changes = _reputation(events, game, after, power or "")
        await reputation.apply_in(conn, guild_id, changes)
    return events


async def key_of(db: Database, guild_id: int, text: str) -> str:
    """An accord as a player names it: its key (what autocomplete gives) or its name, any case."""
    if accords.accord_id_of(text) is not None:
        return text
    found = await accords.accords_in(db, guild_id)
    wanted = " ".join(text.casefold().split())
    named = [t for t in found if t.name.casefold() == wanted] or [
        t for t in found if t.name.casefold().startswith(wanted)
    ]
    if len(named) == 1:
        return named[0].key
    names = ", ".join(t.name for t in found) or "none yet"
    raise NotFound(f"No accord of this server is called {text!r}. Its accords: {names}.")


async def open_complaints(db: Database, guild_id: int, key: str) -> list[tuple[int, str, str]]:
    """(number, against, text) of the complaints under an accord still waiting for votes."""
    try:
        key = await key_of(db, guild_id, key)
    except NotFound:
        return []
    accord_id = accords.accord_id_of(key)
    row = await db.fetch_one(
        "SELECT parties FROM accords WHERE id = ? AND guild_id = ?", (accord_id or 0, guild_id)
    )
    if accord_id is None or row is None:
        return []
    rows = await db.fetch_all(
        "SELECT kind, power, data FROM accord_events WHERE accord_id = ? ORDER BY seq", (accord_id,)
    )
    parties = tuple(p["name"] for p in json.loads(row["parties"]))
    record = fold(parties, [(r["kind"], r["power"], json.loads(r["data"])) for r in rows])
    return [
        (number, c["against"], c["text"]) for number, c in record.complaints.items() if c["upheld"] is None
    ]


def _history_kind(kind: str) -> str:
    return {"withdrawn": "withdrawn", "reinstated": "reinstated"}.get(kind, "complaint")


def _history_text(kind: str, power: str, data: dict[str, Any], now: datetime) -> str:
    day = f"{now:%Y-%m-%d}"
    if kind == "withdrawn":
        return f"{power} withdrew on {day}: {data['reason']}"
    if kind == "reinstated":
        return f"{power} returned to the accord on {day}."
    if kind == "complaint":
        return f"Complaint {data['number']} by {power} against {data['against']}: {data['text']}"
    if kind == "vote":
        return f"{power} voted to {'uphold' if data['uphold'] else 'dismiss'} complaint {data['number']}."
    return f"Complaint {data['number']} was {'upheld' if data['upheld'] else 'dismissed'} by the signatories."


def _reputation(
    events: list[tuple[str, dict[str, Any]]], game: Any, record: Record, actor_power: str
) -> dict[int, int]:
    """Withdrawing costs the withdrawing delegation; an upheld complaint costs the accused."""
    changes: dict[int, int] = {}

    def charge(power: str, delta: int) -> None:
        seat = next((s for s in game.seats if s.power == power), None)
        for player in seat.players if seat else ():
            changes[player] = changes.get(player, 0) + delta

    for kind, data in events:
        if kind == "withdrawn":
            charge(actor_power, WITHDRAWAL_COST)
        if kind == "decided" and data["upheld"]:
            charge(record.complaints[data["number"]]["against"], UPHELD_COST)
    return changes
