"""bot/domain/lore_ships.py: which ship a question asks for, and whether a sentence names one."""

from __future__ import annotations

import pytest

from bot.domain.lore_ships import names_a_ship, ship_asked, ship_words

SHIPS = {"rotarran", "excelsior", "enterprise"}


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("what ship did martok command", True),
        ("which starship was kirk on", True),
        ("what klingon ship did gowron fly", True),
        ("what was the name of martok's ship", True),
        ("what did the ship do", False),
        ("when did the ship explode", False),
    ],
)
def test_which_ship_is_asked(question: str, asked: bool) -> None:
    assert ship_asked(question) is asked


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("Martok commanded the Rotarran in 2373.", True),
        ("Sulu took command of the USS Excelsior.", True),
        ("Chang attacked from a Bird-of-Prey.", True),
        ("Koloth's ship put in at K-7.", False),
        ("He swung his ships to Gowron's side.", False),
        ("The enterprise of the Romulans failed.", False),  # not written as a name
    ],
)
def test_a_sentence_names_a_ship(sentence: str, named: bool) -> None:
    assert names_a_ship(sentence, SHIPS) is named


def test_the_words_that_name_one_ship() -> None:
    assert ship_words({"rotarran", "class", "bird", "prey", "archer's", "1701", "excelsior"}) == {
        "rotarran",
        "excelsior",
    }
