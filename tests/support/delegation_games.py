"""Pure games with delegations, through the real machine: the host seats the bot's delegations in
the lobby (`Delegate`), members with made-up ids take the other seats, and whatever a delegation
does goes in as the bot does it (`AsDelegation`, from the clock), checked by the same rules."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from bot.domain.accords import GameState, decide, evolve, new_game
from bot.domain.accords import commands as c
from bot.domain.accords.commands import Command
from bot.domain.accords.delegation import Move, Stance, next_move
from bot.domain.accords.events import CLOCK
from bot.domain.accords.scenario import Objective

HOST = 1


def member(state: GameState, power: str) -> int:
    """The made-up member who holds (or would hold) `power`'s seat."""
    return 100 + state.powers.index(power)


def play(state: GameState, command: Command, actor: int) -> GameState:
    for event in decide(state, command, actor):
        state = evolve(state, event)
    return state


def act(state: GameState, power: str, command: Command) -> GameState:
    """`command` for `power`, by its member or, for a delegation's seat, as the bot."""
    seat = next(s for s in state.seats if s.power == power)
    if seat.delegation:
        return play(state, c.AsDelegation(power, command, state.version), CLOCK)
    return play(state, command, member(state, power))


def opened(
    powers: Sequence[str],
    *,
    seated: Collection[str] | None = None,
    people: Collection[str] = (),
    narrower: bool = False,
) -> GameState:
    """A conference in negotiation: of the `seated` powers (default: all), `people` sit as members
    and the rest as the bot's delegations, in the order of `powers`."""
    state = new_game(1, 1, HOST, "Test conference", tuple(powers), narrower=narrower)
    for power in powers:
        if seated is not None and power not in seated:
            continue
        command: Command = c.Join(power) if power in people else c.Delegate(power)
        state = play(state, command, member(state, power) if power in people else HOST)
    return play(state, c.Start(), HOST)


def move(
    state: GameState, stance: Stance, objectives: Sequence[Objective] = (), seed: int = 0
) -> Move | None:
    return next_move(state, stance.power, objectives, stance, seed=seed)


def apply(state: GameState, made: Move, power: str) -> GameState:
    """The move as the bot makes it; a move that changes nothing would be chosen for ever."""
    events = decide(state, c.AsDelegation(power, made.command, state.version), CLOCK)
    assert events, f"{power}'s {made.command} changed nothing"
    for event in events:
        state = evolve(state, event)
    return state


def run(
    state: GameState,
    stances: Mapping[str, Stance],
    objectives: Sequence[Objective] = (),
    seed: int = 0,
    limit: int = 5_000,
) -> tuple[GameState, list[tuple[str, Move]]]:
    """Every delegation moves in turn until none has anything left to do in this phase."""
    moves: list[tuple[str, Move]] = []
    moved = True
    while moved:
        moved = False
        for power, stance in stances.items():
            made = next_move(state, power, objectives, stance, seed=seed)
            if made is None:
                continue
            state, moved = apply(state, made, power), True
            moves.append((power, made))
            assert len(moves) < limit, "the delegations never stop"
    return state, moves
