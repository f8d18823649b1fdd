"""Issue #20: a question as players address the bot ("hey bot where is qonos", "computer, who
was Gorkon", "can you tell me who killed gorkon please") is the question after the greeting and
before the sign-off; and "who is X" of a name no entry bears is answered only by a line saying
what X is ("who are the prophets" is not Sisko's line naming "the Emissary of the Prophets")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain.lore_asking import addressed
from bot.services.lore import LoreService
from bot.services.lore_unknown import defines, name_alone
from tests.support.lore_lines import assert_never_says, assert_says, line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("addressed"), postgres_server)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("hey bot where is qonos", "where is qonos"),
        ("yo who offed gorkon", "who offed gorkon"),
        ("Computer, who was Gorkon?", "who was Gorkon?"),
        ("ok so um when was praxis", "when was praxis"),
        ("can you tell me who killed gorkon please", "who killed gorkon"),
        ("do you know where khitomer is", "where khitomer is"),
        ("who is kor lol", "who is kor"),
        ("who killed gorkon, computer?", "who killed gorkon"),
        ("what is a bot", "what is a bot"),  # a last word is said off only after a comma
        ("who is ty", "who is ty"),
        # nothing but an address is kept as typed; a name that starts like one is a name
        ("computer", "computer"),
        ("tell me about kor", "tell me about kor"),
        ("okona", "okona"),
        ("soval", "soval"),
        # an oath asks nothing; a name's identity asked with the verb last, or with a guess after
        # the name (a second question after the comma is kept)
        ("who the heck is tomalak", "who is tomalak"),
        ("what on earth is a bat'leth", "what is a bat'leth"),
        ("tell me who kor was, the old klingon", "who was kor"),
        ("who was k'ehleyr, worf's ex or something?", "who was k'ehleyr"),
        ("who was kor, and why did he fight", "who was kor, and why did he fight"),
        ("what year was it", "what year was it"),
        ("who was chancellor, in 2293", "who was chancellor, in 2293"),
        ("quick q: who is jean-luc picard", "who is jean-luc picard"),
        ("dumb question but who is kor", "who is kor"),
        ("q: when was praxis", "when was praxis"),
        ("q who is kor", "q who is kor"),  # Q is someone: only "q:" opens a question
        ("who was in charge of the tal shiar, back then", "who was in charge of the tal shiar, back then"),
        ("who was sela, tasha yar's kid?", "who was sela"),
        # a second question without a question word, or a name after the comma: kept
        ("who was duras, did he kill k'ehleyr?", "who was duras, did he kill k'ehleyr?"),
        ("who was the chancellor, gowron?", "who was the chancellor, gowron?"),
        # a hedge asks nothing ("exactly" is also the lore's: "What exactly happened…")
        ("who exactly was kor", "who was kor"),
        ("who is odo anyway", "who is odo"),
        ("what really happened at praxis", "what happened at praxis"),
        ("who was kor exactly?", "who was kor?"),
        ("exactly who was kor", "exactly who was kor"),  # not after a question word: kept
        # a possessive after "u" or "s" as the plural's ("sulus" would be no stem of Sulu)
        ("what was sulu's ship", "what was sulu' ship"),
        ("who was valeris’s mentor", "who was valeris' mentor"),
        ("who was kirk's son", "who was kirk's son"),
    ],
)
def test_what_only_addresses_the_bot_is_not_asked(question: str, asked: str) -> None:
    assert addressed(question) == asked


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("hey bot where is qonos", "Qo'noS is in the Beta Quadrant"),
        ("yo who offed gorkon", "General Chang's conspiracy killed Gorkon"),
        ("computer, who was gorkon", "Gorkon was the Klingon chancellor"),
        ("can you tell me who killed gorkon please", "General Chang"),
        ("do you know when the khitomer accords were signed", "2293"),
        ("who exactly was kor", "Kor was a Klingon general"),  # was the Tomed Incident's line
        ("who is odo anyway", "Odo was a Changeling"),  # was no line: "anyway" is no name
    ],
)
def test_a_question_addressed_to_the_bot_gets_its_line(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("who are the prophets", "Emissary of the Prophets"),
        ("who is q", "Q flung"),
    ],
)
def test_who_is_a_name_no_entry_bears_is_no_line_merely_naming_it(
    lore: LoreService, question: str, not_said: str
) -> None:
    assert_never_says(lore, question, not_said)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who is odo", "Odo was a Changeling"),
        ("who was arne darvin", "Arne Darvin, a Klingon surgically disguised"),  # described after the name
        ("who was bochra", "a Romulan survivor, Bochra,"),  # … and set off by commas
        ("who was ja'rod", "Duras's own father, Ja'rod."),
        ("who was senator tal'aura", "Senator Tal'aura left the device"),  # the rank asked is no name
        ("who was harriman", "under Captain John Harriman"),  # a first name between rank and name
        ("who was tal'aura", "Senator Tal'aura left the device"),  # … or by a rank, where nothing says more
        (
            "who was hanson",
            "commanded by Admiral J.P. Hanson, who died",
        ),  # not "…the fleet of Admiral Hanson"
        ("what is the prime directive", "the Prime Directive, which forbids"),
        ("what is a d7", "The D7-class battle cruiser is"),  # a name of a letter and a figure is linked
        ("who was david marcus", "David Marcus, Kirk's son,"),  # an owner's noun after the name
        ("who was martia on rura penthe", "A shape-shifting inmate, Martia,"),  # where named after the name
        # … but a "who was" of no name is asked of what it names: not "prosecutor", nor "guys"
        ("who was the prosecutor at kirk's klingon trial", "Chang was the prosecutor"),
        ("who were the guys in mag boots that actually shot gorkon", "Burke and Samno"),
        # … and where no line says what X was, "who was X in Y" is asked of Y, as before
        ("who was chakotay in the maquis", "Chakotay resigned his commission to lead a cell"),
        ("who was burnham at the binary stars", "where Michael Burnham killed him"),
    ],
)
def test_who_is_a_name_no_entry_bears_may_be_answered_by_a_line_saying_what_they_are(
    lore: LoreService, question: str, said: str
) -> None:
    found, _ = line(lore, question)
    assert found is not None and said in found, found


@pytest.mark.parametrize(
    ("sentence", "name", "said"),
    [
        ("Odo was a Changeling.", "odo", True),
        ("Odo, a Changeling, kept order on the station.", "odo", True),
        ("The Klingon agent Arne Darvin poisoned the grain.", "arne darvin", True),  # described before
        ("Geordi was stranded with a Romulan survivor, Bochra, and they escaped.", "bochra", True),
        ("One of Odo's own people came to the station.", "odo", False),
        ("The storm hit a ship, Bochra and Geordi aboard.", "bochra", False),  # a list, not set off
        ("Helped by the Klingon traitor Ja'rod, they struck.", "ja'rod", True),
        ("Worf kept the truth about Ja'rod's treachery hidden.", "ja'rod", False),  # not what he was
        ("The real traitor was Duras's own father, Ja'rod.", "ja'rod", True),  # set off after an owner
        ("Kruge's men killed David Marcus, Kirk's son, on Genesis.", "david marcus", True),  # … or before one
        ("Worf kept the truth about Ja'rod hidden.", "ja'rod", False),  # "about" is no description
        ("Anything at all.", "the spy that poisoned the grain", True),  # no name alone: any line may
    ],
)
def test_a_line_says_what_a_name_no_entry_bears_is(sentence: str, name: str, said: bool) -> None:
    assert defines(sentence, name) is said
    assert name_alone(name) is (len(name.split()) <= 3)


def test_a_rank_before_a_name_says_what_they_were_when_asked() -> None:
    sentence = "In 2379 Senator Tal'aura left the device in the chamber."
    assert not defines(sentence, "tal'aura") and defines(sentence, "tal'aura", by_rank=True)
    assert not defines("The Senator's aide Tal'aura's plot failed.", "tal'aura", by_rank=True)
