"""How a question's words are read in a lore sentence when answering: the finer synonyms of
bot.domain.lore_query.ANSWERING, stems that start one another (a noun and its verb), phrasal
verbs read as their one word (bot.domain.lore_phrases: "fall apart" is collapse), and the
fillers players add that no sentence says ("finally"). Read by bot/services/lore_question.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from ..domain.lore_phrases import ONE_WORDS, phrase_heads, phrased, phrases_in
from ..domain.lore_query import ANSWERING, STOP_WORDS
from ..domain.lore_shapes import POWER_WORDS
from . import lore_text as text
from .lore_search import Question

# Verbs too light to say a phrase alone ("make peace" is not every "made").
LIGHT_VERBS = frozenset("make made go went get got come came become became take took taken".split())  # noqa: SIM905
SHARED = 5  # letters two stems must share, one starting the other, to be read as one word
NEAR_LENGTH = 0.55  # … and the shorter at least this share of the longer ("battl" is no "battleship",
# but "rebel" is "rebellion")


def _cuts(stem: str, least: int) -> range:
    """The lengths a stem may be cut to and still be read as itself, longest first, cutting at
    least `least` letters."""
    return range(len(stem) - least, max(SHARED, math.ceil(len(stem) * NEAR_LENGTH)) - 1, -1)


class Wording:
    """The question's concepts as a sentence is read for an answer: its synonyms, and any stem
    that starts another of at least SHARED letters ("occup" of occupation, "occupi" of occupy:
    the stemmer leaves a noun and its verb apart)."""

    def __init__(
        self,
        question: Question,
        more: Mapping[str, str] | None = None,
        particles: Mapping[str, frozenset[str]] | None = None,
        light: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        self.concepts = question.concepts
        self.table = {**question.table, **(more or {})}
        self.particles = dict(particles or {})  # a phrasal verb's head stem -> its particles
        self.light = dict(light or {})  # a light verb's stem -> the particles the question gives it
        self._starts = {stem[:k]: concept for stem, concept in self.table.items() for k in _cuts(stem, 0)}
        self._heads = {start[:SHARED] for start in self._starts}  # what any stem read as one starts with
        self._read: dict[str, str] = {}
        # whether a phrase of a sentence can say one of its concepts ("turned on": betray): most
        # questions ask nothing a phrase says, and their sentences are not read for phrases
        self.phrasal = any(self.concept(text.word_stem(word)) for word in ONE_WORDS)

    def concept(self, stem: str) -> str:
        """The concept `stem` stands for, "" for none."""
        found = self.table.get(stem)
        if found is None:
            found = self._read.get(stem)
        if found is None and stem[:SHARED] not in self._heads:  # most words: no concept starts as they do
            found = self._read[stem] = ""
        if found is None:
            starts = (stem[:k] for k in _cuts(stem, 1))
            found = self._starts.get(stem) or next((self.table[s] for s in starts if s in self.table), "")
            self._read[stem] = found
        return found

    def mapped(self, words: Sequence[str]) -> list[str]:
        return [self.concept(w) or w for w in words]

    def phrased(self, written: Sequence[str]) -> dict[int, str]:
        """The places in `written` (a sentence's words as written) of a phrasal verb whose one
        word is a concept of the question, with that concept: "turned on" says betray."""
        if not self.phrasal:
            return {}
        found = {at: self.concept(text.word_stem(word)) for at, word in phrase_heads(tuple(written)).items()}
        return {at: concept for at, concept in found.items() if concept}

    def loose(self, written: Sequence[str]) -> set[int]:
        """The places in `written` (a sentence's words as written) of a phrasal verb's head that
        says nothing of the phrase: neither its particle nor a name follows it ("turned on the
        Dominion", "took Cardassia" say "turn on", "take over"; "turned the tide" does not), and
        of a light verb the question gives a particle that does not follow within three words
        ("put forward" or "took her ship to" for "put down", "took out"; "brought the ship in"
        may still say "brought in")."""
        out: set[int] = set()
        if self.light:  # most questions give no light verb a particle: their sentences are not read
            out = {
                i
                for i, word in enumerate(written)
                if (given := self.light.get(text.word_stem(word))) is not None
                and not any(w.casefold() in given for w in written[i + 1 : i + 4])
            }
        if not self.particles:
            return out
        for i, word in enumerate(written):
            particles = self.particles.get(text.word_stem(word))
            if particles is None:
                continue
            after = written[i + 1 : i + 3]
            if not (after and after[0][:1].isupper()) and not any(w.casefold() in particles for w in after):
                out.add(i)
        return out


# A light verb with its particle, which says a deed of its own ("put down", "set off"): a sentence
# with the verb and another of these particles right after it ("put forward") says another deed.
# Not "in" or "on": mostly they open a place or a year ("what did the Breen bring in 2375").
_PARTICLES = frozenset("down up out off forward away back over".split())  # noqa: SIM905
_LIGHT_PHRASAL = re.compile(
    r"\b(put|puts|set|sets|take|takes|took|taken|get|gets|got|bring|brings|brought|call|calls|called)"
    rf"\s+({'|'.join(_PARTICLES)})\b",
    re.I,
)


def _light_particles(query: str) -> dict[str, frozenset[str]]:
    """The question's light verbs with their particles: "who put down Duras" -> {put: {down}}."""
    found: dict[str, frozenset[str]] = {}
    for verb, particle in _LIGHT_PHRASAL.findall(query):
        stem = text.stem(verb.casefold())
        found[stem] = found.get(stem, frozenset()) | {particle.casefold()}
    return found


def wording(query: str, asked: Question, weights: Mapping[str, float]) -> tuple[Wording, Mapping[str, float]]:
    """The question's wording with each phrasal verb read as its one word ("fall apart" as
    collapse), which weighs as much as the words it stands for; a light verb with its particle
    ("put down") is read in a sentence only with that particle; for a question of dying, a
    killing reads as a death (`dying`)."""
    reading = phrased(query)
    light = _light_particles(reading)
    if reading == query:
        return Wording(asked, dying(asked.concepts), light=light), weights
    terms = text.query_terms(reading)
    dropped = [weights.get(t, 0.0) for t in asked.concepts if t not in terms]
    weighed = {**weights, **{t: max(dropped, default=0.0) for t in terms if t not in asked.concepts}}
    # the verb of the phrase still says it in a sentence: "took Cardassia" for "take over"
    said = [(text.words(phrase), word) for phrase, word in phrases_in(query)]
    # … but "back" turns it round: "signed" is no "sign back up" (rejoin)
    said = [
        (words, word)
        for words, word in said
        if words[0] not in STOP_WORDS | LIGHT_VERBS and "back" not in words[1:]
    ]
    heads = {text.stem(words[0]): text.stem(word) for words, word in said}
    particles = {text.stem(words[0]): frozenset(words[1:]) for words, _ in said}
    read = Question.of(terms, ANSWERING)
    return Wording(read, {**dying(read.concepts), **heads}, particles, light), weighed


DYING = text.stem("die")
KILLING = frozenset(text.stem(w) for group in ANSWERING if group[0] == "kill" for w in group if " " not in w)


def dying(concepts: Sequence[str]) -> dict[str, str]:
    """For a question of how or when someone died (and not of who killed them): a killing read
    as their death ("Shinzon's coup killed him"), if it fell on them (lore_relations.of_them)."""
    if DYING not in concepts or any(c in KILLING for c in concepts):
        return {}
    return dict.fromkeys(KILLING, DYING)


# Words a player adds that no sentence of the lore says ("why did the Cardassians finally pull
# out"): none of them is what the question asks. Read as typed: "finally" and "finalized" share
# a stem.
FILLER = frozenset(
    """finally eventually ultimately ever even already still bother bothered willing willingly actually
    anyway anyways exactly really basically""".split()  # noqa: SIM905
)


# Idioms that add as little ("in the first place", "for good"), "side" after a power ("on the
# Romulan side" is the Romulans), "long" after "how" (what a line must hold then is its shape:
# bot/domain/lore_shapes.py) and what was not done ("instead of Toral", "rather than surrendering":
# bot/services/lore_instead.py): each group names the words that add nothing.
_FILLER_PHRASES = re.compile(
    r"\b(?P<filler>in the first place|for good|once and for all|after all|according to)\b"
    r"|\bhow (?P<long>long)\b"
    r"|\b(?P<instead>instead of|rather than)\b(?:\s+(?P<alternative>[\w'’]+))?"
    rf"|\b(?:{POWER_WORDS})s?['’]?\s+(?P<side>side)\b",
    re.I,
)


def fillers(query: str) -> frozenset[str]:
    """The stems of the fillers the question holds, as typed; an idiom's words said again outside
    it still ask ("the first Klingon in Starfleet in the first place"); "how long did it last"
    asks a length, which "lasted" need not say."""
    found = [
        (one, next(kind for kind in _KINDS if one.group(kind))) for one in _FILLER_PHRASES.finditer(query)
    ]
    idioms = " ".join(one.group(kind) for one, kind in found)
    rest = query
    for one, kind in reversed(found):  # the question without the idioms' own words
        start, end = one.span(kind)
        rest = rest[:start] + " " + rest[end:]
    said_elsewhere = set(text.terms(rest))
    typed = frozenset(text.stem(w) for w in text.words(query) if w in FILLER)
    lasting = _LASTED if any(kind == "long" for _, kind in found) else frozenset()
    # asking why, what was not done is not what is explained ("destroy his ship instead of surrendering")
    alternatives = [one.group("alternative") or "" for one, kind in found if kind == "instead"]
    not_done = frozenset(text.terms(" ".join(alternatives))) if _WHY.match(query) else frozenset()
    return typed | lasting | not_done | (frozenset(text.terms(idioms)) - said_elsewhere)


_KINDS = ("filler", "long", "side", "instead")
_WHY = re.compile(r"\s*(?:why|how come)\b", re.I)
_LASTED = frozenset(text.stem(w) for w in ("last", "lasted", "lasts"))
