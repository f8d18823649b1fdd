"""What the lore cannot answer because it does not know what is asked about: a ship or a name no
entry holds ("when was the USS Stargazer lost", "when did the Kazon first meet Starfleet"), or a
deed asked of whom no entry says in any words ("who ran comms on the Enterprise"). Read by
bot/services/lore_question.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ..domain import lore_answer as rules
from ..domain.lore_doers import TITLES
from ..domain.lore_phrases import ONE_WORDS
from ..domain.lore_query import STOP_WORDS
from ..domain.references import normalise
from . import english
from . import lore_text as text
from .lore_names import Linked
from .lore_search import Question

_SHIPS_NAMED = re.compile(r"\b(?:uss|iks|irw|rrw)\s+([a-z][\w'’-]*)", re.I)  # the name after a ship's prefix


def _unknown_name(word: str, weights: Mapping[str, float]) -> bool:
    """A word no entry holds that is no English word either: a name the lore does not know."""
    return (
        len(word) >= 4
        and word not in STOP_WORDS
        and not weights.get(text.stem(word))
        and not english.is_english(word)
    )


def _unknown_ship(ship: str, linked: set[str], weights: Mapping[str, float]) -> bool:
    """Whether a ship named after its prefix is one no entry names: not linked, and a word of its
    name no entry holds ("USS Stargazer"; the Titan, in Riker's entry, is known)."""
    words = text.words(ship)
    return not set(words) <= linked and any(len(w) > 1 and not weights.get(text.stem(w)) for w in words)


def asks_of_the_unknown(query: str, names: Sequence[Linked], weights: Mapping[str, float]) -> bool:
    """Whether the question names a ship or a name no entry holds (`weights`: each concept's
    rarity where some entry holds it); a name misspelt but linked ("tomalack") is known."""
    linked_words = {w for one in names for w in text.words(" ".join(one.words))}
    if any(_unknown_ship(ship, linked_words, weights) for ship in _SHIPS_NAMED.findall(query)):
        return True
    return any(_unknown_name(w, weights) for w in text.words(query) if w not in linked_words)


def deed_unsaid(
    predicate: Sequence[str], weights: Mapping[str, float], asked: Question, common: Callable[[str], bool]
) -> bool:
    """Whether a word of a who-did question's predicate is held by no entry, nor has a synonym
    that may be ("mastermind": a plot), nor is too common to matter, nor says what a phrase of
    slang did ("snitched on": expose): none can say who did it."""
    return any(
        not (weights.get(c) or common(c) or c in _PHRASED or asked.variants.get(c, {c: 1.0}).keys() - {c})
        for c in predicate
    )


_PHRASED = frozenset(text.stem(word) for word in ONE_WORDS)  # what the phrases of slang say


_ARTICLES = frozenset(("the", "a", "an"))


def name_alone(rest: str) -> bool:
    """Whether `rest` ("Bochra", "the spy that…") is a name alone, of three words at most."""
    words = [w for w in re.findall(r"[\w'’-]+", rest) if w.casefold() not in _ARTICLES]
    return 0 < len(words) <= 3 and not any(w.casefold() in STOP_WORDS for w in words)


_WHERE = re.compile(r"\s+(?:on|at|in|aboard|from)\s+", re.I)


def unnamed_rest(rest: str, names: Sequence[Linked]) -> str | None:
    """Of "who was X", the X no entry bears, when the question names no entry, or names some
    only after it, where X was, and X is a name, no English word ("who was martia on rura
    penthe": martia; not "who was the prosecutor at Kirk's trial"); else None."""
    if not names:
        return rest
    head, *where = _WHERE.split(rest, maxsplit=1)
    tail = set(normalise(where[0]).split()) if where else set()
    named = {word for one in names for word in one.words}
    said = [word for word in normalise(head).split() if word not in _ARTICLES]
    a_name = bool(said) and not any(english.is_english(word) or word in STOP_WORDS for word in said)
    return head if a_name and tail and named <= tail and not named & set(said) else None


def described(found: Sequence[rules.Statement], name: str) -> list[rules.Statement]:
    """The statements saying what `name`, which no entry bears, is (see `defines`): by a rank
    only where none says more ("…with a Romulan survivor, Bochra" names others too). Asked with
    where they were ("who was Martia on Rura Penthe"), only that entry's own lines: "Burke and
    Samno, the two crewmen who…" (Valeris's) says nothing of Samno aboard Kronos One."""
    where = {one.key for one in found if one.subject}
    found = [one for one in found if one.key in where] if where else found
    return [one for one in found if defines(one.text, name)] or [
        one for one in found if defines(one.text, name, by_rank=True)
    ]


_RANKS = sorted(TITLES - {"uss", "iks", "irw"})
_LINKING = "of|the|and|to|for|by|about|with|from|against"  # words no description of a name holds


def defines(sentence: str, rest: str, by_rank: bool = False) -> bool:
    """Whether the sentence says what `rest` is, a name no entry bears ("who is Odo": "Odo was…",
    "Odo, a Changeling…", "the Changeling Odo"; not "one of Odo's own people"), or `by_rank`,
    asked where no line does, by a rank before it ("Senator Tal'aura"); a rank asked is no name.
    Of a name alone: "what was T'Kuvma after" asks more than what he was."""
    if not name_alone(rest):
        return True
    words = [w for w in re.findall(r"[\w'’-]+", rest) if w.casefold() not in _ARTICLES]
    while len(words) > 1 and words[0].casefold() in _RANKS:  # "who was senator tal'aura": Tal'aura
        words = words[1:]
    name = r"\b" + r"\s+".join(map(re.escape, words)) + r"\b"
    # "the Klingon agent Arne Darvin", not "the Emissary of the Prophets" nor "the truth about Ja'rod's"
    described = rf"\b(?:the|a|an)\s+(?:(?!(?:{_LINKING})\b)[\w-]+\s+){{1,4}}{name}(?!['’]s\b)"
    # … and set off after its description: "a Romulan survivor, Bochra, and…", "Duras's own father, Ja'rod."
    opened = r"(?:\b(?:a|an)|[\w-]+['’]s)\s+"
    set_off = rf"{opened}(?:(?!(?:{_LINKING})\b)[\w-]+\s+){{0,3}}[\w-]+,\s+{name}\s*(?:,|\.|$)"
    if by_rank:  # "Senator Tal'aura left…" says she was a senator, where no line says more; a first
        # name may come between ("who was harriman": "Captain John Harriman")
        ranked = rf"\b(?:{'|'.join(_RANKS)})\s+(?-i:[A-Z][\w'’.-]*\s+)?{name}(?!['’]s\b)"
        return re.search(ranked, sentence, re.I) is not None
    # … or followed by it: "Odo, a Changeling", "David Marcus, Kirk's son,"
    said = (
        rf"{name}(?:\s+(?:is|was|are|were)\b|,\s+(?:a|an|the|who|which|[\w-]+['’]s)\b)|{described}|{set_off}"
    )
    return re.search(said, sentence, re.I) is not None
