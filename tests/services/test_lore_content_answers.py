"""Issue #20, point 4: the canon entries of events, wars, treaties, ships, places, species and
technology answer the who / what / when / where / why a fan asks first, each in a sentence of
their own. Asked of the lore service as a member of a server with no lore of its own; the
questions are ours, not the evaluation's (tests/services/lore_answers.tsv)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.services.lore import LoreService
from tests.support.lore_lines import line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("content"), postgres_server)


@pytest.mark.parametrize(
    ("question", "said", "source"),
    [
        # who: the commander of a ship, the designer of another, the body that punishes
        ("who commanded the bortas", "Gowron commanded the Bortas", "iks-bortas"),
        ("who designed the defiant", "Benjamin Sisko helped design the Defiant", "uss-defiant"),
        ("who imposes discommendation", "the High Council imposed discommendation", "discommendation"),
        # why: the cause, after "because"
        ("why did the borg attack earth", "because they meant to assimilate humanity", "borg"),
        ("why did sybok take hostages on nimbus iii", "because he wanted a starship", "nimbus-iii"),
        ("why did pressman test the cloak", "despite the Treaty of Algeron", "interphase-cloak"),
        (
            "why did the federation and cardassia sign a treaty in 2370",
            "because both wanted a settled border",
            "federation-cardassian-treaty",
        ),
        # where a class was built; when a ship was retired
        ("where was the galaxy class built", "Utopia Planitia", "galaxy-class"),
        (
            "when did starfleet retire enterprise nx-01",
            "Starfleet retired Enterprise in 2161",
            "enterprise-nx-01",
        ),
    ],
)
def test_a_fans_first_question_is_answered_by_the_entry_itself(
    lore: LoreService, question: str, said: str, source: str
) -> None:
    sentence, key = line(lore, question)
    assert sentence is not None and said in sentence, (question, sentence)
    assert key == source, (question, key)


UFP, KE, RSE, CU = (
    "the United Federation of Planets",
    "the Klingon Empire",
    "the Romulan Star Empire",
    "the Cardassian Union",
)


@pytest.mark.parametrize(
    ("question", "states", "source"),
    [
        ("who signed the khitomer accords", (UFP, KE), "khitomer-accords"),
        ("who signed the klingon romulan alliance", (KE, RSE), None),
        ("who signed the federation cardassian treaty", (UFP, CU), "federation-cardassian-treaty"),
    ],
)
def test_a_sentence_made_from_the_signatories_names_each_state_as_a_sentence_would(
    lore: LoreService, question: str, states: tuple[str, str], source: str | None
) -> None:
    """It read "signed by United Federation of Planets and Klingon Empire"."""
    sentence, key = line(lore, question)
    assert sentence is not None and f"signed by {states[0]} and {states[1]}." in sentence, (
        question,
        sentence,
    )
    assert source is None or key == source, (question, key)
