"""Issue #20: an answer line about someone is about them, not a relative of theirs. Questions a
reviewer asked of the answer line (not the evaluation's), each answered before with a sentence
about a relative or a namesake: "when did Spock die" with Sarek's death, "who was Worf's mother"
with "K'Ehleyr, mother of Worf's son"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.services.lore import LoreService
from tests.support.lore_lines import assert_never_says, assert_says, line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("relations"), postgres_server)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("who was worf's mother", "mother of Worf's son"),  # K'Ehleyr is his son's mother
        ("when did worf die", "Worf's father was Mogh, who died"),  # his father's death
        ("who killed sela", "killed on an away mission"),  # her mother's death
        ("who was sela's daughter", "daughter"),  # Sela is Tasha Yar's daughter, not the other way
        ("when did spock die", "Sarek"),  # his father's death, then Sarek's own
        ("when did picard die", "Shinzon"),  # his clone's death
        ("who was martok's son", "son of Mogh"),  # Worf is Mogh's son
        ("who killed kirk", "killed his son David"),  # his son's killing
        ("who killed kirk", "the chancellor's murder"),  # another's killing
        ("who killed kang", "murdered Kang's firstborn son"),  # his son's killing
        ("who was worf's wife", "Martok's wife"),  # Martok's wife
    ],
)
def test_a_line_about_a_relative_is_no_answer_about_them(
    lore: LoreService, question: str, not_said: str
) -> None:
    assert_never_says(lore, question, not_said)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who was spock's father", "Sarek was"),
        ("when did worf's father die", "2346"),
        ("who was alexander's mother", "his mother, K'Ehleyr"),
        ("who was tasha yar's daughter", "Sela was"),
        ("who was k'ehleyr to worf", "mother of Worf's son"),
        ("when did sarek die", "2368"),
        ("who had kirk's son killed", "Kruge"),
        # "Sisko took command of Deep Space 9…, still grieving for his wife": a place between
        ("how did sisko's wife die", "Wolf 359"),
    ],
)
def test_a_relative_asked_for_is_still_named(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


def test_a_rank_asked_is_held_by_whoever_answers(lore: LoreService) -> None:
    # "Gorkon was the Klingon chancellor who opened peace talks with the Federation in 2293…"
    # names no president
    line_said, _ = line(lore, "who was the federation president in 2293")
    assert line_said is None or "Gorkon was" not in line_said, line_said


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how did praetor hiren die", "Shinzon's coup killed him"),
        ("how did duras die", "before Worf killed him"),
        ("how did dukat die", "Sisko killed Dukat"),
        ("how did k'ehleyr die", "Duras killed K'Ehleyr"),
    ],
)
def test_a_death_asked_is_told_by_the_killing_that_fell_on_them(
    lore: LoreService, question: str, said: str
) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("when did worf die", "Worf killed"),  # his killing of Duras
        ("how did elim garak die", "planted the bomb that killed him"),  # Vreenak, named between
        ("how did azetbur die", "the night he was killed"),  # her father
        ("how did dukat die", "Ziyal was killed"),  # his daughter
        ("how did chang die", "the chancellor's death"),  # Gorkon's
    ],
)
def test_a_killing_another_suffered_is_no_answer_to_how_they_died(
    lore: LoreService, question: str, not_said: str
) -> None:
    assert_never_says(lore, question, not_said)


# A reviewer's questions of the checks above, each answered wrongly, or not at all, by their first form.
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who is kurn's brother", "Kurn was Worf's younger brother"),  # a relation both ways
        ("who was b'etor's sister", "sister of Lursa"),
        ("who was the mother of worf's son", "mother of Worf's son Alexander"),  # a relative's relative
        ("why did duras blame worf's father", "Duras blamed Mogh"),  # a why names the relative
        ("how did azetbur's father die", "he was murdered"),  # "her father's place"
        ("who was jennifer sisko's husband", "her husband Benjamin"),  # a first name is no deed
        ("who ordered david marcus killed", "on his orders"),  # "orders" names no doer
        ("who was in charge of the klingon forces at deep space 9", "Martok"),
    ],
)
def test_a_relative_named_any_way_still_answers(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("how did garak die", "killed him"),  # Vreenak, after "a bomb planted by Garak"
        ("how did toral die", "chose not to kill"),
        ("who was kruge's son", "killed his son David"),  # Kirk's son, "Klingons under Kruge"
        ("who was in charge of the tal shiar", "leaders"),
    ],
)
def test_no_line_from_a_killing_not_done_or_a_son_not_theirs(
    lore: LoreService, question: str, not_said: str
) -> None:
    assert_never_says(lore, question, not_said)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("when did picard die", "the dying Chancellor K'mpec"),  # K'mpec's dying
        ("how did sisko die", "who died at Wolf 359"),  # his wife's death
    ],
)
def test_a_death_said_of_another_is_not_theirs(lore: LoreService, question: str, not_said: str) -> None:
    assert_never_says(lore, question, not_said)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how did tasha die", "killed by the creature Armus"),  # her own surname is no other person
        ("how did enabran die", "Internment Camp 371"),
        ("when did jennifer sisko die", "who died at Wolf 359"),  # a name asked, though not an entry's
    ],
)
def test_a_death_told_by_any_of_their_names_is_theirs(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)
