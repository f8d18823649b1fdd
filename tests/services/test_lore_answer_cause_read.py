"""Issue #20: a why-question's line gives a cause. "So" gives the one before it ("the Albino had
murdered Kang's son, so Kang swore…"); the question's own subject acting is no cause ("…whom the
Romulan Star Empire kept as slave labour" says nothing of why), nor is one deed of a list ("in
2375, raided Starfleet Headquarters"); the cause of what another the question names did to its
subject is not the subject's ("what made the Romulans back the Duras family")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain.lore import Kind
from bot.services.lore import LoreService
from bot.storage.lore import Draft
from tests.support.lore_lines import assert_never_says, assert_says, line, server_line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("cause-read"), postgres_server)


def test_so_gives_the_cause_before_it(lore: LoreService) -> None:
    assert_says(lore, "why did kang swear a blood oath", "The Albino had murdered Kang's firstborn son, so")


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("why did the romulans keep the remans as slaves", "kept as slave labour"),
        ("why did the breen raid starfleet hq", "raided Starfleet Headquarters"),
    ],
)
def test_a_sentence_telling_the_deed_without_its_cause_is_no_answer(
    lore: LoreService, question: str, not_said: str
) -> None:
    assert_never_says(lore, question, not_said)


def test_a_cause_of_another_named_acting_on_the_subject_is_no_answer(lore: LoreService) -> None:
    backed = "The House of Duras backed the Romulans because"
    assert_never_says(lore, "what made the romulans back the duras family", backed)
    assert_says(lore, "why did the duras family back the romulans", backed)  # asked of its doer
    # a passive's subject is what was done to: Kirk destroyed the Enterprise
    assert_says(lore, "why did kirk blow up the original enterprise", "when Kirk set it to self-destruct")


def test_what_it_was_given_in_return_for_is_why(lore: LoreService) -> None:
    assert_says(lore, "why did the klingons give the romulans twelve d7s", "in return for the cloak")


def test_a_purpose_after_to_is_a_cause(lore: LoreService) -> None:
    vell = Draft(
        title="Commander Vell",
        kind=Kind.PERSON,
        summary="Vell is a Klingon commander of the Kessat patrol.",
        body="Vell was sent to Outpost Teral in 2399 to watch the Romulan convoys.",
    )
    said = server_line(lore, 51, [vell], "why was vell sent to outpost teral")
    assert said == vell.body


@pytest.mark.parametrize(
    ("question", "cause"),
    [
        ("why did the klingons sign the khitomer accords", "explosion of Praxis"),
        ("why did the cardassians sign the cardassian treaty", "settled frontier"),
    ],
)
def test_why_a_power_signed_a_treaty_is_why_the_treaty_was_made(
    lore: LoreService, question: str, cause: str
) -> None:
    assert_says(lore, question, cause)
    assert_never_says(lore, question, "Second Khitomer")  # another treaty saying "signed after…"


@pytest.mark.parametrize(
    "question",
    [
        "why did the klingons leave the khitomer accords",
        "why did the klingons pull out of the khitomer accords",
    ],
)
def test_why_a_power_left_a_treaty_is_not_why_the_treaty_was_made(lore: LoreService, question: str) -> None:
    # the treaty's cause says "Praxis left the Empire unable…": "left" there is no leaving
    assert_never_says(lore, question, "explosion of Praxis")
    assert_says(lore, question, "the Federation Council condemned the Klingon invasion of Cardassia")


def test_a_why_of_names_alone_wants_the_cause_of_what_it_names(lore: LoreService) -> None:
    # the Khitomer massacre's entry never says why the Romulans struck: its causes are of other things
    question = "why did the romulans attack khitomer"
    assert_never_says(lore, question, "left their son Worf an orphan")  # "so" explains what follows
    assert_never_says(lore, question, "the truth was hidden")  # the cause of another clause


@pytest.mark.parametrize(
    ("question", "cause"),
    [
        # what a thing was made for ("was built to test"), not what another was sent to do
        ("why was the excelsior built", "built to test transwarp drive"),
        ("why did q throw the enterprise at the borg", "to teach Picard some humility"),  # flung
        # what a deed was to avoid
        ("why did kirk surrender to the klingons", "rather than let the incident turn into open war"),
        # sent to a place, then for a purpose: the place is no purpose
        ("why did the enterprise-a go to nimbus iii", "to free the Federation, Klingon and Romulan envoys"),
        # why a thing began, though a clause says when
        ("why did the klingon civil war start after k'mpec died", "refused to accept Gowron"),
        # coming back into a treaty is rejoining it
        (
            "what made gowron sign back up to the accords in 2373",
            "because the Dominion had joined with Cardassia",
        ),
    ],
)
def test_a_purpose_or_what_was_avoided_is_a_cause(lore: LoreService, question: str, cause: str) -> None:
    assert_says(lore, question, cause)


def test_what_another_was_sent_to_do_is_no_cause(lore: LoreService) -> None:
    # Archer's "a Romulan drone vessel sent to set those peoples against each other": the drone's
    assert_never_says(lore, "why did archer get sent to rura penthe", "sent to set those peoples")


@pytest.mark.parametrize(
    "question",
    ["why did the federation sign the treaty of bajor", "why did the klingons sign the treaty of bajor"],
)
def test_a_treatys_own_signers_reason_answers_whoever_asks(lore: LoreService, question: str) -> None:
    assert_says(lore, question, "because Odo had cured her people")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # a clause of when may hold what the line says: it is not weighed down
        ("where did the klingons and romulans meet when they signed the alliance", "signed at Nimbus III"),
        ("why did the klingons sign back up to the accords", None),  # no rejoining of theirs is told so
    ],
)
def test_a_clause_of_when_or_a_particle_is_read_as_typed(
    lore: LoreService, question: str, said: str | None
) -> None:
    found = line(lore, question)[0]
    assert (found is None) if said is None else (found is not None and said in found), found


def test_what_another_was_moved_to_do_is_no_purpose(lore: LoreService) -> None:
    # "…blew up, poisoning the atmosphere of Qo'noS and pushing the Klingon Empire to seek peace":
    # the Empire sought peace; the explosion had no purpose. Its cause is the entry's fact (a
    # reviewer's find, through "what caused praxis's explosion")
    for question in ("what caused the explosion of praxis", "what caused praxis's explosion"):
        assert_says(lore, question, "because the moon's energy facility had been over-mined")
