"""When the bot's delegations act, and what: the next turn of a game, derived from its stored
state alone, so the same game plays the same way every time and after any restart.

Each delegation with something to do (domain/accords/delegation.py decides what, from its
power's objectives in the scenario and its stance in data/delegations.toml) waits a pause of
20 to 120 seconds after the game last changed, as a person would, seeded by the game, the power
and the state's version; an answer comes after a few seconds once every player has answered and
only delegations are left. Nothing waits past the phase's deadline: a turn that would is taken
before it, and none is taken once it has passed (the deadline's own timer moves the game on).
"""

from __future__ import annotations

import zlib
from collections.abc import Collection
from dataclasses import dataclass

from ..content.delegations import canon_stances
from ..domain.accords import GameState, Phase
from ..domain.accords import commands as c
from ..domain.accords.delegation import Move, Stance, next_move
from ..domain.accords.seating import delegations
from ..storage.outbox import GAME_CHANNEL
from .accords import Outgoing, scenario

SHORTEST, LONGEST = 20, 120  # seconds a delegation thinks before it acts
AT_ONCE = 3.0  # seconds: only delegations are left to answer (after the player's own reply)
GUARD = 60.0  # seconds before a deadline by which every turn is taken
ANSWERS = (c.Support, c.Oppose, c.Sign, c.Refuse, c.Depart)
SAID = "delegation"  # the outbox's kind for what a delegation says (drawn by cogs/accords)


@dataclass(frozen=True, slots=True)
class Turn:
    """`power`'s delegation makes `move`, chosen on the game at `version`, `wait` seconds after
    the game reached that version."""

    power: str
    move: Move
    version: int
    wait: float

    @property
    def command(self) -> c.AsDelegation:
        return c.AsDelegation(self.power, self.move.command, self.version)


def seed_of(game_id: int, power: str, version: int) -> int:
    """The same number for the same game, power and version, in every process and run."""
    return zlib.crc32(f"{game_id}\x1f{power}\x1f{version}".encode())


def pause_of(seed: int) -> float:
    return float(SHORTEST + seed % (LONGEST - SHORTEST + 1))


def stance_of(power: str) -> Stance:
    """The power's stance from the data; a power it does not describe plays with no leanings."""
    return canon_stances().get(power) or Stance(power, {})


def turns(state: GameState, done: Collection[str] = ()) -> list[Turn]:
    """What each delegation would do now, and after how long; `done`: powers whose move at this
    version changed nothing (they are not asked again until the game moves)."""
    if state.phase.over or state.paused or state.phase is Phase.CONVENED:
        return []
    chosen = scenario(state.scenario)
    objectives = chosen.objectives if chosen else ()
    waiting = players_waiting(state)
    found = []
    for power in delegations(state):
        if power in done:
            continue
        seed = seed_of(state.game_id, power, state.version)
        move = next_move(state, power, objectives, stance_of(power), seed=seed)
        if move is None:
            continue
        quick = isinstance(move.command, ANSWERS) and not waiting
        found.append(Turn(power, move, state.version, AT_ONCE if quick else pause_of(seed)))
    return found


def players_waiting(state: GameState) -> bool:
    """Whether a person still has something to answer: an article binding their power that it has
    not answered, or, up for signature, an accord binding it that it has not signed or refused."""
    people = {s.power for s in state.seats if not s.delegation}
    if state.phase is Phase.RATIFICATION:
        answered = state.signed | state.refused | state.departed
        return any(p in people and p not in answered for p in state.bound())
    return any(
        p in people and p not in a.support and p not in a.oppose
        for a in state.articles
        if not a.retracted
        for p in a.parties
    )


def next_turn(
    state: GameState, since: float, now: float, done: Collection[str] = ()
) -> tuple[Turn, float] | None:
    """The first turn to take and when (UTC seconds), for the game as it stood at `since`; None
    when no delegation has anything to do, or the deadline has passed."""
    found = turns(state, done)
    if not found or (state.deadline is not None and now >= state.deadline):
        return None
    turn = min(found, key=lambda t: (t.wait, t.power))
    at = since + turn.wait
    if state.deadline is not None:  # before the deadline, leaving the clock room
        at = min(at, state.deadline - min(GUARD, (state.deadline - since) / 2))
    return turn, max(at, now)


def said(turn: Turn, after: GameState) -> Outgoing:
    """What the delegation says in the game's channel, for the outbox: its sentence, and the
    number of the article it tabled, drawn as the article stands when the message goes out."""
    tabled = isinstance(turn.move.command, c.Table)
    body = {"line": turn.move.line, "article": len(after.articles) if tabled else None}
    return Outgoing(GAME_CHANNEL, body, SAID, after.game_id)
