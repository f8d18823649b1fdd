from __future__ import annotations

from dataclasses import replace

from bot.domain.accords import Clause, Phase, Seat
from bot.domain.accords.machine import new_game
from bot.domain.accords.model import Article
from bot.domain.accords.scenario import Objective
from bot.domain.accords.scoring import objective_met, reputation_changes, scores

KE, RSE = "Klingon Empire", "Romulan Star Empire"


def concluded(phase: Phase, *, refused: frozenset[str] = frozenset()):  # type: ignore[no-untyped-def]
    state = new_game(1, 1, 10, "Test", (KE, RSE))
    trade = Article(1, KE, Clause.TRADE, (KE, RSE), "Trade.", support=frozenset({KE, RSE}))
    embassy = Article(2, RSE, Clause.EMBASSIES, (RSE,), "Embassy.", support=frozenset({RSE}))
    return replace(
        state,
        phase=phase,
        seats=(Seat(KE, (1, 2)), Seat(RSE, (3,))),
        articles=(trade, embassy),
        signed=frozenset({KE, RSE}) - refused,
        refused=refused,
    )


WANT_TRADE = Objective(KE, Clause.TRADE, True, 3, "Trade")
AVOID_EMBASSY = Objective(KE, Clause.EMBASSIES, False, 2, "No embassy")
RSE_AVOID = Objective(RSE, Clause.EMBASSIES, False, 2, "No embassy")


def test_objectives_are_scored_against_the_ratified_text() -> None:
    state = concluded(Phase.RATIFIED)
    assert objective_met(WANT_TRADE, state)
    assert objective_met(AVOID_EMBASSY, state)  # the embassy article binds only the Romulans
    assert not objective_met(RSE_AVOID, state)
    assert scores(state, [WANT_TRADE, AVOID_EMBASSY, RSE_AVOID]) == {KE: 5, RSE: 0}


def test_a_failed_accord_meets_no_wish() -> None:
    state = concluded(Phase.FAILED, refused=frozenset({RSE}))
    assert scores(state, [WANT_TRADE, AVOID_EMBASSY]) == {KE: 2, RSE: 0}


def test_reputation_rewards_signers_and_punishes_a_late_refusal() -> None:
    assert reputation_changes(concluded(Phase.RATIFIED)) == {1: 1, 2: 1, 3: 1}
    assert reputation_changes(concluded(Phase.FAILED, refused=frozenset({RSE}))) == {3: -1}


def test_typed_parameters_decide_an_objective() -> None:
    state = concluded(Phase.RATIFIED)
    terms = (("subject", "cloaking devices"), ("giver", RSE), ("receiver", KE))
    cloak = Article(
        3, KE, Clause.TECHNOLOGY_TRANSFER, (KE, RSE), "Cloaks.", support=frozenset({KE, RSE}), terms=terms
    )
    state = replace(state, articles=(*state.articles, cloak))
    tt = Clause.TECHNOLOGY_TRANSFER
    to_klingons = Objective(KE, tt, True, 3, "Get cloaks", (("subject", "cloak"), ("receiver", KE)))
    to_romulans = Objective(RSE, tt, True, 3, "Get ships", (("receiver", RSE),))
    wrong_subject = Objective(KE, tt, True, 3, "Get torpedoes", (("subject", "torpedo"),))
    assert objective_met(to_klingons, state)
    assert not objective_met(to_romulans, state)
    assert not objective_met(wrong_subject, state)
