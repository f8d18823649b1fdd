"""A member taken out of the shared record (issue #24), as pure rewrites: a finished conference
without them, an event kept under FORMER, an accord's signature renamed, a queued message that
no longer names them. Storage reads and writes; these decide what the rewritten values are."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .accords import GameState
from .accords import events as e
from .member_data import FORMER, FORMER_MEMBER, former_delegate
from .treaties import Party


def takes_part(state: GameState, user: int) -> bool:
    """Whether the conference's head names the member: its host, a seat's player, a clock."""
    return (
        state.host == user
        or any(user in seat.players for seat in state.seats)
        or any(who == user for who, _ in state.acted)
    )


def game_without(state: GameState, user: int) -> GameState:
    """A finished conference without the member: the host becomes FORMER, their seat keeps its
    power and the other players (so no reputation or vote can ever reach a forgotten member)."""
    return replace(
        state,
        host=FORMER if state.host == user else state.host,
        seats=tuple(replace(s, players=tuple(p for p in s.players if p != user)) for s in state.seats),
        acted=tuple(pair for pair in state.acted if pair[0] != user),
    )


def _kept(player: int, user: int) -> int:
    return FORMER if player == user else player


def event_without(event: e.Event, user: int) -> e.Event:
    """The event as the minutes keep it once the member is forgotten: the same action, by FORMER;
    a signature under the name "a former delegate of …"."""
    changed = replace(event, actor=_kept(event.actor, user))
    match changed:
        case e.Replaced(old=old, new=new):
            return replace(changed, old=_kept(old, user), new=_kept(new, user))
        case e.Delegated(replaced=players):
            return replace(changed, replaced=tuple(_kept(p, user) for p in players))
        case e.Signed(power=power) if event.actor == user:
            return replace(changed, by=former_delegate(power))
    return changed


def names_member(event: e.Event, user: int) -> bool:
    return event_without(event, user) != event


def _mentions(user: int) -> tuple[str, str]:
    return f"<@{user}>", f"<@!{user}>"


def parties_without(
    parties: tuple[Party, ...], signed: list[tuple[str, str]], user: int
) -> tuple[Party, ...]:
    """An accord's parties with the member's signatures renamed: each (power, name signed with)
    in `signed` renames one signatory of that power, and any mention of the member anywhere."""
    renamed = []
    for party in parties:
        names = list(party.signed_by)
        for power, name in signed:
            if power == party.name and name in names:
                names[names.index(name)] = former_delegate(power)
        names = [former_delegate(party.name) if n in _mentions(user) else n for n in names]
        renamed.append(replace(party, signed_by=tuple(names)))
    return tuple(renamed)


def scrubbed(value: Any, user: int) -> Any:
    """A JSON value (a queued message's body) that no longer names the member: their id dropped
    from lists (whom a message may ping), kept as FORMER elsewhere, their mentions in words."""
    if isinstance(value, dict):
        return {key: scrubbed(item, user) for key, item in value.items()}
    if isinstance(value, list):
        return [scrubbed(item, user) for item in value if not (_is_id(item) and item == user)]
    if _is_id(value) and value == user:
        return FORMER
    if isinstance(value, str):
        return re.sub(rf"<@!?{user}>", FORMER_MEMBER, value)
    return value


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
