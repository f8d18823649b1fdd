"""Issue #20: whose doing a thing was, asked in a player's words, read by
bot/domain/lore_responsible.py; and who led which body, by the canon people's `leader_of`."""

from __future__ import annotations

import pytest

from bot.content.lore import canon_lore
from bot.domain.lore_responsible import Responsible, leaders_of, led, names_in, responsible_asked


@pytest.mark.parametrize(
    ("question", "asked", "thing"),
    [
        ("who was behind the pegasus incident", Responsible.WORK, "the pegasus incident"),
        ("who's responsible for the khitomer massacre?", Responsible.WORK, "the khitomer massacre"),
        ("who was the mastermind behind gorkon's assassination", Responsible.WORK, "gorkon's assassination"),
        ("who was really behind the tsi'sdu plot", Responsible.WORK, "the tsi'sdu plot"),
        ("who masterminded the khitomer conspiracy", Responsible.WORK, "the khitomer conspiracy"),
        ("who carried out the massacre at khitomer", Responsible.WORK, "the massacre at khitomer"),
        ("who ran the obsidian order", Responsible.LEADER, "the obsidian order"),
        ("who was in charge of the tal shiar", Responsible.LEADER, "the tal shiar"),
        ("who was the head of the tal shiar??", Responsible.LEADER, "the tal shiar"),
        ("who led the klingon empire", Responsible.LEADER, "the klingon empire"),
    ],
)
def test_whose_doing_is_read(question: str, asked: Responsible, thing: str) -> None:
    assert responsible_asked(question) == (asked, thing)


@pytest.mark.parametrize(
    "question",
    [
        "who killed gorkon",  # a deed of its own
        "why was the romulan fleet behind the nebula",  # not who
        "who withdrew behind the neutral zone",  # behind is where, after a verb
        "who was kor",
        "who had kirk's kid killed",
    ],
)
def test_other_questions_are_not_read_so(question: str) -> None:
    assert responsible_asked(question) is None


def test_a_body_is_led_by_the_people_whose_leader_of_names_it_first() -> None:
    leaders = {key: {p.key for p in people} for key, people in leaders_of(canon_lore()).items()}
    assert leaders["tal-shiar"] == {"koval"}
    assert leaders["obsidian-order"] == {"enabran-tain"}
    assert {"gorkon", "gowron", "kmpec", "martok", "azetbur"} <= leaders["klingon-empire"]
    # "the Romulan Star Empire" is not also "the Empire"; Damar led the Union under the Dominion
    assert not leaders["klingon-empire"] & {"hiren", "shinzon", "colius"}
    assert "dominion" not in leaders
    assert "klingons" not in leaders  # Kahless united the Klingon people: a people is no body


def test_names_are_found_longest_first_as_whole_words() -> None:
    names = {"romulan star empire": "rse", "empire": "ke", "tal shiar": "ts"}
    assert names_in("the Romulan Star Empire and the Tal Shiar", names) == ["rse", "ts"]
    assert names_in("an empire of its own", names) == ["ke"]
    assert names_in("the Empires", names) == []


def test_a_leader_line_reads_as_a_sentence() -> None:
    assert led("Koval", "the Tal Shiar") == "Koval led the Tal Shiar."
