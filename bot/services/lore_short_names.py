"""Canon's shortened names, kept in memory: a person's first or last name alone, a ship's title
without its registry, a longer name's initials. Read by bot/services/lore.py through
bot/services/lore_question.py."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..domain.lore import Kind, LoreEntry
from ..domain.references import normalise
from .lore_names import RANKS
from .name_index import NameIndex

_DISAMBIGUATED = re.compile(r"^(.+?)\s*\([^()]*\)$")  # "USS Enterprise (NCC-1701)"


def short_names(entries: Sequence[LoreEntry], taken: NameIndex) -> NameIndex:
    """A person's first or last name alone ("Kirk", "Picard"), and a ship's title without the
    registry that tells it from a namesake ("USS Enterprise" of "USS Enterprise (NCC-1701)": the
    -A and its sisters carry their letter), and the initials of a longer name ("RNZ"), each where
    it names nobody else and is no word canon uses. Not other titles: "Federation–Klingon War
    (2256–2257)" is one of three wars."""
    counts: dict[str, list[str]] = {}
    letters: dict[str, list[str]] = {}
    said: set[str] = set()  # canon's words, which initials may not take from it
    for entry in entries:
        words = normalise(entry.title).split()
        bare = _DISAMBIGUATED.match(entry.title)
        if entry.kind is Kind.PERSON and len(words) > 1:
            for word in {words[0], words[-1]} - RANKS:
                counts.setdefault(word, []).append(entry.key)
        if entry.kind is Kind.SHIP and bare:
            counts.setdefault(normalise(bare.group(1)), []).append(entry.key)
        if entry.kind not in {Kind.PERSON, Kind.SHIP} and len(initials := _initials(entry.title)) >= 3:
            # "Federation–Klingon War (2256–2257)" tells its "fkw" from another's
            letters.setdefault(initials, []).extend([entry.key] * (2 if bare else 1))
        said.update(normalise(" ".join((entry.title, *entry.aliases, entry.summary))).split())
    names = NameIndex()
    names.add_many(
        (keys[0], name, ())
        for name, keys in counts.items()
        if len(keys) == 1 and len(name) > 3 and taken.exact(name) is None
    )
    # initials that are a word of canon's names or summaries would take that word from them (the
    # English word list is not read here: this runs on the event loop, before it is loaded)
    names.add_many(
        (keys[0], name, ())
        for name, keys in letters.items()
        if len(keys) == 1 and taken.exact(name) is None and name not in said
    )
    return names


def _initials(title: str) -> str:
    """ "Romulan Neutral Zone": "rnz", as players shorten a name of three words or more (the
    little words and figures left out)."""
    title = bare.group(1) if (bare := _DISAMBIGUATED.match(title)) else title
    words = [w for w in normalise(title).split() if w not in {"of", "the", "and", "at", "on", "in"}]
    return "".join(w[0] for w in words if w[0].isalpha()) if len(words) >= 3 else ""
