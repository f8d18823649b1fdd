"""How the answer line reads words in a question and a sentence beyond their stems: a year the
question gives that an entry's years hold, and a hyphenated word of another tongue ("Sto-vo-kor")
that holds no name ("Kor"). Read by bot/services/lore_question.py."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from . import english
from . import lore_text as text
from .lore_names import Linked

_YEAR = re.compile(r"([12][0-9]{3})(s?)")


def dated(concepts: Sequence[str], start: int | None, end: int | None) -> tuple[str, ...]:
    """The years (or decades: "2360s") the question gives that fall within an entry's years: a
    sentence composed from its facts tells of that time ("why did the Borg come in 2373")."""
    if start is None:
        return ()
    out = []
    for concept in concepts:
        if found := _YEAR.fullmatch(concept):
            year, decade = int(found.group(1)), bool(found.group(2))
            last = year + 9 if decade else year
            if year <= (end if end is not None else start) and start <= last:
                out.append(concept)
    return tuple(out)


_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)+")


def _foreign(parts: Sequence[str], named: set[str]) -> bool:
    """Whether a hyphenated word is one word of another tongue ("Sto-vo-kor"), not English
    words or names joined ("half-human", "Klingon-Romulan")."""
    return any(part not in named and not english.is_english(part) for part in parts)


@lru_cache(maxsize=4096)
def foreign_joined(sentence: str) -> str:
    """The sentence with each hyphenated word of another tongue written as one ("Stovokor"
    holds no Kor): a part in small letters that is no English word says it is one."""

    def joined(found: re.Match[str]) -> str:
        parts = found.group(0).split("-")
        odd = any(p[:1].islower() and not english.is_english(p) for p in parts)
        return "".join(parts) if odd else found.group(0)

    return _COMPOUND.sub(joined, sentence)


def whole_names(query: str, names: Sequence[Linked]) -> list[Linked]:
    """The names the question gives as whole words: "kor" inside "Sto-vo-kor" (a word whose other
    parts are neither names nor English) names no Kor; "Klingon-Romulan" names both."""
    named = {w for one in names for w in one.words}
    foreign: set[str] = set()
    for compound in _COMPOUND.findall(query):
        if _foreign(parts := text.words(compound), named):
            foreign.update(parts)
    if not foreign:
        return list(names)
    alone = set(text.words(_COMPOUND.sub(" ", query)))
    return [one for one in names if not set(one.words) <= foreign - alone]
