"""bot/domain/lore_kin.py: whose relative a sentence speaks of."""

from __future__ import annotations

import pytest

from bot.domain.lore_kin import done_to_kin, named_only_as_kin, relation_asked, relation_of


@pytest.mark.parametrize(
    ("sentence", "name", "only"),
    [
        ("Worf's father was Mogh, who died at Khitomer in 2346.", ["worf"], True),
        ("Sarek was a Vulcan ambassador, father of Spock, and he died in 2368.", ["spock"], True),
        ("Shinzon was a human clone of Jean-Luc Picard; he died that year.", ["picard"], True),
        ("Alexander is the son of the Klingon officer Worf.", ["worf"], True),
        ("Worf killed Duras in 2367.", ["worf"], False),
        ("Worf's brother Kurn stood beside Worf.", ["worf"], False),  # named for himself too
        ("Gorkon's murder ended the talks.", ["gorkon"], False),  # a deed, not a relative
        ("Nobody is named here.", ["worf"], False),
    ],
)
def test_named_only_as_someones_relative(sentence: str, name: list[str], only: bool) -> None:
    assert named_only_as_kin(sentence, name) is only


@pytest.mark.parametrize(
    ("sentence", "relation", "owner", "own_entry", "theirs"),
    [
        ("Worf's mother died at Khitomer.", "mother", ["worf"], False, True),
        ("K'Ehleyr was an envoy, mother of Worf's son Alexander.", "mother", ["worf"], False, False),
        ("Sela was the daughter of a time-displaced Tasha Yar.", "daughter", ["yar"], False, True),
        ("Sela was the daughter of a time-displaced Tasha Yar.", "daughter", ["sela"], True, False),
        ("Worf, son of Mogh, is a Klingon officer.", "son", ["martok"], False, False),
        (
            "Alexander Rozhenko was born in 2366; his mother, K'Ehleyr, kept him away.",
            "mother",
            ["alexander"],
            False,
            True,
        ),
        (
            "The Romulans executed Yar when Sela was four, because Yar fled with her daughter.",
            "daughter",
            ["sela"],
            True,
            False,
        ),
        ("His father died when he was a boy.", "father", ["worf"], True, True),
        (
            "Mogh was a Klingon warrior, father of Worf and Kurn, killed in 2346.",
            "father",
            ["kurn"],
            False,
            True,
        ),
        (
            "Alexander is the son of the Klingon officer Worf and the envoy K'Ehleyr.",
            "son",
            ["kehleyr"],
            False,
            True,
        ),
        ("Spock was the son of Sarek and a human mother, Amanda Grayson.", "mother", ["spock"], True, True),
        ("Before her wedding to Worf, Martok's wife Sirella tested her.", "wife", ["worf"], False, False),
    ],
)
def test_a_relation_said_of_its_owner(
    sentence: str, relation: str, owner: list[str], own_entry: bool, theirs: bool
) -> None:
    assert relation_of(sentence, relation, owner, own_entry) is theirs


def test_the_relation_a_question_asks_about() -> None:
    assert relation_asked("who was worf's mother") == "mother"
    assert relation_asked("who were mogh's sons") == "sons"
    assert relation_asked("when did spock die") is None


def test_a_deed_done_to_a_relative() -> None:
    def tokens(sentence: str) -> list[tuple[str, str]]:
        return [(word, "kill" if word == "killed" else "") for word in sentence.split()]

    assert done_to_kin(tokens("Klingons under Kruge killed his son David in 2285"), "kill")
    assert not done_to_kin(tokens("Kruge killed his crewman"), "kill")
    assert not done_to_kin(tokens("Chang killed Gorkon"), "kill")
    # a relative named by their owner's name, possessive
    assert done_to_kin(tokens("The Albino had killed Kang's firstborn son"), "kill")
    assert not done_to_kin(tokens("The Albino killed Kang's crewman"), "kill")
