"""The names a lore question holds: every entry it names (longest names first, typo-tolerant
for canon's), whether it is a name typed alone, whether the rest of an identity question is only
names, and what canon knows of people's and places' names. Read by bot/services/lore_question.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from ..domain import lore_answer as rules
from ..domain.lore import Kind, LoreEntry
from ..domain.lore_query import STOP_WORDS, YEAR
from ..domain.lore_responsible import leaders_of
from ..domain.lore_shapes import ship_words
from ..domain.numerals import to_roman
from ..domain.references import normalise
from . import english
from . import lore_text as text
from .name_index import NameIndex

MAX_NAME_WORDS = 8  # the longest name looked for in a question ("Battle of Klach D'kel Brakt")
NEAR_NAME = 88  # a misspelt name this close (0-100) to a known one is that name
# Words that ask about the thing itself, not about something related to it ("what happened at
# Praxis" is answered by what Praxis is): our own list, as analysed stems.
GENERIC = frozenset(
    text.stem(w)
    for w in """happen happened story history about known famous role important significance matter
    like do did whole deal info information thing stuff called name named exactly really basically
    big go went kind type sort guy dude fellow person character job purpose function""".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class Linked:
    key: str
    words: tuple[str, ...]  # the name's words as the question has them (normalised)
    more: tuple[tuple[str, ...], ...] = ()  # other runs naming it too ("james", then "kirk")

    @property
    def runs(self) -> tuple[tuple[str, ...], ...]:
        """Each run of the question's words that names the entry."""
        return (self.words[: len(self.words) - sum(map(len, self.more))], *self.more)


_DESIGNATION = re.compile(r"[a-z][0-9]{1,3}")  # a letter and a figure: "D7", "B4", "K7"


def _variants(words: Sequence[str]) -> Iterator[str]:
    """A run of the question's words as a name may be written: itself, then without a plural
    or possessive "s" on its last word ("Romulans'", "Gorkons" -> "gorkon"), or with one where
    the name is plural ("the founder" -> "Founders"); a number last as a Roman one ("nelvana 3")."""
    yield " ".join(words)
    if _DESIGNATION.fullmatch(words[-1]):  # "k7": "K-7" is written with a hyphen
        yield " ".join((*words[:-1], words[-1][0], words[-1][1:]))
    if len(words) > 1 and words[-1].isdecimal() and 0 < int(words[-1]) < 40:  # not "❶": int() refuses it
        yield " ".join((*words[:-1], to_roman(int(words[-1])).casefold()))
    if len(words[-1]) > 3 and words[-1].endswith("s"):
        yield " ".join((*words[:-1], words[-1][:-1]))
    elif len(words[-1]) > 3 and words[-1][-1].isalpha():
        yield " ".join(words) + "s"


def _runs(query: str) -> tuple[list[str], Iterator[tuple[int, int, list[str]]]]:
    """The question's words, and every run of them a name may be: (start, size, words), longest
    first, left to right."""
    tokens = normalise(query[:400]).split()[:40]

    def runs() -> Iterator[tuple[int, int, list[str]]]:
        for size in range(min(MAX_NAME_WORDS, len(tokens)), 0, -1):
            for start in range(len(tokens) - size + 1):
                run = tokens[start : start + size]
                if (
                    size > 1
                    or (len(run[0]) >= 3 and run[0] not in STOP_WORDS)
                    or _DESIGNATION.fullmatch(run[0])
                ):
                    yield start, size, run

    return tokens, runs()


def names_to_look_up(query: str) -> list[str]:
    """Every name `link` may look up exactly in `query` (read from a server's index at once)."""
    return [v for _start, _size, run in _runs(query)[1] for v in _variants(run)]


def link(
    query: str, scopes: Sequence[NameIndex], spelt: Sequence[NameIndex], known_word: Callable[[str], bool]
) -> list[Linked]:
    """The entries a question names, longest names first ("Khitomer Accords" before "Khitomer"),
    each run of words used once (an entry named twice is linked once, with both runs); a misspelt
    run of unknown words may name one of `spelt` (canon's few hundred names: a server's own are
    reached through typo repair, which reads its index)."""
    tokens, runs = _runs(query)
    taken = [False] * len(tokens)
    found: list[Linked] = []
    for start, size, run in runs:
        if any(taken[start : start + size]):
            continue
        key = next((k for v in _variants(run) for s in scopes if (k := s.exact(v)) is not None), None)
        if (
            key is None
            and size <= 3
            and len(" ".join(run)) >= 5
            and not all(map(known_word, run))
            and (
                run[0] not in STOP_WORDS and run[-1] not in STOP_WORDS  # "on khitomer conspiracy" is no name
            )
        ):
            key = next((near[0] for s in spelt if (near := s.near(" ".join(run), NEAR_NAME))), None)
        if key is None:
            continue
        taken[start : start + size] = [True] * size
        at = next((i for i, one in enumerate(found) if one.key == key), None)
        if at is None:
            found.append(Linked(key, tuple(run)))
        else:  # "james kirk": both runs name Kirk, and neither is what is asked about him
            found[at] = Linked(key, (*found[at].words, *run), (*found[at].more, tuple(run)))
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
    seen = _WHERE_SEEN.search(rest)  # "in Star Trek 6", unless it names an entry too
    if seen and not named & set(normalise(seen.group()).split()):
        rest = rest[: seen.start()]
    words = normalise(rest).split()
    left = [w for w in words if w not in named and w not in STOP_WORDS]
    # "the romulan in on the khitomer conspiracy": words between two names relate them, and the
    # question asks about someone else ("Sela the Romulan" only says which Sela).
    inner = [w for w in words[_first(words, named) : _last(words, named)] if w not in named]
    return (
        bool(linked)
        and all(w in APPOSITION for w in inner)
        and all(text.stem(w) in GENERIC or w.rstrip("s") in named for w in left)
    )


APPOSITION = frozenset({"the", "a", "an", "of"})


def _first(words: Sequence[str], named: set[str]) -> int:
    return next((i for i, w in enumerate(words) if w in named), 0)


def _last(words: Sequence[str], named: set[str]) -> int:
    return next((len(words) - i for i, w in enumerate(reversed(words)) if w in named), 0)


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


_BODIES = frozenset(
    "syndicate union empire alliance republic collective consortium league front order".split()  # noqa: SIM905
)


def shortened(title: str, kind: Kind) -> list[str]:
    """A server person's, ship's or faction's name as players shorten it: without its rank or
    prefix ("torvak", "heghmar"), a person's family name ("okonkwo hale", "tsael"), a faction's
    of three words or more without the kind of body it is ("red talon"); never a common English
    word alone ("Captain Hope" is not "hope")."""
    if kind is Kind.FACTION:  # "the Red Talons": the name without what kind of body it is
        words = normalise(title).split()
        return [" ".join(words[:-1])] if len(words) > 2 and words[-1] in _BODIES else []
    if kind not in {Kind.PERSON, Kind.SHIP}:
        return []
    whole = normalise(title).split()
    words = list(whole)
    while words and words[0] in RANKS:
        words.pop(0)
    out = [" ".join(words)] if words and len(words) < len(whole) else []
    if kind is Kind.PERSON and len(words) > 1:
        out.append(" ".join(words[1:]))
    return [n for n in out if len(n.replace(" ", "")) > 3 and not (" " not in n and english.is_english(n))]


_EVENTS = frozenset((Kind.EVENT, Kind.BATTLE, Kind.TREATY))  # where a cause between two is told


@dataclass(frozen=True, slots=True)
class Known:
    """What canon knows of names and words, read once: the words of people's and places' names,
    and which English words are too common to tell much."""

    people: set[str]
    places: set[str]
    common: Callable[[str], bool]
    groups: set[str] = field(default_factory=set)  # peoples that act as one: Organians, Founders
    ships: set[str] = field(default_factory=set)  # words naming one ship: "rotarran", not "class"
    years: Counter[int] = field(default_factory=Counter)  # how often canon names each year
    leaders: dict[str, tuple[LoreEntry, ...]] = field(default_factory=dict)  # a body -> who led it
    events: dict[str, tuple[LoreEntry, ...]] = field(default_factory=dict)  # an entry -> events it links

    def between(self, keys: Sequence[str]) -> list[LoreEntry]:
        """The canon events, battles and treaties linked with every one of `keys` (either way):
        "the Romulans" and "the Duras family" meet in the Klingon Civil War."""
        if len(keys) < 2:
            return []
        shared = set.intersection(*({e.key for e in self.events.get(key, ())} for key in keys))
        return [e for e in self.events.get(keys[0], ()) if e.key in shared and e.key not in keys]

    def names_a_word(self, word: str) -> bool:
        """Whether `word` (lower case) is a word of a canon person's, place's or people's name."""
        return word in self.people or word in self.places or word in self.groups

    def may_name_a_person(self, word: str) -> bool:
        """Whether `word` (lower case) is a word of a canon person's name, or may be one of a
        server's: no English word ("callisto" is one), nor any canon place's, people's or ship's
        ("okonkwo"), nor a possessive ("chang's ship" is no person)."""
        return word in self.people or not (
            english.is_english(word)
            or word.endswith(("'s", "’s", "s'"))
            or word in self.places
            or word in self.groups
            or word in self.ships
        )

    @classmethod
    def of(cls, canon: Sequence[LoreEntry], common: Callable[[str], bool]) -> Known:
        # a place's own name, not the power it belongs to ("Klingon Neutral Zone" -> neutral, zone)
        powers = name_words(canon, Kind.FACTION) | name_words(canon, Kind.SPECIES)
        # "the Organians stopped the war" names who did it; "Klingon" in a sentence seldom does
        peoples = name_words(canon, Kind.SPECIES)
        groups = {w for w in peoples if not ({w, w.rstrip("s")} & rules.POWERS) and not common(w)}
        # … but a place named by one word is that place, whoever else bears it ("born on Vulcan")
        whole = {rules.fold(e.title) for e in canon if e.kind is Kind.PLACE and " " not in e.title.strip()}
        places = (name_words(canon, Kind.PLACE) - powers) | whole
        ships = ship_words(name_words(canon, Kind.SHIP)) - powers - places
        years = Counter(int(y) for e in canon for y in YEAR.findall(f"{e.summary} {e.body}"))
        by_key = {e.key: e for e in canon}
        events: dict[str, dict[str, LoreEntry]] = {}
        for entry in canon:
            for key in entry.related:
                if key in by_key and entry.kind in _EVENTS:
                    events.setdefault(key, {})[entry.key] = entry
                if key in by_key and by_key[key].kind in _EVENTS:
                    events.setdefault(entry.key, {})[key] = by_key[key]
        linked = {key: tuple(found.values()) for key, found in events.items()}
        people = name_words(canon, Kind.PERSON)
        return cls(people, places, common, groups, ships, years, leaders_of(canon), linked)
