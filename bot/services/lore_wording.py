"""How a question's words are read in a lore sentence when answering: the finer synonyms of
bot.domain.lore_query.ANSWERING, stems that start one another (a noun and its verb), and phrasal
verbs read as their one word ("fall apart": collapse). Read by bot/services/lore_question.py.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ..domain.lore_query import ANSWERING, STOP_WORDS, phrased, phrases_in
from . import lore_text as text
from .lore_search import Question

# Verbs too light to say a phrase alone ("make peace" is not every "made").
LIGHT_VERBS = frozenset("make made go went get got come came become became".split())  # noqa: SIM905
SHARED = 5  # letters two stems must share, one starting the other, to be read as one word
NEAR_LENGTH = 0.6  # … and the shorter at least this share of the longer ("battl" is no "battleship")


def _cuts(stem: str, least: int) -> range:
    """The lengths a stem may be cut to and still be read as itself, longest first, cutting at
    least `least` letters."""
    return range(len(stem) - least, max(SHARED, math.ceil(len(stem) * NEAR_LENGTH)) - 1, -1)


class Wording:
    """The question's concepts as a sentence is read for an answer: its synonyms, and any stem
    that starts another of at least SHARED letters ("occup" of occupation, "occupi" of occupy:
    the stemmer leaves a noun and its verb apart)."""

    def __init__(self, question: Question, more: Mapping[str, str] | None = None) -> None:
        self.concepts = question.concepts
        self.table = {**question.table, **(more or {})}
        self._starts = {stem[:k]: concept for stem, concept in self.table.items() for k in _cuts(stem, 0)}
        self._read: dict[str, str] = {}

    def concept(self, stem: str) -> str:
        """The concept `stem` stands for, "" for none."""
        found = self.table.get(stem)
        if found is None:
            found = self._read.get(stem)
        if found is None:
            starts = (stem[:k] for k in _cuts(stem, 1))
            found = self._starts.get(stem) or next((self.table[s] for s in starts if s in self.table), "")
            self._read[stem] = found
        return found

    def mapped(self, words: Sequence[str]) -> list[str]:
        return [self.concept(w) or w for w in words]


def wording(query: str, asked: Question, weights: Mapping[str, float]) -> tuple[Wording, Mapping[str, float]]:
    """The question's wording with each phrasal verb read as its one word ("fall apart" as
    collapse), which weighs as much as the words it stands for."""
    reading = phrased(query)
    if reading == query:
        return Wording(asked), weights
    terms = text.query_terms(reading)
    dropped = [weights.get(t, 0.0) for t in asked.concepts if t not in terms]
    weighed = {**weights, **{t: max(dropped, default=0.0) for t in terms if t not in asked.concepts}}
    # the verb of the phrase still says it in a sentence: "took Cardassia" for "take over"
    heads = {
        text.stem(text.words(phrase)[0]): text.stem(word)
        for phrase, word in phrases_in(query)
        if text.words(phrase)[0] not in STOP_WORDS | LIGHT_VERBS
    }
    return Wording(Question.of(terms, ANSWERING), heads), weighed
