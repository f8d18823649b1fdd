"""Issue #20: who did a deed told as a noun its doer owns ("Scotty's sabotage"), and why, told by
an opening "When …," clause ("When Cardassia joined the Dominion, the Jem'Hadar hunted them
down"). From the twelfth set's tune half, where both had no line; the rest are our own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.content.treaties import canon_treaties
from bot.services.lore import LoreService
from tests.support.lore_lines import GUILD, line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("owned"), postgres_server)


@pytest.mark.parametrize(
    ("question", "said", "source"),
    [
        ("who sabotaged the excelsior", "Scotty's sabotage left it dead", "uss-excelsior"),
        # pins: a first form read "launched the attack" as "made" it, and took "…making the attack look…"
        (
            "who launched the attack on khitomer",
            "was the work of the Romulan Star Empire",
            "khitomer-massacre",
        ),
        ("who organized the khitomer conspiracy", "led by General Chang", "khitomer-conspiracy"),
        # whoever found a plot out did not run it; whoever helped run it did
        ("who plotted to brainwash geordi", "Sela helped run a plot", "sela"),
        # whose murder it was is who suffered it, not who did it: still the conspiracy's line
        ("who killed gorkon", "General Chang's conspiracy killed Gorkon", "gorkon"),
    ],
)
def test_a_deed_owned_by_its_doer_names_who_did_it(
    lore: LoreService, question: str, said: str, source: str
) -> None:
    found, key = line(lore, question)
    assert found is not None and said in found and key == source, (found, key)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("why did the maquis get wiped out", "When Cardassia joined the Dominion in 2373"),
        ("why was kurn stripped of his standing", "When Worf refused to support the Cardassian campaign"),
        # … and "After …," so too, however long the clause
        ("why did colius persuade the senate to reach out to the klingons", "After the Enterprise destroyed"),
        ("why did the founder order her troops to stop fighting", "cured her of the disease"),
    ],
)
def test_an_opening_when_clause_explains_its_main_clause(lore: LoreService, question: str, said: str) -> None:
    found, _ = line(lore, question)
    assert found is not None and said in found, found


@pytest.mark.parametrize(
    "question", ["who plotted to invade vulcan", "who masterminded the plot to invade vulcan"]
)
def test_whoever_exposed_a_plot_did_not_plot_it(lore: LoreService, question: str) -> None:
    # "Once Picard and Spock exposed the scheme, a Romulan warbird destroyed the convoy…"
    found, _ = line(lore, question)
    assert found is None or "exposed the scheme" not in found, found


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        # "When the Klingons attacked in 2372, he was aboard the ship…": when Dukat was there
        ("why was dukat on the ship with the cardassian council", "he was aboard the ship"),
        # a later deed of the main clause ("…, Worf killed Gowron and handed the Empire to Martok")
        ("why did worf hand the empire to martok", "When Gowron started throwing away ships"),
        ("why was mccoy's failure twisted into evidence", "When the chancellor was shot"),
        # the clause's own event ("When one decloaked…, it ended more than fifty years…")
        ("why did the romulans end their isolation in 2364", "When one decloaked"),
        # what was blamed after two other deeds ("…, Garak's bomb killed him, the Dominion was blamed")
        ("why was the dominion blamed", "When Senator Vreenak spotted the forgery"),
    ],
)
def test_an_opening_when_clause_explains_only_its_main_clauses_deed(
    lore: LoreService, question: str, not_said: str
) -> None:  # a reviewer's finds
    found, _ = line(lore, question)
    assert found is None or not_said not in found, found


def test_an_opening_when_clause_does_not_explain_a_deed_after_and_a_pronoun(lore: LoreService) -> None:
    # "When K'mpec was poisoned, Duras was one of the two rivals…, and he killed K'Ehleyr when she
    # began…": the poisoning is no cause of the killing; the sentence saying why is kept
    found, _ = line(lore, "why did duras murder kehleyr")
    assert found is not None and found.startswith("Duras killed K'Ehleyr in 2367 because"), found


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("sulu's ship", "Hikaru Sulu"),  # "sulu's" was read "sulus", a word no entry holds
        ("what was sulu's ship", "Hikaru Sulu"),
        ("valeris's mentor", "Valeris"),
        ("who is duras's son", "Toral"),
    ],
)
def test_a_possessive_after_u_or_s_names_its_owner(lore: LoreService, question: str, first: str) -> None:
    found = lore.loop.run_until_complete(lore.search(GUILD, question, canon_treaties()))  # type: ignore[attr-defined]
    assert found.hits and found.hits[0].entry.title == first, [hit.entry.title for hit in found.hits[:3]]


@pytest.mark.parametrize(
    ("question", "said"),
    [  # as they were answered before the first form of this reading (a reviewer's finds)
        ("who did valeris's mind meld name", "a forced mind meld gave up the names"),
        ("what destroyed romulus's star system", "destroyed by the supernova of 2387"),
    ],
)
def test_a_possessive_after_u_or_s_keeps_its_lines(lore: LoreService, question: str, said: str) -> None:
    found, _ = line(lore, question)
    assert found is not None and said in found, found
