"""The bot's delegations: a seat held by no person, played by the bot (delegation.py decides
its moves).

The host or a moderator seats one for a free seat of the lobby (`Delegate`), or, once the
conference runs, for a seat whose players have all gone silent (absence.py); a player who then
sits down in the lobby takes the seat over. What a delegation does arrives as `AsDelegation`,
from the bot alone (the CLOCK actor), and is checked by the very rule a player's command for that
power is checked by: the machine decides it on the game as it would look with the bot in that
seat, and records it under the actor BOT. A seat a person holds is never acted for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..errors import NotAllowed, NotFound
from ..inert import quoted
from . import commands as c
from . import events as e
from .absence import Present, absent_for
from .events import CLOCK
from .model import GameState, Phase, Seat

BOT = -1  # the actor recorded for what a delegation does (CLOCK, 0, is what deadlines do)
SIGNED_BY = "delegation"  # the name a delegation signs with, shown beside its power in the treaty

# What a delegation may do: what a seated player does for their own power, nothing of the host's.
OWN_ACTIONS = (c.Table, c.Support, c.Oppose, c.Amend, c.Retract, c.Sign, c.Refuse, c.Depart)

Decide = Callable[[GameState, c.Command, int, bool], list[e.Event]]


def delegations(state: GameState) -> tuple[str, ...]:
    """The powers the bot's delegations hold, in seat order."""
    return tuple(s.power for s in state.seats if s.delegation)


def _seat(state: GameState, power: str) -> Seat | None:
    return next((s for s in state.seats if s.power == power), None)


def _host(state: GameState, actor: int, staff: bool) -> None:
    if actor != state.host and not staff:
        raise NotAllowed("Only the host or a moderator can do that.")


def delegate(state: GameState, actor: int, staff: bool, command: c.Delegate) -> list[e.Event]:
    _host(state, actor, staff)
    if not command.power:
        if state.phase is not Phase.CONVENED:
            raise NotAllowed("Free seats are filled in the lobby, before the conference starts.")
        free = [p for p in state.powers if _seat(state, p) is None]
        if not free:
            raise NotAllowed("Every seat is taken: there is no free seat for a delegation.")
        return [e.Delegated(actor, power) for power in free]
    power = command.power
    if power not in state.powers:
        raise NotFound(f"{quoted(power)} has no seat here. Seats: {', '.join(state.powers)}.")
    seat = _seat(state, power)
    if seat is not None and seat.delegation:
        return []
    if state.phase is Phase.CONVENED:
        if seat is not None:
            who = ", ".join(f"<@{p}>" for p in seat.players)
            raise NotAllowed(f"{who} sits for {power}: a delegation takes only a free seat.")
        return [e.Delegated(actor, power)]
    if seat is None:
        raise NotAllowed(f"Only the lobby seats a power: {power} did not sit down before the start.")
    for player in seat.players:
        try:
            absent_for(state, player, command.now, command.durations)
        except Present as present:
            raise _still_plays(power, present) from None
    return [e.Delegated(actor, power, seat.players)]


def _still_plays(power: str, present: Present) -> NotAllowed:
    when = f" (from <t:{int(present.until)}:f> if they stay silent)" if present.until is not None else ""
    return NotAllowed(
        f"<@{present.player}> still plays {power}: a delegation takes over only a seat whose players "
        f"have gone silent for half the phase{when}."
    )


def as_delegation(state: GameState, actor: int, command: c.AsDelegation, decide: Decide) -> list[e.Event]:
    """What the delegation for `command.power` causes with `command.command`: the same rule as its
    player's, decided on the game as it looks with the bot in the seat; nothing if the game has
    moved on since the delegation chose (`command.version`)."""
    if actor != CLOCK:
        raise NotAllowed("Only the bot acts for its delegations.")
    seat = _seat(state, command.power)
    if seat is None or not seat.delegation or seat.players:
        raise NotAllowed(f"{command.power} is not played by a delegation here.")
    inner = command.command
    if not isinstance(inner, OWN_ACTIONS):
        raise NotAllowed("A delegation only acts for its own power, never as the host.")
    if state.version != command.version:
        return []
    if isinstance(inner, c.Sign) and not inner.by:
        inner = replace(inner, by=SIGNED_BY)
    stand_in = tuple(replace(s, players=(BOT,)) if s is seat else s for s in state.seats)
    return decide(replace(state, seats=stand_in), inner, BOT, False)


def seated(state: GameState, event: e.Delegated) -> tuple[Seat, ...]:
    """The seats once `event` gave its power to the bot's delegation: a seat taken over stays in
    its place, a free one is added at the end (as a join does)."""
    held = Seat(event.power, (), delegation=True)
    if _seat(state, event.power) is None:
        return (*state.seats, held)
    return tuple(held if s.power == event.power else s for s in state.seats)
