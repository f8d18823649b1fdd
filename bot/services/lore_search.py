"""Ranking lore for a question: which entries, in what order, and each one's best sentence.

1. The question's terms (stop words gone, stemmed); "who", "when", "where" say what it wants.
2. For each term, from the index (bot/storage/lore_index.py): how many entries of canon and of
   the asking server hold it, and the best few by impact. An entry scores the sum of its
   impacts weighted by rarity (BM25F): names over summary over body, rare words over common.
3. The best thirty are read again word by word: all the terms side by side, or close together,
   in a name, the summary or the body lift an entry; a person for "who", a place for "where".
4. A name typed exactly (or nearly) comes first; each result shows its best sentence. The answer
   line is chosen apart, from the entries named and the first results: bot/services/lore_question.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..domain import markdown
from ..domain.lore import Kind, LoreEntry
from ..domain.lore_query import SYNONYMS, Asks, Match, match_counted, sentence_score
from ..domain.name_grams import length_window
from ..storage import Database
from ..storage import lore_index as index
from . import english
from . import lore_text as text
from .lazy import fuzz, process

CANDIDATES = 100  # read from the index per term and scope
RERANKED = 30  # read again word by word
FIELD_LIFT = {"names": 1.2, "summary": 0.6, "body": 0.35}  # phrase and proximity, by field
WANTS = {Asks.PERSON: {Kind.PERSON}, Asks.PLACE: {Kind.PLACE}, Asks.SPECIES: {Kind.SPECIES}}
TYPO_CUTOFF = 80
COVER_FLOOR = 0.3  # an entry holding only part of the question keeps this share, and more
NAME_LIFT = 1.3  # a short question naming the entry
SUMMARY_LIFT = 1.25  # a summary sentence over a body one: the summary is written to answer
KIND_LIFT = 1.35  # a person for "who", a species for "which aliens"
PLACE_LIFT = 1.8  # "where" rarely wants anything but a place
TIME_LIFT = 1.15  # a dated entry for "when"


@dataclass(slots=True)
class Hit:
    entry: LoreEntry
    found: str | Callable[[], str]  # the sentence that best matches, or how to find it when read
    question: Question | None = None  # whose words are marked in it

    @property
    def sentence(self) -> str:
        """The sentence that best matches, as written (looked for when first read: a reply draws
        the five results of its first page)."""
        if callable(self.found):
            self.found = self.found()
        return self.found

    def marked(self) -> str:
        """The sentence, its words that match between bot.domain.markdown's marks (worked out
        when asked: a reply shows five results of 25)."""
        return self.sentence if self.question is None else marked(self.sentence, self.question)

    @property
    def snippet(self) -> str:
        return self.marked()


Fields = dict[str, list[str]]


SYNONYM_WEIGHT = 0.5
_ROLES = frozenset(
    text.stem(w) for w in ("lawyer", "attorney", "counsel", "defender", "impostor", "mastermind")
)


@dataclass(frozen=True, slots=True)
class Question:
    """A question's terms ("concepts"), each with the stems that count for it and how much."""

    concepts: list[str]
    variants: dict[str, dict[str, float]]  # concept -> stem -> weight (1 for itself)
    table: dict[str, str]  # every stem that counts -> its concept
    # the words that count for a concept once mapped (match_counted): the table's, and a concept
    # no variant maps (never, as `of` builds it; kept exact for any table)
    counted: dict[str, str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        wanted = set(self.concepts)
        counted = {stem: concept for stem, concept in self.table.items() if concept in wanted}
        counted.update({t: t for t in self.concepts if t not in self.table})
        object.__setattr__(self, "counted", counted)

    @classmethod
    def of(
        cls, terms: Sequence[str], groups: tuple[tuple[str, ...], ...] = SYNONYMS, merged: bool = False
    ) -> Question:
        """`merged`: a role and a synonym beside it are one concept (read for an answer, "defense
        lawyer" asks one thing, which "defended" says whole, as does "impostor posing"; but
        "killed K'mpec's killer" or "ambassador spoke" ask two)."""
        synonyms = text.synonym_stems(groups)
        if merged:
            terms = [
                t
                for i, t in enumerate(terms)
                if not (i and {t, terms[i - 1]} & _ROLES and t in synonyms.get(terms[i - 1], ()))
            ]
        variants = {
            t: {t: 1.0, **{v: SYNONYM_WEIGHT for v in synonyms.get(t, ()) if v not in terms}} for t in terms
        }
        table = {stem: concept for concept, stems in variants.items() for stem in stems}
        return cls(list(terms), variants, table)

    def mapped(self, words: Sequence[str]) -> list[str]:
        """Words with every synonym of a concept written as the concept."""
        return [self.table.get(w, w) for w in words]

    def match(self, words: Sequence[str]) -> Match:
        """match(self.concepts, self.mapped(words)), reading only where a concept is."""
        return match_counted(self.concepts, self.counted, words)

    def names_any(self, words: Sequence[str]) -> bool:
        """Whether any of `words` counts for a concept (set(self.mapped(words)) & concepts)."""
        return any(w in self.counted for w in words)


@dataclass(frozen=True, slots=True)
class Ranked:
    scores: dict[str, float]  # base score by entry key
    weights: dict[str, float]  # each concept's rarity weight (idf of its best variant held)
    held: set[str]  # the concepts some entry of these scopes holds as written


async def rank(db: Database, scopes: Sequence[int], canon_size: int, question: Question) -> Ranked:
    """Base scores and rarity weights, from one read. An entry scores, for each concept, its
    best variant: the word itself, or a synonym at half weight."""
    every = list(dict.fromkeys(s for v in question.variants.values() for s in v))
    retrieved = await index.retrieve(db, scopes, canon_size, every, CANDIDATES)
    total = max(retrieved.entries, 1)
    idf = {t: math.log(1 + (total - df + 0.5) / (df + 0.5)) for t, df in retrieved.frequency.items()}
    # each concept's best variant per entry, read stem by stem (a few thousand entries at most)
    scores: dict[str, float] = dict.fromkeys(retrieved.impacts, 0.0)
    by_term = retrieved.by_term
    for variants in question.variants.values():
        best: dict[str, float] = {}
        for stem, weight in variants.items():
            factor = weight * idf[stem]
            for key, impact in by_term.get(stem, ()):
                if factor * impact > best.get(key, 0.0):
                    best[key] = factor * impact
        for key, value in best.items():
            scores[key] += value
    weights = {
        concept: max((w * idf[s] for s, w in variants.items() if retrieved.frequency.get(s)), default=0.0)
        for concept, variants in question.variants.items()
    }
    held = {concept for concept in question.concepts if retrieved.frequency.get(concept)}
    return Ranked(scores, weights, held)


async def repair(
    db: Database, scopes: Sequence[int], typed: str, named: Callable[[str], bool] = lambda _word: False
) -> str | None:
    """The closest word this server can see (canon and its own lore) to a word none of it holds;
    `named`: whether a word is of a name of the lore, preferred to a word as near."""
    word = text.words(typed)
    if not word or len(word[0]) < 4:
        return None
    candidates = await index.words_near(db, scopes, word[0], length_window(len(word[0]), TYPO_CUTOFF))
    found = process.extract(word[0], candidates, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=8)
    if not found:
        return None
    # the most letters shared (a letter left out, the commonest slip, costs less than one typed
    # wrong: "movment" is movement, not moment); as near as each other, the likelier slip ("brean":
    # a vowel for a vowel, so Breen, not break; "clas": a doubled letter typed once, so class),
    # then a word of a name of the lore ("spok": Spock, not spoke), then a word no English
    # dictionary holds (the lore's own), then the word English uses more
    best = max(score for _, score, _ in found)
    tied = [str(one) for one, score, _ in found if score == best]
    return max(
        tied,
        key=lambda one: (
            _slip(word[0], one),
            named(one),
            not english.is_english(one),
            english.is_common(one),
        ),
    )


_VOWELS = frozenset("aeiouy")


def _slip(typed: str, meant: str) -> bool:
    """Whether `typed` is `meant` with one of the commonest slips: a vowel for another, or a
    doubled letter typed once or twice."""
    if len(typed) == len(meant):
        changed = [(a, b) for a, b in zip(typed, meant, strict=True) if a != b]
        return len(changed) == 1 and changed[0][0] in _VOWELS and changed[0][1] in _VOWELS
    longer, shorter = (meant, typed) if len(meant) > len(typed) else (typed, meant)
    return len(longer) == len(shorter) + 1 and any(
        longer[i] == longer[i + 1] and longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer) - 1)
    )


def rerank(
    entries: Sequence[LoreEntry],
    fields: Mapping[str, Fields],
    base: Mapping[str, float],
    question: Question,
    idf: Mapping[str, float],
    asks: Asks,
) -> list[LoreEntry]:
    weight = sum(idf.values()) or 1.0
    terms = question.concepts

    def score(entry: LoreEntry) -> float:
        value = base.get(entry.key, 0.0)
        covered: set[str] = set()
        for name, words in fields[entry.key].items():
            found = question.match(words)
            covered |= found.found
            mass = sum(idf.get(t, 0.0) for t in found.found)
            if found.phrase:
                value += FIELD_LIFT[name] * mass
            elif len(found.found) > 1 and found.window:
                value += FIELD_LIFT[name] * mass * min(1.0, len(found.found) / found.window)
        share = sum(idf.get(t, 0.0) for t in covered) / weight
        value *= COVER_FLOOR + (1 - COVER_FLOOR) * share
        if len(terms) <= 3 and question.names_any(fields[entry.key]["names"]):
            value *= NAME_LIFT  # a short question naming the entry ("Gowron withdrew")
        if entry.kind in WANTS.get(asks, set()):
            value *= PLACE_LIFT if asks is Asks.PLACE else KIND_LIFT
        elif asks is Asks.TIME and entry.years.known:
            value *= TIME_LIFT
        return value

    return sorted(entries, key=lambda e: (-score(e), e.title))


def _scored(
    entry: LoreEntry, question: Question, idf: Mapping[str, float], asks: Asks
) -> tuple[float, int, str]:
    counted = question.counted
    # a sentence holding no concept scores 0 and is never chosen: only the others are scored
    scored = [
        (sentence_score(question.concepts, idf, question.mapped(terms), s, asks), -i, s)
        for i, (s, terms) in enumerate(text.sentences_of(entry.summary, entry.body))
        if not counted.keys().isdisjoint(terms)
    ]
    best: tuple[float, int, str] = max(scored, default=(0.0, 0, ""))
    return best


def best_sentence(entry: LoreEntry, question: Question, idf: Mapping[str, float], asks: Asks) -> str | None:
    """The sentence of the entry (summary or body) that best answers, or None if none helps."""
    best = _scored(entry, question, idf, asks)
    return best[2] if best[0] > 0 else None


def snippet(entry: LoreEntry, question: Question, idf: Mapping[str, float], asks: Asks) -> Callable[[], str]:
    """How to find the entry's best sentence, its summary if none helps: looked for when drawn."""
    return lambda: best_sentence(entry, question, idf, asks) or entry.summary


_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def marked(sentence: str, question: Question, limit: int = 240) -> str:
    """The sentence with the words that match between marks, cut around the first match: never
    inside a URL, a link's target or code, emphasis left balanced (bot/domain/markdown.py)."""
    wanted = question.table  # every stem that counts, as its keys
    return markdown.mark(sentence, lambda word: text.word_stem(word) in wanted, limit, _TOKEN)
