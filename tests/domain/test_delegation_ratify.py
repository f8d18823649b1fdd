"""A delegation at ratification: it signs an accord that serves it, refuses one that does not,
answers only where the accord binds it, and, bound by nothing, leaves the conference only
where its stance says it may and the accord offends it."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.accords import Clause, GameState, Phase
from bot.domain.accords import commands as c
from bot.domain.accords.scenario import Objective
from tests.domain.test_delegation import CU, KE, POWERS, RSE, UFP, stance, tabled
from tests.support.delegation_games import HOST, act, apply, move, opened, play, run


def agreed(*articles: tuple[str, Clause, tuple[str, ...]], seated: tuple[str, ...] = POWERS) -> GameState:
    """A conference up for signature whose draft holds `articles`, each supported by its parties."""
    state = opened(POWERS, seated=seated)
    for number, (author, clause, parties) in enumerate(articles, 1):
        terms = {"subject": "dilithium"} if clause is Clause.WEAPONS_BAN else {}
        state = tabled(state, author, clause, parties, **terms)
        for party in parties:
            state = act(state, party, c.Support(number))
    return play(state, c.CloseDraft(), HOST)


def test_it_signs_an_accord_that_meets_its_objective_even_beside_an_enemy() -> None:
    aid = Objective(KE, Clause.HUMANITARIAN_AID, True, 3, "Relief.")
    state = agreed((UFP, Clause.HUMANITARIAN_AID, (KE, UFP)), (UFP, Clause.TRADE, (KE, RSE)))
    made = move(state, stance(KE, rse=-2), [aid])
    assert made is not None and isinstance(made.command, c.Sign)
    assert made.line == "The Klingon Empire signs."
    state = apply(state, made, KE)
    assert KE in state.signed and move(state, stance(KE, rse=-2), [aid]) is None


def test_it_refuses_an_accord_holding_an_article_its_objectives_forbid() -> None:
    # A seat a member left to the delegation after supporting the article.
    aid = Objective(KE, Clause.HUMANITARIAN_AID, True, 3, "Relief.")
    no_defence = Objective(KE, Clause.MUTUAL_DEFENCE, False, 3, "No alliance.")
    state = agreed((UFP, Clause.HUMANITARIAN_AID, (KE, UFP)), (UFP, Clause.MUTUAL_DEFENCE, (KE, UFP)))
    made = move(state, stance(KE, ufp=2), [aid, no_defence])
    assert made is not None and made.command == c.Refuse()
    assert made.line == "The Klingon Empire refuses."
    assert KE in apply(state, made, KE).refused


def test_it_signs_a_harmless_accord_though_its_objectives_are_unmet() -> None:
    defence = Objective(KE, Clause.MUTUAL_DEFENCE, True, 3, "Allies.")
    state = agreed((UFP, Clause.TRADE, (KE, UFP)))
    made = move(state, stance(KE), [defence])
    assert made is not None and isinstance(made.command, c.Sign)


def test_it_refuses_an_accord_binding_it_to_an_enemy_that_meets_none_of_its_objectives() -> None:
    state = agreed((UFP, Clause.TRADE, (KE, UFP)), (UFP, Clause.EMBASSIES, (KE, RSE)))
    assert move(state, stance(KE, rse=-2)).command == c.Refuse()  # type: ignore[union-attr]
    assert isinstance(move(state, stance(KE, rse=-1)).command, c.Sign)  # type: ignore[union-attr]


def test_it_refuses_an_accord_giving_away_what_it_holds_to_a_stranger() -> None:
    state = opened(POWERS)
    state = tabled(state, UFP, Clause.TERRITORY, (UFP, CU), subject="Archanis", giver=CU, receiver=UFP)
    state = act(state, CU, c.Support(1))
    state = play(state, c.CloseDraft(), HOST)
    assert move(state, stance(CU)).command == c.Refuse()  # type: ignore[union-attr]
    assert isinstance(move(state, stance(CU, ufp=2)).command, c.Sign)  # type: ignore[union-attr]


def test_a_power_the_accord_does_not_bind_neither_signs_nor_refuses() -> None:
    state = agreed((UFP, Clause.TRADE, (KE, UFP)))
    assert move(state, stance(CU, ke=2)) is None
    assert move(state, replace(stance(CU, ke=-2), withdraws=False)) is None  # its stance stays


def test_it_departs_when_its_stance_withdraws_and_its_enemies_make_an_accord() -> None:
    state = agreed((UFP, Clause.MUTUAL_DEFENCE, (KE, UFP)))
    leaving = replace(stance(RSE, ke=-2), withdraws=True)
    made = move(state, leaving)
    assert made is not None and isinstance(made.command, c.Depart)
    assert made.line == "The Romulan Star Empire withdraws: the Klingon Empire is in it."
    state = apply(state, made, RSE)
    assert RSE in state.departed and move(state, leaving) is None
    assert move(agreed((UFP, Clause.MUTUAL_DEFENCE, (KE, UFP))), replace(leaving, towards={})) is None


def test_it_departs_when_the_accord_defeats_its_objective_though_it_binds_others() -> None:
    pact = Objective(RSE, Clause.MUTUAL_DEFENCE, False, 3, "No alliance.", binds=(UFP, KE))
    leaving = replace(stance(RSE), withdraws=True)
    assert isinstance(
        move(agreed((UFP, Clause.MUTUAL_DEFENCE, (KE, UFP))), leaving, [pact]).command, c.Depart
    )  # type: ignore[union-attr]
    assert move(agreed((UFP, Clause.TRADE, (KE, UFP))), leaving, [pact]) is None


def test_it_answers_once() -> None:
    state = agreed((UFP, Clause.TRADE, (KE, UFP)))
    state, moves = run(state, {KE: stance(KE)})
    assert [type(m.command) for _, m in moves] == [c.Sign]
    refused = replace(state, signed=frozenset(), refused=frozenset({KE}))
    assert move(refused, stance(KE)) is None


def test_it_does_nothing_after_the_accord_is_decided() -> None:
    state = agreed((UFP, Clause.TRADE, (KE, UFP)))
    state = act(state, UFP, c.Refuse())
    assert state.phase is Phase.FAILED
    assert move(state, stance(KE)) is None
