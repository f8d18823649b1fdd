"""A question read against what a server can see: the entries it names, the kind of fact it
asks, and the one line that answers it from an entry's sentences or facts, or no line at all.
The choosing is pure (bot/domain/lore_answer.py); questions about a treaty's articles are
answered by bot/services/lore_articles.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..domain import lore_answer as rules
from ..domain.errors import InvalidInput
from ..domain.lore import Kind, LoreEntry
from ..domain.lore_facts import Asked
from ..domain.lore_query import STOP_WORDS, Asks, paragraphs, sentences
from ..domain.references import normalise
from ..domain.treaties import Article, Treaty
from . import lore_text as text
from .lore_search import Hit, Question
from .name_index import NameIndex

MAX_NAME_WORDS = 8  # the longest name looked for in a question ("Battle of Klach D'kel Brakt")
NEAR_NAME = 88  # a misspelt name this close (0-100) to a known one is that name
ANSWERING = 3  # the first results whose sentences may answer (5 answered no more on the tuned half)
# Words that ask about the thing itself, not about something related to it ("what happened at
# Praxis" is answered by what Praxis is): our own list, as analysed stems.
GENERIC = frozenset(
    text.stem(w)
    for w in """happen happened story history about known famous role important significance matter
    like do did whole deal info information thing stuff called name named exactly really basically
    big go went""".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class Linked:
    key: str
    words: tuple[str, ...]  # the name's words as the question has them (normalised)


@dataclass(frozen=True, slots=True)
class Answer:
    sentence: str
    entry: LoreEntry | None  # the entry it comes from (None: a treaty's article, or its absence)
    treaty: Treaty | None = None  # an article's treaty
    article: Article | None = None


@dataclass(frozen=True, slots=True)
class Found:
    hits: list[Hit]
    corrected: dict[str, str]  # misspelt word -> the word searched instead
    asks: Asks
    answer: Answer | None = None  # the line that answers, when one clearly does
    exact: LoreEntry | None = None  # a name typed exactly or nearly: shown as its card
    asked: Asked = Asked.ANYTHING  # the kind of fact the question wants
    guess: str | None = None  # the question with a guessed repair: offered, not searched
    subject: LoreEntry | None = None  # the first entry the question names


def terms_of(query: str) -> list[str]:
    """A question's terms, or a refusal that says why there are none."""
    terms = text.query_terms(query)
    if not terms:
        if common := text.words(query):
            said = " ".join(dict.fromkeys(common[:6]))
            raise InvalidInput(
                f"“{said}” is only common words, which say nothing about the lore. "
                "Add a name, a place or a thing, like `Praxis`, `Kor` or `cloaking device`."
            )
        raise InvalidInput("Search for a word or two, like `Praxis` or `cloaking device`.")
    return terms


def _variants(words: Sequence[str]) -> Iterator[str]:
    """A run of the question's words as a name may be written: itself, then without a plural
    or possessive "s" on its last word ("Romulans'", "Gorkons" -> "gorkon")."""
    yield " ".join(words)
    if len(words[-1]) > 3 and words[-1].endswith("s"):
        yield " ".join((*words[:-1], words[-1][:-1]))


def _runs(query: str) -> tuple[list[str], Iterator[tuple[int, int, list[str]]]]:
    """The question's words, and every run of them a name may be: (start, size, words), longest
    first, left to right."""
    tokens = normalise(query[:400]).split()[:40]

    def runs() -> Iterator[tuple[int, int, list[str]]]:
        for size in range(min(MAX_NAME_WORDS, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                run = tokens[start : start + size]
                if size > 1 or (len(run[0]) >= 3 and run[0] not in STOP_WORDS):
                    yield start, size, run

    return tokens, runs()


def names_to_look_up(query: str) -> list[str]:
    """Every name `link` may look up exactly in `query` (read from a server's index at once)."""
    return [v for _start, _size, run in _runs(query)[1] for v in _variants(run)]


def link(
    query: str, scopes: Sequence[NameIndex], spelt: Sequence[NameIndex], known_word: Callable[[str], bool]
) -> list[Linked]:
    """The entries a question names, longest names first ("Khitomer Accords" before "Khitomer"),
    each run of words used once; a misspelt run of unknown words may name one of `spelt` (canon's
    few hundred names: a server's own are reached through typo repair, which reads its index)."""
    tokens, runs = _runs(query)
    taken = [False] * len(tokens)
    found: list[Linked] = []
    for start, size, run in runs:
        if any(taken[start : start + size]):
            continue
        key = next((k for v in _variants(run) for s in scopes if (k := s.exact(v)) is not None), None)
        if key is None and size <= 3 and len(" ".join(run)) >= 5 and not all(map(known_word, run)):
            key = next((near[0] for s in spelt if (near := s.near(" ".join(run), NEAR_NAME))), None)
        if key is not None and key not in {f.key for f in found}:
            taken[start : start + size] = [True] * size
            found.append(Linked(key, tuple(run)))
    return found


_WHERE_SEEN = re.compile(r"\s(?:in|from|during)\s.*$", re.IGNORECASE)


WHOLE_NAME_WORDS = 6  # a longer question is not a name typed alone
# A question opening with one of these is not a name typed alone, nearly or exactly.
QUESTION_WORDS = ("who", "whom", "whose", "what", "when", "where", "why", "how", "which")
ASKING = frozenset((*QUESTION_WORDS, "did", "does", "do", "is", "was", "were", "are", "can", "tell"))


def maybe_a_name(query: str) -> str:
    """The question, normalised, if it may be a name typed alone (nearly): what is looked up
    near a server's names; "" when it cannot be one."""
    words = normalise(query).split()
    if not words or len(query.split()) > WHOLE_NAME_WORDS or words[0] in ASKING:
        return ""
    return " ".join(words)


def whole_name(query: str, scopes: Sequence[NameIndex], cutoff: int) -> str | None:
    """The key of the entry whose name (or alias) the whole question is, typed exactly or nearly."""
    if not maybe_a_name(query):
        return None
    return next(
        (key for s in scopes if (key := s.exact(query) or next(iter(s.near(query, cutoff)), None))), None
    )


def only_names(rest: str, linked: Sequence[Linked]) -> bool:
    """Whether `rest` ("the Khitomer Accords", "Cartwright in Star Trek 6") is nothing but the
    names found in it, and perhaps where the asker saw them."""
    named = {w for one in linked for w in one.words}
    rest = _WHERE_SEEN.sub("", rest)
    left = [w for w in normalise(rest).split() if w not in named and w not in STOP_WORDS]
    return bool(linked) and all(text.stem(w) in GENERIC or w.rstrip("s") in named for w in left)


_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def tokens(sentence: str, question: Question) -> tuple[rules.Token, ...]:
    """Each word of the sentence with the question's concept it stands for ("" for none)."""
    return tuple((word, question.table.get(text.word_stem(word), "")) for word in _TOKEN.findall(sentence))


def statements(
    entries: Sequence[LoreEntry], subjects: set[str], question: Question, asked: Asked
) -> list[rules.Statement]:
    """Every sentence of each entry's summary and body, and the sentence its facts make for what
    is asked, as candidates."""
    out: list[rules.Statement] = []
    for rank, entry in enumerate(entries):
        said = sentences(entry.summary)
        body = [s for p in paragraphs(entry.body) for s in sentences(p)]
        own = entry.key in subjects
        for i, sentence in enumerate(said + body):
            words = tuple(question.mapped(text.sentence_terms(sentence)))
            out.append(rules.Statement(entry.key, sentence, words, rank, own, lead=i == 0))
        made = [rules.compose(entry.title, entry.kind, entry.facts, asked)]
        if asked is Asked.TIME:
            made.append(rules.compose_years(entry.title, entry.kind, entry.facts, *entry.years_span))
        for composed in filter(None, made):
            words = tuple(question.mapped(text.sentence_terms(composed)))
            out.append(rules.Statement(entry.key, composed, words, rank, own, lead=False, composed=True))
    return out


RANKS = rules.TITLES | {"sub", "clone", "son", "of", "the"}  # in a person's name, not theirs alone


def name_words(entries: Sequence[LoreEntry], kind: Kind | None) -> set[str]:
    """The words of the names of people (not their ranks: "Kirk", "Chang"), of places, or (kind
    None) of the entries themselves: an entry's own name is no answer to who or where about it."""
    return {
        word
        for entry in entries
        if kind is None or entry.kind is kind
        for name in (entry.title, *entry.aliases)
        for word in re.split(r"[\s.–-]+", rules.fold(name))
        if len(word) > 2 and word not in RANKS and word not in STOP_WORDS
    }


def short_names(entries: Sequence[LoreEntry], taken: NameIndex) -> NameIndex:
    """A person's first or last name alone ("Kirk", "Picard") where it names nobody else."""
    counts: dict[str, list[str]] = {}
    for entry in entries:
        words = normalise(entry.title).split()
        if entry.kind is Kind.PERSON and len(words) > 1:
            for word in {words[0], words[-1]} - RANKS:
                counts.setdefault(word, []).append(entry.key)
    names = NameIndex()
    names.add_many(
        (keys[0], word, ())
        for word, keys in counts.items()
        if len(keys) == 1 and len(word) > 3 and taken.exact(word) is None
    )
    return names


@dataclass(frozen=True, slots=True)
class Known:
    """What canon knows of names and words, read once: the words of people's and places' names,
    and which English words are too common to tell much."""

    people: set[str]
    places: set[str]
    common: Callable[[str], bool]

    @classmethod
    def of(cls, canon: Sequence[LoreEntry], common: Callable[[str], bool]) -> Known:
        # a place's own name, not the power it belongs to ("Klingon Neutral Zone" -> neutral, zone)
        powers = name_words(canon, Kind.FACTION) | name_words(canon, Kind.SPECIES)
        return cls(name_words(canon, Kind.PERSON), name_words(canon, Kind.PLACE) - powers, common)


def answer(
    query: str,
    asked: Asked,
    question: Question,
    weights: Mapping[str, float],
    linked: Sequence[LoreEntry],
    names: Sequence[Linked],
    ordered: Sequence[LoreEntry],
    known: Known,
) -> Answer | None:
    """The line that answers `query` (which asks for `asked`: rules.asked_of), or None when no
    statement clearly does."""
    rest = rules.identity_rest(query)
    named = {c for one in names for c in text.terms(" ".join(one.words))}
    predicate = [c for c in question.concepts if c not in named and c not in GENERIC]
    if linked and (
        (rest is not None and only_names(rest, names)) or (not predicate and asked is Asked.ANYTHING)
    ):
        asked = Asked.IDENTITY
    if asked is Asked.IDENTITY:  # what the named entry is: its summary's first sentence says it
        subject = linked[0]
        return Answer(next(iter(sentences(subject.summary)), subject.summary), subject)
    pool = list({e.key: e for e in [*linked, *ordered[:ANSWERING]]}.values())
    # A word no entry here holds weighs as much as the rarest one: nothing can say it, so a
    # statement without it answers less than the question asked ("how tall was Gorkon").
    # A common English word ("thing", "big") says little either way.
    rarest = max(weights.values(), default=1.0) or 1.0
    least = min((w for w in weights.values() if w), default=1.0) / 2
    weights = {c: weights.get(c) or (least if known.common(c) else rarest) for c in question.concepts}
    typed = {rules.fold(w) for w in re.findall(r"[\w'’]+", query)}
    choice = rules.choose(
        statements(pool, {e.key for e in linked}, question, asked),
        asked,
        predicate,
        sorted(named & set(question.concepts)),
        weights,
        typed | {w for one in names for w in one.words} | name_words(linked, None),
        known.people | name_words(pool, Kind.PERSON),
        known.places | name_words(pool, Kind.PLACE),
        [frozenset(question.mapped(text.terms(" ".join(one.words)))) for one in names],
        lambda sentence: tokens(sentence, question),
    )
    if choice is None:
        return None
    entry = next(e for e in pool if e.key == choice.statement.key)
    return Answer(choice.statement.text, entry)
