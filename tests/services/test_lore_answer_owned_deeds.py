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
        ("who sabotaged the excelsior's first run", "Scotty's sabotage left it dead", "uss-excelsior"),
        ("who sabotaged the excelsior", "Scotty's sabotage left it dead", "uss-excelsior"),
        # a coup staged is the coup ("made", as the lore has it: "Shinzon's coup killed him")
        ("who staged the coup in 2379", "when Shinzon's coup killed him", "hiren"),
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
        ("why did kurn want to die", "When Worf refused to support the Cardassian campaign"),
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


def test_an_opening_when_clause_tells_no_cause_of_where_someone_was(lore: LoreService) -> None:
    # "When the Klingons attacked in 2372, he was aboard the ship carrying the Cardassian civilian
    # council…": when Dukat was there, not why (a reviewer's find)
    assert line(lore, "why was dukat on the ship with the cardassian council") == (None, None)


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
