"""How the answer line reads a sentence's stems as the question's concepts (bot/services/
lore_wording.py): a stem that starts another of at least five letters is the same word, and the
quick refusal of a stem that shares no such start with any concept answers as the full reading."""

from __future__ import annotations

import pytest

from bot.content.lore import canon_lore
from bot.domain.lore_query import ANSWERING
from bot.services import lore_text as text
from bot.services.lore_search import Question
from bot.services.lore_wording import SHARED, Wording, _cuts


def read_in_full(wording: Wording, stem: str) -> str:
    """What concept() answers, without its quick refusal."""
    found = wording.table.get(stem)
    if found is None:
        starts = (stem[:k] for k in _cuts(stem, 1))
        found = wording._starts.get(stem) or next(
            (wording.table[s] for s in starts if s in wording.table), ""
        )
    return found


QUESTIONS = [
    "why did the cardassians occupy bajor",
    "who betrayed the khitomer outpost to the romulans",
    "when did the klingon empire withdraw from the accords",
    "what weapons did the rebellion use against the dominion",
    "who negotiated the treaty of algeron",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_sentences_stems_read_as_in_full(question: str) -> None:
    wording = Wording(Question.of(text.query_terms(question), ANSWERING))
    stems = {s for entry in canon_lore() for s in text.terms(f"{entry.summary} {entry.body}")}
    assert len(stems) > 2000
    read = {stem: wording.concept(stem) for stem in sorted(stems)}
    assert read == {stem: read_in_full(wording, stem) for stem in sorted(stems)}
    assert any(read.values())  # some words of the lore are read as the question's


def test_a_noun_and_its_verb_are_one_word() -> None:
    wording = Wording(Question.of(text.query_terms("why did cardassia occupy bajor"), ANSWERING))
    occupy = text.stem("occupy")
    assert wording.concept(text.stem("occupation")) == occupy
    assert wording.concept(text.stem("occupied")) == occupy
    assert len(text.stem("occupation")) >= SHARED
    assert wording.concept(text.stem("ocean")) == ""
