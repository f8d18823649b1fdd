"""Withdrawals, reinstatements and complaints on ratified accords, with reputation effects.

One action is one use case in one unit of work: read the accord's record under the server's
lock, decide (domain/accords/afterwards.py), fold, write what its history gains and what it
costs in reputation, and append it all (storage/accord_events.py) before the lock is let go, so
two votes at once are counted one after the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import assert_never

from ..domain.accords.after_commands import AfterCommand
from ..domain.accords.after_events import (
    AfterEvent,
    ComplaintDecided,
    ComplaintFiled,
    Reinstated,
    VoteCast,
    Withdrawn,
)
from ..domain.accords.afterwards import Complaint, Record, decide, evolve, fold
from ..domain.accords.model import GameState, Seat
from ..domain.errors import NotAllowed, NotFound
from ..domain.inert import inert, quoted
from ..domain.references import normalise
from ..domain.treaties import HistoryEvent
from ..storage import Database, accord_reads, accords
from ..storage import accord_events as record_store
from ..storage import games as game_store

NAMED = 50  # names starting with what was typed, read to tell one from several
NAMES_SHOWN = 10  # accords named when none is called what was typed
WITHDRAWAL_COST = -2
UPHELD_COST = -1


class _Unchanged(Exception):
    """The action changes nothing: its transaction is rolled back, so no commit is reported."""


async def act(
    db: Database, guild_id: int, key: str, user_id: int, command: AfterCommand, *, at: datetime
) -> list[AfterEvent]:
    """Decide and record one signatory's action on an accord (`at`: Discord's clock), with its
    history, status and reputation effects, in a single transaction; the events it caused (none:
    it changed nothing)."""
    found = await _accord(db, guild_id, key)
    if found is None:
        raise NotFound("There is no such accord in this server.")
    if found.game_id is None:
        raise NotAllowed(
            "Only accords signed in a conference here can be withdrawn from or complained about."
        )
    game = await game_store.get(db, guild_id, found.game_id)  # its seats are settled for good
    seat = game.seat_of(user_id)
    try:
        async with record_store.writing(db, guild_id, found.accord_id) as record:
            past = await record.past()
            before = fold(found.parties, past, abstaining_in(game))
            events = decide(before, command, seat.power if seat else None)
            if not events:
                raise _Unchanged
            after = before
            for event in events:
                after = evolve(after, event)
            change = record_store.Change(
                events=tuple(events),
                actor=user_id,
                at=at,
                history=tuple(history_of(event, at) for event in events),
                status=after.status(),
                reputation=reputation_of(events, after, game.seats),
            )
            await record.append(change, known=len(past))
    except _Unchanged:
        return []
    return events


async def name_of(db: Database, guild_id: int, key: str) -> str:
    """An accord's name as players read it, from its key or name as `act` takes them."""
    found = await _accord(db, guild_id, key)
    if found is None:
        raise NotFound("There is no such accord in this server.")
    return found.name


async def _accord(db: Database, guild_id: int, key: str) -> record_store.Accord | None:
    key = await key_of(db, guild_id, key)
    accord_id = accords.accord_id_of(key)
    return await record_store.find(db, guild_id, accord_id) if accord_id is not None else None


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


def abstaining_in(game: GameState) -> frozenset[str]:
    """The powers nobody can act for any more, who abstain on complaints: those the bot's
    delegations played, and those whose every delegate had the bot forget them (/mydata)."""
    return frozenset(seat.power for seat in game.seats if seat.delegation or not seat.players)


async def open_complaints(db: Database, guild_id: int, key: str) -> list[Complaint]:
    """The complaints under an accord still waiting for votes (none if there is no such accord)."""
    try:
        found = await _accord(db, guild_id, key)
    except NotFound:
        return []
    if found is None:
        return []
    return fold(found.parties, await record_store.past(db, found.accord_id)).open_complaints()


def history_of(event: AfterEvent, at: datetime) -> HistoryEvent:
    """The line an event adds to the accord's history (shown by /treaty show)."""
    day = f"{at:%Y-%m-%d}"
    match event:
        case Withdrawn(power=power, reason=reason):
            return HistoryEvent(None, "withdrawn", f"{power} withdrew on {day}: {reason}", power)
        case Reinstated(power=power):
            return HistoryEvent(None, "reinstated", f"{power} returned to the accord on {day}.", power)
        case ComplaintFiled(power=power, number=number, against=against, text=text):
            return HistoryEvent(None, "complaint", f"Complaint {number} by {power} against {against}: {text}")
        case VoteCast(power=power, number=number, uphold=uphold):
            verb = "uphold" if uphold else "dismiss"
            return HistoryEvent(None, "complaint", f"{power} voted to {verb} complaint {number}.")
        case ComplaintDecided(number=number, upheld=upheld):
            outcome = "upheld" if upheld else "dismissed"
            return HistoryEvent(None, "complaint", f"Complaint {number} was {outcome} by the signatories.")
        case _:
            assert_never(event)


def _costs(event: AfterEvent, record: Record) -> tuple[str, int] | None:
    """The power an event costs reputation, and how much: withdrawing costs the withdrawing
    delegation; an upheld complaint costs the accused."""
    match event:
        case Withdrawn(power=power):
            return power, WITHDRAWAL_COST
        case ComplaintDecided(number=number, upheld=True):
            return record.complaints[number].against, UPHELD_COST
        case Reinstated() | ComplaintFiled() | VoteCast() | ComplaintDecided():
            return None
        case _:
            assert_never(event)


def reputation_of(events: Sequence[AfterEvent], record: Record, seats: Sequence[Seat]) -> dict[int, int]:
    """What `events` cost each player seated for the powers they charge (`record`: after them)."""
    changes: dict[int, int] = {}
    for event in events:
        if (cost := _costs(event, record)) is None:
            continue
        power, delta = cost
        for seat in seats:
            for player in seat.players if seat.power == power else ():
                changes[player] = changes.get(player, 0) + delta
    return changes
