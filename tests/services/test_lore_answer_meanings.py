"""Issue #20: a question's words read as meant. Two that mean one thing ask one thing ("defense
lawyer": a sentence saying "defended" says it whole); a who-question asking who acted for a party
is not answered by the line naming the parties (the seventh question set's tune half: "who signed
the klingon romulan alliance for the romulans" was "…signed by the Klingon Empire and the Romulan
Star Empire"); a phrasal verb asks of the articles what it means ("handed over": cede, not the
article whose worlds "change hands")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.services.lore import LoreService
from tests.support.lore_lines import assert_never_says, assert_says, line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("meanings"), postgres_server)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who was kirk's defence lawyer", "Colonel Worf"),  # defence and lawyer: one idea
        ("who was the defense attorney for kirk and mccoy", "Colonel Worf"),
        ("who took caithlin dar hostage", "Sybok"),
    ],
)
def test_words_meaning_one_thing_ask_it_once(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who signed the khitomer accords", "were signed by the United Federation of Planets"),
        ("who signed the treaty of algeron", "the Romulan Star Empire"),
        ("who signed the klingon romulan alliance for the romulans", "Hectavious"),  # not the powers
    ],
)
def test_a_treatys_parties_answer_who_signed_it_but_not_who_signed_for_one(
    lore: LoreService, question: str, said: str
) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    "question",
    ["who signed the khitomer accords for the klingons", "who signed the treaty of algeron for the romulans"],
)
def test_who_signed_for_a_party_is_not_the_parties(lore: LoreService, question: str) -> None:
    assert_never_says(lore, question, "was signed by")


def test_a_phrasal_verb_asks_the_articles_what_it_means(lore: LoreService) -> None:
    sentence, _ = line(lore, "what did the treaty of armens hand over to the sheliak")
    assert sentence is not None and sentence.startswith("Article I (Worlds ceded to the Sheliak)"), sentence
    assert_never_says(
        lore, "which colony did the feds hand over to cardassia in the border treaty", "change hands"
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how are pows treated under the second khitomer accords", "Article III (Prisoners of war"),
        ("what does khitomer ii say about pows", "Article III (Prisoners of war"),
        # "per" and "according to" ask what a treaty holds, as "under" does
        (
            "what happens to someone seeking revenge on the federation per the khitomer treaty",
            "Article V (Old",
        ),
        ("according to khitomer what happens to a klingon out for revenge", "Article V (Old grievances"),
    ],
)
def test_an_article_is_asked_in_a_players_words(lore: LoreService, question: str, said: str) -> None:
    sentence, _ = line(lore, question)
    assert sentence is not None and sentence.startswith(said), (question, sentence)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("why did gowron pull the empire out of the accords", "condemned"),
        ("who finished shinzon off", "Picard"),
    ],
)
def test_a_phrasal_verb_split_around_its_object_asks_what_it_means(
    lore: LoreService, question: str, said: str
) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    "question",
    [
        "who gets a disputed planet under the organian treaty",
        "under the organian treaty who gets a disputed planet",
    ],
)
def test_who_is_answered_by_the_rule_that_picks_them(lore: LoreService, question: str) -> None:
    """ "…would go to whichever side developed it best" names nobody, but says who."""
    assert_says(lore, question, "whichever side")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who masterminded gorkon's assassination", "General Chang"),  # a plot's mastermind
        ("who orchestrated the murder of gorkon", "General Chang"),
        ("who dug worf out of the rubble at khitomer", "Sergey Rozhenko"),  # "pulled him from the wreckage"
        ("who was the impostor posing as martok", "Changeling"),
    ],
)
def test_a_deed_no_entry_words_as_asked_is_read_through_its_synonyms(
    lore: LoreService, question: str, said: str
) -> None:
    """A who-did question whose deed no entry words as asked had no line, even where a synonym
    says it; a deed no entry says in any words still has none."""
    assert_says(lore, question, said)


def test_a_deed_no_entry_says_in_any_words_still_has_no_line(lore: LoreService) -> None:
    sentence, _ = line(lore, "who ran comms on the enterprise")
    assert sentence is None, sentence


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("which guy ended weyoun for good", "Garak"),  # "for good" asks nothing a line must say
        ("who led the klingon side at the binary stars", "T'Kuvma"),  # "the Klingon side": the Klingons
        ("who signed the klingon romulan alliance on the romulan side", "Hectavious"),
    ],
)
def test_idioms_that_add_nothing_are_not_asked_of_the_line(
    lore: LoreService, question: str, said: str
) -> None:
    assert_says(lore, question, said)


def test_who_signed_on_a_partys_side_is_not_the_parties(lore: LoreService) -> None:
    assert_never_says(lore, "who signed the treaty of algeron on the romulan side", "was signed by")


# A reviewer's questions against the forms above that went wrong (all right or absent now).
@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        (
            "who was executed for gorkon's murder",
            "arranged Gorkon's murder",
        ),  # executed and murder: two things
        ("who killed kmpec's killer", "poisoned him"),
        ("which ambassador spoke for the federation at khitomer", "Nanclus"),  # not a role and its synonym
        (
            "who signed the khitomer accords on the starfleet side",
            "was signed by",
        ),  # Starfleet is the Federation
        ("who signed the treaty of algeron for starfleet", "was signed by"),
    ],
)
def test_what_the_reviewer_found_wrong_stays_unsaid(lore: LoreService, question: str, not_said: str) -> None:
    assert_never_says(lore, question, not_said)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "who gets handed over under the khitomer accords",
            "Article V (Old grievances",
        ),  # the article's own words
        (
            "what did the klingons hand over to the romulans under the alliance",
            "Article IV (Battle cruisers)",
        ),
        ("what happened to kirk in the end", "Kirk died in 2371"),  # "in the end" asks his end
        ("what happened in the end of the dominion war", "ended in 2375"),
        ("when was the treaty of algeron signed according to the romulans", "2311"),  # "according": no accord
        ("who pulled them out of the wreckage", "Rozhenko"),  # pulled out of rubble: rescued, not withdrawn
    ],
)
def test_what_the_reviewer_found_lost_is_said_again(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how long did the dominion war last", "2373 to 2375"),  # "how long" asks a length, not "long"
        ("how long did the cardassians occupy bajor", "decades-long"),
        ("how long were the romulans silent after the tomed incident", "fifty-three years"),
    ],
)
def test_how_long_is_answered_by_a_length(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


def test_a_span_after_something_is_no_length(lore: LoreService) -> None:
    assert_never_says(lore, "how long did the klingon romulan alliance last", "A year later")


@pytest.mark.parametrize(
    "question",
    [
        "why is section 31 called that",
        "why is it called section 31",
        "where does section 31 get its name",
        "what is section 31 named after",
        "where does the name section 31 come from",
    ],
)
def test_where_a_name_comes_from_is_the_sentence_saying_so(lore: LoreService, question: str) -> None:
    assert_says(lore, question, "Section 31 takes its name from a clause of the original Starfleet Charter")


def test_no_line_where_the_entry_never_says_where_its_name_comes_from(lore: LoreService) -> None:
    assert line(lore, "where does kor get his name")[0] is None
    assert line(lore, "what does kor mean")[0] is not None  # may ask who he is: his summary


def test_a_namesake_says_where_a_name_comes_from(lore: LoreService) -> None:
    assert_says(lore, "where does the negh'var class get its name", "the namesake of the Negh'Var class")
