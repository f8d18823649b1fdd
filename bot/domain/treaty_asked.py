"""What a question names of the treaties: an article ("article III", "art. 2") and a treaty or
accord, by name or alias. Read by /treaty quote's offer in lore answers and by the answers from
the articles (bot/services/lore_articles.py). Pure: no I/O."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .numerals import from_roman
from .references import normalise
from .treaties import Treaty

_ARTICLE = re.compile(r"\b(?:article|clause|art\.|art(?=\s))\s*([ivxlcdm]{1,6}|\d{1,3})\b", re.IGNORECASE)


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ORDINAL = re.compile(rf"\b({'|'.join(ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:article|clause)\b", re.I)


def without_ordinal(question: str) -> str:
    """The question without the ordinal of an article it asks for ("the second article of the
    Vantrel Accord": "second" names no Second Khitomer Accords)."""
    return _ORDINAL.sub("article", question)


def article_asked(question: str) -> int | None:
    """The article a question names ("article III", "art. 2", "the second article", "the 2nd
    clause"), if any."""
    found = _ARTICLE.search(question)
    if found is not None:
        return int(found.group(1)) if found.group(1).isdigit() else from_roman(found.group(1).upper())
    found = _ORDINAL.search(question)
    if found is None:
        return None
    said = found.group(1).casefold()
    return int(said[:-2]) if said[0].isdecimal() else ORDINALS.index(said) + 1


_POSSESSIVE = re.compile(r"(?<=[a-z]{4})s$")


def _names(treaty: Treaty) -> list[str]:
    """The treaty's name and aliases, normalised."""
    return [n for n in (normalise(treaty.name), *(normalise(a) for a in treaty.aliases)) if n]


def _names_at(treaties: Sequence[Treaty], asked: str) -> list[tuple[int, int, Treaty]]:
    """Where in `asked` (normalised, spaced at both ends) each treaty's name or alias is."""
    return [
        (at, at + len(name), treaty)
        for treaty in treaties
        for name in _names(treaty)
        if (at := asked.find(f" {name} ")) >= 0
    ]


def treaty_named(treaties: Sequence[Treaty], question: str) -> Treaty | None:
    """The treaty or accord a question names, by the longest name or alias in it; of two names
    overlapping, the one begun first ("the 2nd Khitomer Accords" names the second, by its alias
    "2nd Khitomer", not the first by its longer name)."""
    typed = normalise(question)
    named = _names_at(treaties, f" {typed} ")
    if not named:  # "khitomers annexes": a possessive typed without its apostrophe
        named = _names_at(treaties, " " + " ".join(_POSSESSIVE.sub("", w) for w in typed.split()) + " ")
    alone = [
        (start, end, treaty)
        for start, end, treaty in named
        if not any(s < start < e or (s == start and e > end) for s, e, _ in named)
    ]
    return max(alone, key=lambda one: one[1] - one[0])[2] if alone else None


def names_around(treaty: Treaty, names: Sequence[tuple[str, str]]) -> list[str]:
    """The longer names of other entries a question names that hold the treaty's (`names`: each
    entry's key and its name as typed): "second khitomer conference" holds the Second Khitomer
    Accords' alias "second khitomer"; its own words ask nothing of the treaty's articles."""
    itself = normalise(treaty.name).replace(" ", "-")  # its own entry's key: "treaty-of-armens"
    return [
        name
        for key, name in names
        if key != itself
        and any(f" {own} " in f" {normalise(name)} " and normalise(name) != own for own in _names(treaty))
    ]


_TIMES = ("after", "before", "since", "until", "till", "following")


def named_as_a_time(treaty: Treaty, question: str) -> bool:
    """Whether the question names the treaty only to say when ("what became of the Klingon
    Neutral Zone after Khitomer"): every time it is named, "after", "before" or the like comes
    right before it (or before "the" and it)."""
    asked = f" {normalise(question)} "
    places = [m.start() for name in _names(treaty) for m in re.finditer(rf"(?= {re.escape(name)} )", asked)]
    return bool(places) and all(_after_a_time(asked[:at].split()) for at in places)


def _after_a_time(before: list[str]) -> bool:
    if before[-1:] == ["the"]:
        before = before[:-1]
    return bool(before) and before[-1] in _TIMES
