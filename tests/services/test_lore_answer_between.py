"""Issue #20, points 2 and 5: a question naming two things is answered by a named entry's
sentence that names both and says the fact asked, though it words the deed otherwise ("side
with" for "followed"), and by nothing looser (bot/domain/lore_between.py); a question of what may
be done that names no treaty is answered by the one article of all the treaties that holds it
(bot/services/lore_articles.py). Each question is ours, not the evaluation's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain.lore_between import between_named
from bot.domain.lore_facts import Asked
from bot.services.lore import LoreService
from tests.support.lore_lines import line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("between"), postgres_server)


@pytest.mark.parametrize(
    ("question", "said", "source"),
    [
        ("why did the remans side with shinzon", "The Remans followed Shinzon because", "remans"),
        ("why did korrd languish on nimbus iii", "as a punishment post", "korrd"),
        ("why did dukat bring cardassia into the dominion", "restored to power", "gul-dukat"),
        ("when did sisko inherit ds9", "commanded Deep Space 9 from 2369", "benjamin-sisko"),
        ("where did the valdore face the scimitar", "in the Bassen Rift", "valdore"),
    ],
)
def test_a_sentence_naming_both_answers_a_paraphrased_deed(
    lore: LoreService, question: str, said: str, source: str | None
) -> None:
    sentence, key = line(lore, question)
    assert sentence is not None and said in sentence, (question, sentence)
    assert source is None or key == source, (question, key)


REMANS, SHINZON, ROMULAN = frozenset({"reman"}), frozenset({"shinzon"}), frozenset({"romulan"})
WEIGHTS = {"reman": 3.7, "shinzon": 2.8, "romulan": 0.6, "back": 2.0, "2379": 3.0}
FOLLOWED = "The Remans followed Shinzon because he promised them freedom."
FOLLOWED_WORDS = ("reman", "follow", "shinzon", "promis", "freedom")


@pytest.mark.parametrize(
    ("asked", "text", "words", "subjects", "predicate", "answers"),
    [
        (Asked.REASON, FOLLOWED, FOLLOWED_WORDS, [REMANS, SHINZON], ["back"], True),
        (Asked.TIME, "The Remans followed Shinzon in 2379.", ("reman", "follow", "shinzon", "2379"),
         [REMANS, SHINZON], ["back", "2379"], True),
        # a year the question gives that the sentence does not: another time
        (Asked.TIME, "The Remans followed Shinzon in 2378.", ("reman", "follow", "shinzon", "2378"),
         [REMANS, SHINZON], ["back", "2379"], False),
        # one name only
        (Asked.REASON, FOLLOWED, FOLLOWED_WORDS, [SHINZON], ["back"], False),
        # the second name is a great power's, named everywhere
        (Asked.REASON, "The Romulans followed Shinzon because he won.",
         ("romulan", "follow", "shinzon", "won"), [ROMULAN, SHINZON], ["back"], False),
        # a name the sentence lacks
        (Asked.REASON, "The Remans followed him because he won.", ("reman", "follow", "won"),
         [REMANS, SHINZON], ["back"], False),
        # it opens on something else: what was done to them
        (Asked.REASON, "Romulan guards beat the Remans and Shinzon because they rose.",
         ("romulan", "guard", "beat", "reman", "shinzon", "rose"), [REMANS, SHINZON], ["back"], False),
        # why: only "because", and only of a question whose deed is one word
        (Asked.REASON, "The Remans followed Shinzon to Romulus.", ("reman", "follow", "shinzon", "romulus"),
         [REMANS, SHINZON], ["back"], False),
        (Asked.REASON, FOLLOWED, FOLLOWED_WORDS, [REMANS, SHINZON], ["back", "loyal"], False),
        # a killing is the deed a sentence tells, never another's paraphrase; after "because", a
        # killing is part of the cause
        (Asked.PLACE, "The Remans killed Shinzon on Remus.", ("reman", "kill", "shinzon", "remus"),
         [REMANS, SHINZON], ["back"], False),
        (Asked.REASON, "The Remans followed Shinzon because he killed their masters.",
         ("reman", "follow", "shinzon", "kill", "master"), [REMANS, SHINZON], ["back"], True),
        # who did it is never read loosely: the doer is the answer
        (Asked.AGENT, FOLLOWED, FOLLOWED_WORDS, [REMANS, SHINZON], ["back"], False),
    ],
)  # fmt: skip
def test_the_second_reading_wants_both_names_an_opening_and_the_fact(
    asked: Asked,
    text: str,
    words: tuple[str, ...],
    subjects: list[frozenset[str]],
    predicate: list[str],
    answers: bool,
) -> None:
    assert between_named(asked, text, words, subjects, predicate, WEIGHTS) is answers


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        # a deed whose words the answers know is not read loosely: "blamed" is no killing, going
        # on a strike is no leaving
        ("why did duras kill mogh", "Duras blamed Mogh"),
        ("when did garak leave cardassia", "In 2371 Garak went"),
        # a sentence telling a killing tells that deed, not the meeting asked of
        ("where did sisko meet dukat", "Sisko killed Dukat"),
        ("why did dukat hate jadzia", "Dukat killed Jadzia"),
        # a great power is no second name: a sentence of the Remans naming the Romulans says no why
        ("why did the remans hate the romulans", "The Remans"),
    ],
)
def test_a_paraphrase_is_read_only_where_it_can_be(lore: LoreService, question: str, not_said: str) -> None:
    sentence, _ = line(lore, question)
    assert sentence is None or not sentence.startswith(not_said), sentence


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("is starfleet allowed to develop a cloaking device", "Article II (No Federation cloaking devices)"),
        (
            "can the federation help someone attacking the klingons",
            "Article III (Neutrality towards aggressors)",
        ),
        ("can the federation send ships into the neutral zone", "Article I (The Neutral Zone)"),
    ],
)
def test_what_may_be_done_of_no_treaty_named_is_asked_of_every_treaty(
    lore: LoreService, question: str, said: str
) -> None:
    sentence, _ = line(lore, question)
    assert sentence is not None and sentence.startswith(said), (question, sentence)


@pytest.mark.parametrize(
    "question",
    [
        "can worf use a batleth",  # one word of an article is no answer
        "can a klingon marry a romulan",
        "can the borg be stopped",
    ],
)
def test_a_question_of_what_may_be_done_needs_an_article_that_holds_it(
    lore: LoreService, question: str
) -> None:
    sentence, _ = line(lore, question)
    assert sentence is None or not sentence.startswith("Article"), (question, sentence)
