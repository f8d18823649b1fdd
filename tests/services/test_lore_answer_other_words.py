"""Issue #20: what a player asks in other words than the lore's (the eighth question set's tune
half): "the last big fight" is the final battle, "fake evidence" forged, "what does Algeron stop
the Federation from doing" what a treaty bars; "instead of Toral" adds nothing to why Picard chose
Gowron; a who-did line names the doer ("the Klingon agent Arne Darvin" before "a Klingon agent"),
and a person's summary that only describes them is given their name in front; who was chosen
"instead of Hiren" is not Hiren, and who fought the Borg not the Borg. What a reviewer found the
first form of these saying wrongly stays unsaid."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain.lore import Kind
from bot.services.lore import LoreService
from bot.storage.lore import Draft
from tests.support.lore_lines import assert_never_says, assert_says, server_line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("other-words"), postgres_server)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("where was the last big fight of the dominion war", "the last battle of the Dominion War"),
        ("why did sisko fake evidence for the romulans", "because Sisko needed the Romulans in the war"),
        ("who destroyed the enterprise d", "Lursa and B'Etor"),  # "wrecked"
        ("what does algeron stop the federation from doing", "barred the Federation from developing"),
        ("why did picard choose gowron instead of toral", "no deed of his own"),
        ("why did gorkon want peace", "Gorkon sought peace because"),  # not why his killers did
        ("who framed kirk and mccoy", "General Chang and his fellow conspirators"),  # the lore says so now
    ],
)
def test_a_question_in_other_words_than_the_lores(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


def test_a_who_did_line_naming_the_doer_comes_before_one_that_does_not(lore: LoreService) -> None:
    assert_says(lore, "who poisoned the grain", "Arne Darvin poisoned the grain")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who stopped the klingons from taking genesis", "to stop a Klingon boarding party"),
        ("who stopped the fleets from fighting at organia", "after stopping their war"),
    ],
)
def test_who_stopped_someone_from_doing_it_is_no_treatys_ban(
    lore: LoreService, question: str, said: str
) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        # "stop … from" is what a treaty bars only of a power: a person stopped was not forbidden
        ("what kept the romulans from attacking", "kept the two empires enemies"),
        # "the Dominion was blamed" says who took the blame, not why the evidence was forged
        ("why did sisko fake evidence for the romulans", "the Dominion was blamed"),
        # what a reviewer found the first form of these readings saying wrongly: a wreck is no
        # destruction, a battle's name no fight, "instead of" an answer excluded unless asking why
        ("who destroyed the pegasus", "wreck"),
        ("what blew up the scout", "wrecked Romulan scout"),
        ("who fought the klingons at the binary stars", "T'Kuvma"),
        ("who fought with kor at klach d'kel brakt", "the work of Kor"),
        ("who did picard choose instead of gowron", "chose Gowron"),
        ("why did the romulan commander destroy his ship instead of surrendering", "forced the Dominion"),
        ("who made the fake recording", "Vreenak saw"),  # the one who saw it was forged did not forge it
        # the one set aside is not who was asked for
        ("who was chancellor instead of duras", "Duras was"),
        ("who led the empire instead of toral", "Toral is"),
        ("who fought the borg at wolf 359", "a single Borg cube"),  # who fought them: not their own side
        ("what was the final battle at chintoka", "the wormhole closed"),  # "closing" is no "final"
        # a past after "the" qualifies a noun: "the forged recording" was not forged by Garak there
        ("who falsified the records", "Garak killed Vreenak"),
        ("who planned to kill the president", "the planned talks"),
    ],
)
def test_what_the_other_words_do_not_mean_stays_unsaid(
    lore: LoreService, question: str, not_said: str
) -> None:
    assert_never_says(lore, question, not_said)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who became praetor instead of hiren", "Shinzon succeeded Hiren"),
        ("who led cardassia rather than dukat", "Damar succeeded Dukat"),
        ("who did picard choose instead of toral", "Picard chose Gowron"),
        ("what did the sheliak do instead of waiting", "Rather than wait, the Sheliak"),
        ("who did the federation fight in 2256", "the Klingon houses"),
        ("who wrecked the enterprise-d", "Lursa and B'Etor"),
        ("who faked the recording sisko showed vreenak", "Garak made the forgery"),
    ],
)
def test_someone_asked_for_in_place_of_another_or_against_a_side(
    lore: LoreService, question: str, said: str
) -> None:
    assert_says(lore, question, said)


TORVAK = Draft(
    title="General Torvak",
    kind=Kind.PERSON,
    summary="A Klingon general of the House of Meldar who won the Battle of the Kethra Drift in 2401.",
    body="He holds the border fleet on the tri-border.",
    aliases=("Torvak",),
)


def test_a_summary_that_only_describes_its_person_is_given_their_name(lore: LoreService) -> None:
    said = server_line(lore, 31, [TORVAK], "who won the battle of the kethra drift")
    assert said == "General Torvak: " + TORVAK.summary[0].lower() + TORVAK.summary[1:]


def test_a_summary_that_names_its_person_is_kept_as_written(lore: LoreService) -> None:
    named = Draft(
        title="Admiral Vessa",
        kind=Kind.PERSON,
        summary="Vessa was the admiral who broke the siege of Nareth Station in 2398.",
        body="",
    )
    said = server_line(lore, 32, [named], "who broke the siege of nareth station")
    assert said == "Vessa was the admiral who broke the siege of Nareth Station in 2398."
