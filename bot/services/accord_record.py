"""Withdrawals, reinstatements and complaints on ratified accords, with reputation effects."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..domain.accords.afterwards import Record, fold
from ..domain.errors import NotAllowed, NotFound
from ..domain.inert import inert, quoted
from ..domain.references import normalise
from ..storage import Database, accord_reads, accords
from ..storage import accord_events as record_store
from ..storage import games as game_store

Decide = Callable[[Record, str | None], list[tuple[str, dict[str, Any]]]]
NAMED = 50  # names starting with what was typed, read to tell one from several
NAMES_SHOWN = 10  # accords named when none is called what was typed
WITHDRAWAL_COST = -2
UPHELD_COST = -1


async def act(
    db: Database, guild_id: int, key: str, user_id: int, decide: Decide
) -> list[tuple[str, dict[str, Any]]]:
    """Decide and record one action on an accord, with its history, status and reputation
    effects, in a single transaction (so two votes at once are counted one after the other)."""
    key = await key_of(db, guild_id, key)
    accord_id = accords.accord_id_of(key)
    found = await record_store.find(db, guild_id, accord_id) if accord_id is not None else None
    if found is None:
        raise NotFound("There is no such accord in this server.")
    if found.game_id is None:
        raise NotAllowed(
            "Only accords signed in a conference here can be withdrawn from or complained about."
        )
    game = await game_store.get(db, guild_id, found.game_id)
    seat = game.seat_of(user_id)
    power = seat.power if seat else ""
    now = datetime.now(UTC)

    def change(past: list[record_store.Past]) -> record_store.Change | None:
        events = decide(fold(found.parties, past), power or None)
        if not events:
            return None
        after = fold(found.parties, [*past, *((kind, power, data) for kind, data in events)])
        history = [
            {"year": None, "kind": _history_kind(kind), "text": _history_text(kind, power, data, now)}
            for kind, data in events
        ]
        costs = _reputation(events, game, after, power)
        return record_store.Change(events, power, now, history, after.status(), costs)

    made = await record_store.change(db, guild_id, found.accord_id, user_id, change)
    return made.events if made else []


async def key_of(db: Database, guild_id: int, text: str) -> str:
    """An accord as a player names it: its key (what autocomplete gives) or its name, any case,
    or the start of one name. Looked up by index: the server's other accords are not read."""
    if accords.accord_id_of(text) is not None:
        return text
    found = await accord_reads.candidates(db, guild_id, [normalise(text)], prefix=NAMED, shortest=1)
    wanted = " ".join(text.casefold().split())
    named = [t for t in found if t.name.casefold() == wanted] or [
        t for t in found if t.name.casefold().startswith(wanted)
    ]
    if len(named) == 1:
        return named[0].key
    first = await accord_reads.candidates(db, guild_id, [], first=NAMES_SHOWN + 1)
    names = ", ".join(inert(t.name) for t in first[:NAMES_SHOWN])
    names += ", …" if len(first) > NAMES_SHOWN else ""
    raise NotFound(f"No accord of this server is called {quoted(text)}. Its accords: {names or 'none yet'}.")


async def open_complaints(db: Database, guild_id: int, key: str) -> list[tuple[int, str, str]]:
    """(number, against, text) of the complaints under an accord still waiting for votes."""
    try:
        key = await key_of(db, guild_id, key)
    except NotFound:
        return []
    accord_id = accords.accord_id_of(key)
    found = await record_store.find(db, guild_id, accord_id) if accord_id is not None else None
    if found is None:
        return []
    record = fold(found.parties, await record_store.past(db, found.accord_id))
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
