"""Issue #20: who did it, and why, asked of the lore service of a server with no lore of its own.
The first questions are from the evaluation's second set (written by someone who never saw this
code; its tune half), each answered wrongly before: a line naming a bystander, the question's own
person, an article for a "why", a cause read before a passive verb. The fillers and slang after
them are our own paraphrases of what that set showed missing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain.lore_answer import asked_of
from bot.domain.lore_facts import Asked
from bot.domain.lore_kin import kin_owners
from bot.services import lore_text as text
from bot.services.lore import LoreService
from bot.services.lore_wording import fillers
from tests.support.lore_lines import line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("doers"), postgres_server)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # running it is leading it; not "…commanded by Captain Jean-Luc Picard", the question's own
        # Picard, before whom it asks
        (
            "who was running the fleet at sector 001 before picard showed up",
            "Admiral Hayes led the Starfleet",
        ),
        ("who runs the obsidian order", "Enabran Tain led the Obsidian Order"),  # his `leader_of`
    ],
)
def test_who_ran_it_is_who_led_it(lore: LoreService, question: str, said: str) -> None:
    found, _ = line(lore, question)
    assert found is not None and said in found and "commanded by Captain Jean-Luc Picard" not in found, found


def test_a_cause_comes_from_the_sentence_that_gives_one_not_from_before_a_passive(lore: LoreService) -> None:
    said, source = line(lore, "why did chang's cloaked ship fire on gorkon's cruiser")
    assert said is not None and "because the conspirators wanted the Enterprise-A blamed" in said
    assert source == "kronos-one"


def test_a_doer_after_by_is_named_though_the_lore_has_no_entry_for_them(lore: LoreService) -> None:
    said, _ = line(lore, "who raised worf's kid after kehleyr was killed")
    assert said is not None and "raised by Sergey and Helena Rozhenko" in said


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # "k7" is K-7 written without its hyphen
        ("who poisoned the grain on k7", "Arne Darvin poisoned the grain"),
        # slang no entry holds, said as the lore says it ("revealed"): not a deed the lore never tells
        ("who snitched on the pegasus cloak to the romulans", "Picard then revealed the illegal device"),
        ("who trashed the defiant", "destroyed by the Breen"),
        ("who pulled the trigger on gorkon", "Burke and Samno"),
        # canon's Albino has an entry of his own, so he is a person who may answer
        ("who killed kang", "The Albino killed Kang"),
        ("who hammered out the klingon romulan alliance for the empire", "Kor spoke for the Empire"),
        # an article by its ordinal
        ("klingon romulan alliance first article?", "Article I (Declaration of allegiance)"),
    ],
)
def test_a_deed_or_a_name_in_players_words(lore: LoreService, question: str, said: str) -> None:
    line_said, _ = line(lore, question)
    assert line_said is not None and said in line_said, line_said


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # a word players add that no sentence says ("eventually", "willing") is no part of what is asked
        (
            "why did the cardassians eventually pull out of bajor",
            "because holding the planet had grown too costly",
        ),
        # slang: "go boom" is exploding, "trick" deceiving, "dead set against" opposing
        ("what made praxis go boom", "because of overmining"),
        ("why was sisko willing to trick the romulans", "because he believed the Federation would lose"),
        ("why was chang dead set against the peace", "because he feared the Klingon way of life"),
    ],
)
def test_fillers_and_slang_are_read_as_the_lore_says_them(
    lore: LoreService, question: str, said: str
) -> None:
    line_said, _ = line(lore, question)
    assert line_said is not None and said in line_said


@pytest.mark.parametrize(
    "question",
    ["what was tomalak aiming for at nelvana iii", "what brought the enterprise-c to narendra iii"],
)
def test_what_someone_was_aiming_for_or_what_brought_them_asks_why(question: str) -> None:
    assert asked_of(question) is Asked.REASON


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("whyd worf kill duras", "In 2367 Worf killed Duras because Duras had murdered K'Ehleyr."),
        ("wheres the romulan senate", "The Romulan Senate is on Romulus"),
    ],
)
def test_a_contraction_typed_without_its_apostrophe_asks_as_with_it(
    lore: LoreService, question: str, said: str
) -> None:
    line_said, _ = line(lore, question)
    assert line_said is not None and line_said.startswith(said)


def test_fillers_are_read_as_typed_not_by_their_stem() -> None:
    """ "finally" and "finalized" share a stem: only the filler as typed is dropped."""
    assert fillers("who finalized the khitomer accords") == frozenset()
    assert fillers("why did the cardassians finally leave") == {text.stem("finally")}


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # "the Tsi'sdu bioweapon" is the Romulan plot on Tsi's'du by its alias: its cause says why
        (
            "what were the romulans actually after with the tsi'sdu bioweapon",
            "The Romulan plot on Tsi's'du came about because the Romulans wanted Klingon space",
        ),
    ],
)
def test_a_cause_composed_for_an_entry_named_by_its_alias(
    lore: LoreService, question: str, said: str
) -> None:
    line_said, _ = line(lore, question)
    assert line_said is not None and line_said.startswith(said), line_said


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        # a sentence naming Duras and Mogh with "because" says nothing of a killing it does not
        # tell (a reviewer's question: the "because" fallback tried in session 15 answered it)
        ("why did duras kill mogh", "Duras blamed Mogh"),
        ("why did dukat hate jadzia", "Dukat killed Jadzia"),
        # the House of Duras backing the Romulans is no reason the Romulans armed the Duras
        ("why were the romulans secretly arming the duras sisters", "The House of Duras backed the Romulans"),
        # "the Romulan supply lines": a deed said as a noun before a noun is nobody's deed
        ("who supplied weapons to the house of duras", "The House of Duras backed the Romulans"),
        # the warbirds destroyed the Enterprise-C: that says nothing of what brought it there
        ("what brought the enterprise-c to narendra iii", "Romulan warbirds destroyed"),
    ],
)
def test_a_why_is_not_answered_by_what_another_did(lore: LoreService, question: str, not_said: str) -> None:
    line_said, _ = line(lore, question)
    assert line_said is None or not line_said.startswith(not_said), line_said


@pytest.mark.parametrize(
    "question",
    ["who killed the duras sisters", "who killed duras's sisters", "who killed the sisters of duras"],
)
def test_a_deed_asked_of_someones_kin_did_not_fall_on_them(lore: LoreService, question: str) -> None:
    # "Worf … killed Duras in 2367, leaving his sisters …": Duras was killed, not his sisters
    line_said, _ = line(lore, question)
    assert line_said is None or "killed Duras" not in line_said, line_said


@pytest.mark.parametrize(
    ("question", "owners"),
    [
        ("who killed the duras sisters", {"duras"}),
        ("who killed kang's son", {"kang"}),
        ("who killed the son of kang", {"kang"}),
        ("who killed his father", set()),
        ("who killed gorkon", set()),
    ],
)
def test_whose_kin_a_question_asks_about(question: str, owners: set[str]) -> None:
    assert kin_owners(question) == owners


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # "…asked Picard to choose his successor": the successor is someone else than Picard
        ("who succeeded k'mpec", "Gowron succeeded K'mpec"),
        ("who came to power after k'mpec", "Gowron succeeded K'mpec"),
        ("who took over from gorkon", "Azetbur succeeded Gorkon"),
        # who took over when someone died: not "K'mpec … died before the rite was finished"
        ("who took over when gorkon died", "Azetbur succeeded Gorkon"),
        ("who took over when kmpec died", "Gowron succeeded K'mpec"),
        ("who stepped in when gowron was killed", "Martok succeeded Gowron"),
        ("who took over when praetor hiren was killed", "Shinzon succeeded Hiren"),
        # "his successor" and "Arbiter of Succession" name no successor
        ("who was k'mpec's successor", "Gowron succeeded K'mpec"),
        ("who was the successor of k'mpec", "Gowron succeeded K'mpec"),
        ("who was k'mpec's successor as chancellor", "Gowron succeeded K'mpec"),
        (
            "who chose k'mpec's successor",
            "K'mpec was the long-ruling chancellor",
        ),  # "…asked Picard to choose"
    ],
)
def test_who_came_after_someone_is_their_successor_named(lore: LoreService, question: str, said: str) -> None:
    line_said, _ = line(lore, question)
    assert line_said is not None and line_said.startswith(said), line_said


def test_a_people_the_deed_was_done_to_is_said_in_the_line(lore: LoreService) -> None:
    # the Dominion War's own "its Founders meant to bring the Alpha Quadrant under their control"
    # brings no Romulans in; Vreenak's line does, and names Garak
    said = line(lore, "who brought the romulans into the dominion war")
    assert said is not None and "arranged by Garak, brought the Romulan Star Empire" in said[0]


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("where was kirk's son killed", "Kirk's son, on the Genesis planet"),  # not Kirk's Rura Penthe
        ("when was kirk's son killed", "killed his son David in 2285"),
        # the relative's own entry names them by name ("Sarek", "Enabran Tain")
        ("where did spock's father die in 2368", "Sarek died on Vulcan"),
        ("where did garak's father die in 2373", "Internment Camp 371"),
        # "her father's place as soon as he was murdered" speaks of him ("at his father's request" not)
        ("where was azetbur's father killed", "as soon as he was murdered aboard Kronos One"),
    ],
)
def test_a_relative_asked_of_is_named_in_the_line(lore: LoreService, question: str, said: str) -> None:
    found = line(lore, question)[0]
    assert found is not None and said in found, found


def test_an_article_saying_what_is_forbidden_is_no_cause_of_breaking_it(lore: LoreService) -> None:
    # "when algeron forbids it" says when, in passing: the line is Pressman's cause, not Article II
    said = line(lore, "why was pressman messing with a cloak when algeron forbids it")[0]
    assert said is None or ("Article" not in said and "because a secret Starfleet project" in said), said


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who hunted the maquis", "the Jem'Hadar hunted them down"),  # the Maquis's own line: "them"
        ("who brought the cardassians into the dominion", "Gul Dukat brought it into the Dominion"),
    ],
)
def test_a_peoples_own_line_may_call_it_them(lore: LoreService, question: str, said: str) -> None:
    found = line(lore, question)[0]
    assert found is not None and said in found, found


def test_a_he_after_another_named_subject_is_theirs(lore: LoreService) -> None:
    # Hiren's "Shinzon arranged the massacre so that he could seize power": he is Shinzon
    found = line(lore, "who arranged the senate massacre so he could seize power")[0]
    assert found is None or "so that Hiren" not in found, found
    assert found is not None and "so that he could seize power" in found, found
