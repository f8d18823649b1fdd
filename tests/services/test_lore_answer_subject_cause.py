"""Issue #20: a why-question whose deed the lore tells in other words is answered by its subject's
own "because" sentence telling a deed of the same kind and naming the other entries the question
names ("why did the Remans side with Shinzon": "The Remans followed Shinzon because…"), in canon
and in a server's own lore; not for a deed of another kind ("why did Worf side with Gowron": not
"Worf killed Gowron because…"), not when the other is named only in the cause, not when the
subject is someone else's ("Spock's protégé"), when the question names no one else
("why did Sulu become a captain"), when its year is not the sentence's, or when the subject has
two such causes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain.lore import Kind
from bot.services.lore import LoreService
from bot.storage.lore import Draft
from tests.support.lore_lines import assert_never_says, assert_says, server_line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("subject-cause"), postgres_server)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("why did the remans side with shinzon", "The Remans followed Shinzon because"),
        ("why did dukat sign cardassia up with the dominion", "Dukat joined Cardassia to the Dominion"),
        ("why did ross work with section 31", "counted for more than the law"),
        ("why did weyoun worship the founders", "Weyoun served the Founders because"),
        ("why did the enterprise-d crash on veridian iii", "was destroyed at Veridian III in 2371 because"),
        ("why was kirk against trusting the klingons", "Kirk distrusted the Klingons in 2293 because"),
        # players' words for a deed: stabbed is killed, covering up hiding
        ("what made worf stab gowron lol", "Worf killed Gowron in 2375 because"),
        ("why did kmpec cover up the truth about khitomer", "K'mpec hid the truth about Khitomer because"),
        ("why did garak blow up vreenaks shuttle", "Garak killed Vreenak because"),
        # the subject named by another of its names: the Founders are the Changelings
        ("why did the founders set up the dominion", "The Changelings built the Dominion because"),
        ("why did ross side with section 31", "counted for more than the law"),
    ],
)
def test_the_subjects_own_cause_answers_a_deed_told_in_other_words(
    lore: LoreService, question: str, said: str
) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("why did spock's protege turn on him in 2293", "Spock went to Romulus"),  # the protégé is asked of
        ("why did sulu become a captain", "Sulu helped Kirk"),  # names no one else: which deed?
        # a deed of another kind: siding with is not killing, supporting not turning on
        ("why did worf side with gowron", "Worf killed Gowron"),
        ("why did donatra support shinzon", "Donatra turned on Shinzon"),
        ("why did damar work for dukat", "Damar killed Ziyal"),
        # the other one named only in the cause: "Dukat killed Jadzia because… Sisko…"
        ("why did dukat fight sisko", "Dukat killed Jadzia"),
        ("why did spock visit vulcan", "Spock went to Romulus"),
        ("why did kurn become rodek", "Kurn grew up"),
        ("why did azetbur become chancellor", "Azetbur kept to her father's peace"),
        ("why did sulu help kirk in 2291", "Sulu helped Kirk in 2293"),  # not the year asked
        ("why did kirk hate klingons", "Kirk distrusted the Klingons"),  # a feeling's cause is its own
        # "The Founder signed the Treaty of Bajor…" tells the deed asked: the Changelings' cause is
        # of another
        ("why did the female changeling agree to sign the treaty that ended the war", "built the Dominion"),
    ],
)
def test_no_cause_of_another_deed_or_person(lore: LoreService, question: str, not_said: str) -> None:
    assert_never_says(lore, question, not_said)


EXILES = Draft(
    title="Orion exiles",
    kind=Kind.FACTION,
    summary="The Orion exiles are the crews who fled the Syndicate's purge of 2389 in stolen freighters.",
    body="",
)
TARN = Draft(
    title="Veyla Tarn",
    kind=Kind.PERSON,
    summary="Veyla Tarn is the governor of the Kessat colony.",
    body="Tarn sheltered the Orion exiles in 2391 because her own family had once been refugees.",
)
VAK = Draft(
    title="Dorn Vak",
    kind=Kind.PERSON,
    summary="Dorn Vak is a trader of the Kessat colony.",
    body="Vak sold the Orion exiles out because the Syndicate paid him. Vak later warned the Orion "
    "exiles because he regretted it.",
)


def test_a_server_persons_own_cause_answers(lore: LoreService) -> None:
    said = server_line(lore, 41, [EXILES, TARN], "why did veyla tarn protect the orion exiles")
    assert said == TARN.body


def test_two_causes_of_one_subject_leave_it_unsaid(lore: LoreService) -> None:
    said = server_line(lore, 42, [EXILES, VAK], "why did dorn vak turn on the orion exiles")
    assert said is None


@pytest.mark.parametrize(
    "question",
    [
        "why were the romulans helping the duras family",
        "why were the romulans secretly arming the duras sisters",
        "why did the romulans back the duras sisters",
    ],
)
def test_a_cause_told_where_the_two_named_meet_answers(lore: LoreService, question: str) -> None:
    # neither the Romulans' entry nor the Duras family's tells it: the Klingon Civil War does,
    # an event both link to; its "Sela and the Romulans…" opens with the Romulans beside her
    assert_says(lore, question, "because they wanted a friendly house to rule the Empire")


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        # where two named meet is read only for a cause of the subject's own deed: not for the
        # cause of what the event is, nor for any line its words are near
        ("why did the klingons betray the romulans", "refused to accept Gowron"),
        ("why did the romulans help the klingons", "staging base"),
        ("why did the bajorans fight the cardassians", "non-aggression"),
    ],
)
def test_where_the_two_meet_gives_no_other_cause(lore: LoreService, question: str, not_said: str) -> None:
    assert_never_says(lore, question, not_said)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # coming somewhere is a deed of its own: not the cause of leaving it
        ("why did the cardassians come to bajor", "wanted Bajor's minerals"),
        # a qualifier the lore says is read, not set aside
        ("where did kor win his greatest victory", "Klach D'kel Brakt"),
        ("where did the federation and the romulans fight their last battle", "Cheron"),
    ],
)
def test_a_deed_and_its_qualifier_are_read_as_typed(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)
