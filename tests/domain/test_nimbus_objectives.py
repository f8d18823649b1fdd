"""The Nimbus III scenario's objectives as data/scenarios states them, scored by the domain."""

from __future__ import annotations

from dataclasses import replace

from bot.content.scenarios import canon_scenarios
from bot.domain.accords import Clause, Phase, Seat
from bot.domain.accords.machine import new_game
from bot.domain.accords.model import Article
from bot.domain.accords.scoring import objective_met

KE, RSE, UFP = "Klingon Empire", "Romulan Star Empire", "United Federation of Planets"
RENOUNCE = "Get every power on the station to renounce force."


def ratified(*parties: str):  # type: ignore[no-untyped-def]
    """A ratified Nimbus III accord, signed by all three, of one non-aggression article."""
    state = new_game(1, 1, 10, "Nimbus", (KE, RSE, UFP))
    peace = Article(1, UFP, Clause.NON_AGGRESSION, parties, "Peace.", support=frozenset(parties))
    seats = (Seat(KE, (1,)), Seat(RSE, (2,)), Seat(UFP, (3,)))
    return replace(
        state, phase=Phase.RATIFIED, seats=seats, articles=(peace,), signed=frozenset({KE, RSE, UFP})
    )


def test_every_power_must_renounce_force_for_the_federation_to_win() -> None:
    (objective,) = [o for o in canon_scenarios()["nimbus_iii"].objectives if o.text == RENOUNCE]
    assert not objective_met(objective, ratified(UFP, KE)), "two of the three powers is not every power"
    assert not objective_met(objective, ratified(KE, RSE))
    assert objective_met(objective, ratified(UFP, KE, RSE))
    # a narrower accord that one of them did not sign binds nobody to it
    narrower = replace(ratified(UFP, KE, RSE), signed=frozenset({UFP, KE}))
    assert not objective_met(objective, narrower)
