"""The pure rules of an answer line: what a question asks, what a statement carries, sentences
composed from facts, and the choice (or refusal) among statements."""

from __future__ import annotations

import pytest

from bot.content import ContentError
from bot.content.lore import parse_entry
from bot.domain.lore import Kind
from bot.domain.lore_answer import (
    Statement,
    asked_of,
    carries,
    choose,
    compose,
    compose_years,
    identity_rest,
)
from bot.domain.lore_facts import Asked, parse_facts
from bot.services.english import is_common, is_english


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("when were the khitomer accords signed", Asked.TIME),
        ("what year did praxis blow up", Asked.TIME),
        ("where's the romulan homeworld", Asked.PLACE),
        ("why did gowron leave the accords", Asked.REASON),
        ("what caused the civil war", Asked.REASON),
        ("who killed gorkon", Asked.AGENT),
        # a person asked for by what they were, a word or two before it
        ("which starfleet captain went rogue in 2367", Asked.AGENT),
        ("what romulan senator spied for the federation", Asked.AGENT),
        ("what kind of man was kor", Asked.ANYTHING),  # asks what he was
        ("what happened to chancellor gorkon", Asked.ANYTHING),  # a verb before the title: what
        ("what did doctor phlox cure", Asked.ANYTHING),
        ("what does article 2 of the khitomer accords say", Asked.ARTICLE),
        ("khitomer accords art. III", Asked.ARTICLE),
        ("cloaking device", Asked.ANYTHING),
    ],
)
def test_the_kind_of_fact_a_question_asks(question: str, asked: Asked) -> None:
    assert asked_of(question) is asked


def test_an_identity_question_names_what_it_asks_about() -> None:
    assert identity_rest("who was Kor?") == "Kor"
    assert identity_rest("whats romulus") == "romulus"
    assert identity_rest("tell me about the Tal Shiar") == "the Tal Shiar"
    assert identity_rest("who killed gorkon") is None


def test_facts_compose_sentences_that_read_right() -> None:
    accords = parse_facts({"signed": 2293, "place": "Camp Khitomer", "signatories": ["A", "B", "C"]})
    assert compose("Khitomer Accords", Kind.TREATY, accords, Asked.TIME) == (
        "The Khitomer Accords were signed in 2293 at Camp Khitomer."
    )
    assert compose("Khitomer Accords", Kind.TREATY, accords, Asked.PLACE) == (
        "The Khitomer Accords were signed at Camp Khitomer."
    )
    assert compose("Khitomer Accords", Kind.TREATY, accords, Asked.AGENT) == (
        "The Khitomer Accords were signed by A, B and C."
    )
    caused = parse_facts({"cause": "Praxis exploded"})  # a treaty's making is its signing
    assert compose("Khitomer Accords", Kind.TREATY, caused, Asked.REASON) == (
        "The Khitomer Accords were signed because Praxis exploded."
    )
    kor = parse_facts({"role": "a Klingon general", "born": 2230, "died": 2375})
    assert compose("Kor", Kind.PERSON, kor, Asked.IDENTITY) == "Kor was a Klingon general."
    assert compose("Kor", Kind.PERSON, kor, Asked.TIME) == "Kor was born in 2230 and died in 2375."
    assert compose("Kor", Kind.PERSON, kor, Asked.REASON) is None  # no fact says why
    praxis = parse_facts({"location": "in orbit of Qo'noS"})
    assert compose("Praxis", Kind.PLACE, praxis, Asked.PLACE) == "Praxis is in orbit of Qo'noS."
    named = parse_facts({"called": "Operation Return", "cause": "the station had fallen"})
    assert compose("Operation Return", Kind.EVENT, named, Asked.REASON) == (
        "Operation Return came about because the station had fallen."
    )
    assert compose_years("Dominion War", Kind.EVENT, parse_facts({}), 2373, 2375) == (
        "The Dominion War began in 2373 and ended in 2375."
    )
    assert compose_years("Kor", Kind.PERSON, parse_facts({}), 2267, 2375) is None


def test_bad_facts_are_refused_at_load_naming_the_file() -> None:
    text = '+++\ntitle = "X"\nkind = "person"\nsummary = "X is a person."\n[facts]\nborn = "soon"\n'
    text += '[[sources]]\ntitle = "S"\ntier = "canon"\n+++\n\nBody.'
    with pytest.raises(ContentError, match=r"x\.md: The fact 'born' is a year"):
        parse_entry("x", text, "x.md")
    with pytest.raises(ContentError, match="Unknown fact 'height'"):
        parse_entry("x", text.replace('born = "soon"', "height = 2"), "x.md")


def tokens(sentence: str, concept: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((w, concept.get(w.casefold(), "")) for w in sentence.replace(",", "").split())


def test_the_fact_must_sit_near_the_question_s_own_words() -> None:
    near = tokens("Gorkon was killed in 2293 on his way to Earth", {"killed": "kill"})
    far = tokens(
        "In 2293 there was a conference and a long war and many other things happened before he was "
        "at last killed by someone",
        {"killed": "kill"},
    )
    assert carries(Asked.TIME, near, {"kill"}, set(), set(), set())
    assert not carries(Asked.TIME, far, {"kill"}, set(), set(), set())
    said = {"who", "killed", "gorkon"}
    chang = tokens("General Chang had Gorkon killed", {"killed": "kill"})
    assert carries(Asked.AGENT, chang, {"kill"}, said, {"chang"}, set())
    only_him = tokens("Gorkon was killed", {"killed": "kill"})
    assert not carries(Asked.AGENT, only_him, {"kill"}, said, {"gorkon"}, set())
    title = tokens("Captain Okonkwo commanded the station", {"commanded": "captain"})
    assert carries(Asked.AGENT, title, {"captain"}, set(), set(), set())


def test_a_planet_a_people_is_named_for_is_a_place_where_it_stands_alone() -> None:
    """Vulcan is a planet and a people ("Sarek of Vulcan" names a person too): "born on Vulcan
    in 2230" says where, "served in Vulcan space" only whose space, and a person is no place."""
    people, places = {"vulcan", "sarek", "kehleyr"}, {"vulcan"}
    born = tokens("Spock was born on Vulcan in 2230.", {"born": "born"})
    assert carries(Asked.PLACE, born, {"born"}, set(), people, places)
    space = tokens("Spock served in Vulcan space", {"served": "serv"})
    assert not carries(Asked.PLACE, space, {"serv"}, set(), people, places)
    to_her = tokens("Alexander was born to KEhleyr", {"born": "born"})
    assert not carries(Asked.PLACE, to_her, {"born"}, set(), people, places)


def statement(key: str, text: str, words: tuple[str, ...], *, subject: bool, rank: int = 0) -> Statement:
    return Statement(key, text, words, rank, subject, lead=False)


def split(text: str) -> tuple[tuple[str, str], ...]:
    return tokens(text, {w: w for w in ("died", "born", "kor", "kang")})


def test_the_choice_answers_from_the_subject_or_refuses() -> None:
    own = statement("kor", "Kor died in 2375", ("kor", "died"), subject=True, rank=1)
    other = statement("kang", "Kang died in 2370 beside Kor", ("kang", "died", "kor"), subject=False)
    weights = {"died": 1.0, "kor": 2.0}
    kor = [frozenset({"kor"})]
    chosen = choose([other, own], Asked.TIME, ["died"], ["kor"], weights, set(), set(), set(), kor, split)
    assert chosen is not None and chosen.statement is own
    nothing = choose([own], Asked.TIME, ["born"], ["kor"], {"born": 1.0}, set(), set(), set(), kor, split)
    assert nothing is None  # no statement says when he was born: no line
    elsewhere = statement("kang", "Kang died in 2370", ("kang", "died"), subject=False)
    assert choose([elsewhere], Asked.TIME, ["died"], ["kor"], {}, set(), set(), set(), kor, split) is None


def test_english_words_are_known_and_common_ones_tell_little() -> None:
    assert is_english("Undiscovered") and is_english("klingons") and is_english("assassinated")
    assert not is_english("Gowran") and not is_english("Hobus")
    assert is_common("thing") and not is_common("tall")
