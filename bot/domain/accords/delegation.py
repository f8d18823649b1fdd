"""A delegation: the bot sitting for a power nobody took. Pure: what it does next in a game, and
the sentence it says in character while doing it.

It plays its power's interests: the power's secret objectives in the scenario, its stance
towards the others (delegation_stance.py, from data/delegations.toml), and what is on the table.
In negotiation it answers each article binding it that it has not answered (this version of it),
oldest first, by the rules of delegation_stance.py, then tables towards its objectives
(delegation_draft.py). Up for signature, a party signs an accord that serves it and refuses one
that does not; a power the accord does not bind leaves the conference only where its
stance says it may and the accord offends it. It does nothing in the lobby, while paused, once
the conference is over, and for a seat a person holds.

Every move changes the game (an answer it has not given, an article not yet tabled, a signature
not yet given), and there are finitely many: asking again after each one ends with None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..inert import inert
from . import commands as c
from .commands import Command
from .delegation_draft import MAX_TABLED, proposal, tie
from .delegation_stance import KINDS, PLACEHOLDERS_OF_ARTICLES, Stance, accepts, grievance, judge
from .headings import heading
from .model import Article, Clause, GameState, Phase
from .scenario import Objective

__all__ = ["KINDS", "MAX_TABLED", "PLACEHOLDERS_OF_ARTICLES", "Move", "Stance", "next_move"]

# Said where a stance has no lines of a kind (the data always has them: content/delegations.py).
PLAIN: dict[str, str] = {
    "support": "The {power} delegation supports Article {article}.",
    "oppose": "The {power} delegation opposes Article {article}.",
    "oppose_enemy": "The {power} delegation opposes Article {article}: it binds the {other}.",
    "table": "The {power} delegation tables Article {article} ({clause}).",
    "sign": "The {power} delegation signs the accord.",
    "refuse": "The {power} delegation refuses to sign the accord.",
    "withdraw": "The {power} delegation leaves the conference.",
}


@dataclass(frozen=True, slots=True)
class Move:
    command: Command  # what the delegation does, as a player's command for its power
    line: str  # the sentence it says in the channel, in character, never empty


def next_move(
    state: GameState, power: str, objectives: Sequence[Objective], stance: Stance, *, seed: int
) -> Move | None:
    """The next thing `power`'s delegation does in the current phase, or None when it has nothing
    (more) to do. Deterministic for (state, power, seed); applying the returned move's events and
    asking again never repeats a move, so a loop calling it until None ends."""
    if state.phase.over or state.paused or not _held_by_the_bot(state, power):
        return None
    mine = [o for o in objectives if o.power == power]
    if state.phase is Phase.NEGOTIATION:
        return _negotiate(state, power, mine, stance, seed)
    if state.phase is Phase.RATIFICATION:
        return _ratify(state, power, mine, stance, seed)
    return None  # in the lobby the host seats delegations; they have nothing to do


def _held_by_the_bot(state: GameState, power: str) -> bool:
    """The power sits, as the bot's delegation, and no person holds its seat."""
    seat = next((s for s in state.seats if s.power == power), None)
    return seat is not None and seat.delegation and not seat.players


def _negotiate(
    state: GameState, power: str, mine: Sequence[Objective], stance: Stance, seed: int
) -> Move | None:
    for article in state.articles:  # the oldest first, as a person reads down the table
        if article.retracted or power not in article.parties:
            continue
        if power in article.support or power in article.oppose:
            continue
        verdict = judge(article, power, mine, stance)
        command: Command = c.Support(article.number) if verdict.support else c.Oppose(article.number)
        values = _about(article, power) | ({"other": verdict.other} if verdict.kind == "oppose_enemy" else {})
        return Move(command, _say(state, stance, seed, verdict.kind, values))
    table = proposal(state, power, mine, stance, seed)
    if table is None:
        return None
    about = {"power": power, "article": len(state.articles) + 1, "clause": named(table.clause, table.text)}
    return Move(table, _say(state, stance, seed, "table", about))


def _ratify(
    state: GameState, power: str, mine: Sequence[Objective], stance: Stance, seed: int
) -> Move | None:
    if power in state.signed or power in state.refused or power in state.departed:
        return None
    agreed = state.agreed()
    if power in {p for a in agreed for p in a.parties}:  # a party: it is asked to sign
        if accepts(agreed, power, mine, stance):
            return Move(c.Sign(), _say(state, stance, seed, "sign", {"power": power}))
        return Move(c.Refuse(), _say(state, stance, seed, "refuse", {"power": power}))
    other = grievance(agreed, power, mine, stance)
    if not stance.withdraws or not other:
        return None  # bound by nothing and content to watch
    line = _say(state, stance, seed, "withdraw", {"power": power, "other": other})
    return Move(c.Depart(line), line)


def named(clause: Clause, text: str) -> str:
    """An article as a line calls it: its clause, or a free text's opening words (inert: a
    player may have written them)."""
    return inert(heading(clause, text))


def _about(article: Article, power: str) -> dict[str, object]:
    return {
        "power": power,
        "article": article.number,
        "clause": named(article.clause, article.text),
        "author": article.author,
    }


def _say(state: GameState, stance: Stance, seed: int, kind: str, values: dict[str, object]) -> str:
    """One of the stance's sentences of `kind` (seeded by the game and how far it has come),
    filled with `values`."""
    lines = stance.lines.get(kind) or (PLAIN[kind],)
    line = lines[tie(seed, stance.power, state.version, kind) % len(lines)]
    return line.format(**{name: values[name] for name in KINDS[kind]})
