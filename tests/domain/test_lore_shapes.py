"""bot/domain/lore_shapes.py: which ship a question asks for, and whether a sentence names one."""

from __future__ import annotations

import pytest

from bot.domain.lore_shapes import holds_count, holds_length, names_a_ship, ship_asked, ship_words, wanted

SHIPS = {"rotarran", "excelsior", "enterprise"}


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("what ship did martok command", True),
        ("which starship was kirk on", True),
        ("what klingon ship did gowron fly", True),
        ("what was the name of martok's ship", True),
        ("what was the name of tomalak's warbird", True),
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
        ("He commanded a cruiser when he confronted the Excelsior.", False),  # another's, met
    ],
)
def test_a_sentence_names_a_ship(sentence: str, named: bool) -> None:
    assert names_a_ship(sentence, SHIPS) is named


def test_the_words_that_name_one_ship() -> None:
    assert ship_words({"rotarran", "class", "bird", "prey", "archer's", "1701", "excelsior"}) == {
        "rotarran",
        "excelsior",
    }


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("Some four thousand Klingons died when the Romulans struck in 2346.", True),
        ("Starfleet lost 39 ships to a single Borg cube at Wolf 359.", True),
        ("Some 800 million Cardassians died.", True),
        ("In 2344 Romulan warbirds attacked the outpost.", False),  # a year
        ("Among the dead at Wolf 359 was Jennifer Sisko.", False),  # a name's number
        ("Kronos One was hit in 2293.", False),
        ("The treaty was signed on Deep Space Nine.", False),  # a name's number word
        ("Two years later Kirk stole a newer cloak.", False),  # a span of time
        ("He came out of the Nexus seventy-eight years later.", False),
        ("Praxis left Qo'noS with perhaps fifty years of breathable air.", True),  # an amount
        ("Deep Space Station K-7 lies near Sherman's Planet.", False),  # a name's number
        ("Every seven years or so their males go through the pon farr.", False),  # how often
        ("A relief convoy left every 3 months.", False),
        ("Every twelve ships formed a squadron.", True),  # a number of things after "every"
    ],
)
def test_a_sentence_gives_a_count(sentence: str, count: bool) -> None:
    assert holds_count(sentence) is count


def test_what_a_line_must_hold() -> None:
    count = wanted("how many ships were lost at wolf 359", SHIPS)
    assert count is not None and count("Starfleet lost 39 ships.") and not count("Ships were lost.")
    in_year = wanted("how many borg cubes attacked earth in 2373", SHIPS)
    assert in_year is not None and not in_year("Starfleet lost 39 ships in 2367.")
    assert in_year("A second cube, one of two, came in 2373.")
    assert wanted("what ship did martok command", SHIPS) is not None
    assert wanted("who killed gorkon", SHIPS) is None


def test_a_span_of_time_counts_when_the_question_asks_one() -> None:
    years = wanted("how many years did k'mpec rule", SHIPS)
    assert years is not None and years("He ruled for twelve years.")
    often = wanted("how many years apart does pon farr come", SHIPS)
    assert often is not None and often("Every seven years or so their males go through the pon farr.")


@pytest.mark.parametrize(
    ("sentence", "length"),
    [
        ("A lance has to charge for nearly a minute.", True),
        ("The war of 2373 to 2375 between the Dominion and the Federation.", True),
        ("The decades-long rule of the Cardassian Union over Bajor.", True),
        ("The fight of 2367–2368 for the chancellorship.", True),
        ("They fell silent for fifty-three years.", True),
        ("A year later the Klingons accepted the Treaty of Organia.", False),  # when, not how long
        ("Kirk died in 2371.", False),
    ],
)
def test_a_sentence_says_how_long(sentence: str, length: bool) -> None:
    assert holds_length(sentence) is length


def test_how_long_wants_a_length() -> None:
    shape = wanted("how long did the alliance last", set())
    assert shape is not None and shape("It lasted from 2267 to 2271.") and not shape("It ended in 2271.")
