"""Issue #20: "who killed <someone>" is answered by a killing of them, or by no line. Asked of every
person in the canon lore ("who killed / murdered / assassinated / poisoned <name>", 264
questions, not the evaluation's), the line before this told another killing for 12 people:
"who killed Koloth" with a spy who "poisoned grain", "who killed Garak" with "the bomb that killed
him" (Vreenak), "who killed Curzon Dax" with Jadzia Dax's death, "who killed Toral" with "killed
Duras". And how or when someone with no entry of their own died is their death, not another's
named beside them ("how did the Albino die" was "Kang died…")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain.lore_done_to import killer_asked
from bot.services.lore import LoreService
from tests.support.lore_lines import assert_never_says, assert_says, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("killings"), postgres_server)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("who killed koloth", "poisoned grain"),  # a thing poisoned
        ("who poisoned koloth", "poisoned grain"),
        ("who killed elim garak", "the bomb that killed him"),  # him: Vreenak, named between
        ("who murdered sisko", "Garak's bomb killed him"),  # Sisko is not named at all
        ("who killed curzon dax", "killed by Dukat"),  # Jadzia Dax's death, another Dax
        ("who killed toral", "killed Duras"),  # Toral's alias "son of Duras" is not Duras
        ("who killed toral", "chose not to kill"),  # no killing
        ("who killed kurn", "killed in the Romulan attack"),  # his father's death
        ("who killed cartwright", "the assassination of Gorkon"),  # a killing he planned
        ("who killed valeris", "killed Burke and Samno"),  # a killing she did
        ("who killed azetbur", "tried for the killing"),  # her father's killing
    ],
)
def test_a_killing_of_another_is_no_answer_to_who_killed_them(
    lore: LoreService, question: str, not_said: str
) -> None:
    assert_never_says(lore, question, not_said)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who killed gorkon", "killed Gorkon"),  # named right after the killing
        ("who killed lursa", "killed Lursa and B'Etor"),
        ("who killed b'etor", "killed B'Etor and Lursa"),  # the first of the two
        ("who killed hiren", "Shinzon's coup killed him"),  # him: nobody named between
        ("who killed duras", "Worf killed him"),
        ("who killed k'ehleyr", "murdered by Duras"),  # the sentence's subject, past a participle
        ("who killed jadzia dax", "killed by Dukat"),
        ("who killed mogh", "killed in the Romulan attack"),
        ("who killed vreenak", "arranged by Garak"),  # "whose murder in 2374"
        ("who killed weyoun", "shot by Garak"),  # "Weyoun was shot by"
        ("who killed alexander's mom", "murdered by Duras"),  # someone's relative: not Alexander
    ],
)
def test_a_killing_of_them_still_answers(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    ("question", "said", "not_said"),
    [
        ("how did samno die", "killed Burke and Samno", "shot him"),  # named second
        ("when did david marcus die", "killed his son David", "Gorkon's murder"),  # past "his son"
    ],
)
def test_a_death_asked_of_someone_without_an_entry_is_theirs(
    lore: LoreService, question: str, said: str, not_said: str
) -> None:
    assert_says(lore, question, said)
    assert_never_says(lore, question, not_said)


def test_the_albinos_death_is_his_own_not_kangs(lore: LoreService) -> None:
    """He has an entry of his own since session 27 (he had none: his death was read from Kang's)."""
    assert_says(lore, "how did the albino die", "killed by Kang")
    assert_never_says(lore, "how did the albino die", "Kang died")


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("who was kang's killer", "who killed kang"),
        ("who was the murderer of k'mpec?", "who killed k'mpec?"),
        ("who was jadzia dax's assassin", "who killed jadzia dax"),
        ("who was kangs killer", "who killed kang"),  # typed without the apostrophe
        ("who is duras killer", "who killed duras"),
        ("who was the albino's killer", "who was the albino's killer"),  # no person canon knows
        ("who was the killer", "who was the killer"),
    ],
)
def test_someones_killer_is_asked_as_who_killed_them(question: str, read: str) -> None:
    people = {"kang", "k'mpec", "jadzia", "dax", "duras"}
    assert killer_asked(question, people.__contains__) == read


def test_someones_killer_is_answered_as_who_killed_them(lore: LoreService) -> None:
    # "…Koloth kept the oath… and was killed in the attack on the Albino's compound" was the line
    assert_never_says(lore, "who was kang's killer", "Koloth")
    assert_says(lore, "who was gowron's assassin", "Worf killed Gowron")
    assert_says(lore, "who was the murderer of k'ehleyr", "murdered by Duras")
