"""Scoring a concluded conference against each power's secret objectives, and reputation."""

from __future__ import annotations

from collections.abc import Iterable

from .clauses import term_fits
from .model import Article, GameState, Phase
from .scenario import Objective


def objective_met(objective: Objective, state: GameState) -> bool:
    """Wanted: a ratified article fitting it binds the powers it names (its own power unless it
    names others). Avoided: none does. Every power is scored on the accord as it was ratified,
    one that it did not bind (and that may have departed) too: refusing is not its to do."""
    binding = _in_force(objective, state) and any(_fits(objective, article) for article in state.agreed())
    return binding if objective.wants else not binding


def _binds(objective: Objective) -> frozenset[str]:
    return frozenset(objective.binds or (objective.power,))


def _in_force(objective: Objective, state: GameState) -> bool:
    """The accord was ratified and binds the objective's powers (a narrower one only its signers)."""
    return state.phase is Phase.RATIFIED and _binds(objective) <= state.signed


def _fits(objective: Objective, article: Article) -> bool:
    """The article is of the objective's clause, binds its powers, and matches its typed parameters."""
    return (
        article.clause is objective.clause
        and _binds(objective) <= set(article.parties)
        and all(term_fits(name, wanted, article.term(name)) for name, wanted in objective.terms)
    )


def fits(objective: Objective, article: Article) -> bool:
    """Whether `article`, once ratified, would meet `objective` (or, avoided, defeat it): the
    scoring's own judgement, which a delegation weighs an article by (delegation.py)."""
    return _fits(objective, article)


def winning_article(objective: Objective, state: GameState) -> tuple[int, Article] | None:
    """The ratified article (its number in the accord, I = 1) that met a wanted objective."""
    if not objective.wants or not objective_met(objective, state):
        return None
    return next(((n, a) for n, a in enumerate(state.agreed(), 1) if _fits(objective, a)), None)


def breaking_article(objective: Objective, state: GameState) -> tuple[int, Article] | None:
    """The ratified article (its number in the accord) that defeated an avoided objective."""
    if objective.wants or not _in_force(objective, state):
        return None
    return next(((n, a) for n, a in enumerate(state.agreed(), 1) if _fits(objective, a)), None)


def scores(state: GameState, objectives: Iterable[Objective]) -> dict[str, int]:
    """Points per seated power (free text scores nothing: objectives name typed clauses)."""
    result = dict.fromkeys(state.seated_powers(), 0)
    for objective in objectives:
        if objective.power in result and objective_met(objective, state):
            result[objective.power] += objective.points
    return result


def reputation_changes(state: GameState) -> dict[int, int]:
    """+1 to every player whose power signed a ratified accord; -1 to one who refused after
    supporting every agreed article that bound them (a broken word at the last moment)."""
    changes: dict[int, int] = {}
    for seat in state.seats:
        if state.phase is Phase.RATIFIED and seat.power in state.signed:
            delta = 1
        elif (
            seat.power in state.refused
            and all(seat.power in a.support for a in state.agreed() if seat.power in a.parties)
            and any(seat.power in a.parties for a in state.agreed())
        ):
            delta = -1
        else:
            continue
        for player in seat.players:
            changes[player] = changes.get(player, 0) + delta
    return changes
