"""Which of the entries a question of names alone asks about ("was vreenak tal shiar", "kirk
veridian iii", "picard's enterprise-d"): of those no other name qualifies, the one whose own first
sentence speaks of the others, else the one named first. Read by bot/services/lore_question.py."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..domain.lore import Kind, LoreEntry
from ..domain.lore_query import sentences
from ..domain.references import normalise
from . import lore_text as text
from .accords import power_aliases
from .lore_names import Linked


def subject_of_names(query: str, names: Sequence[Linked], linked: Sequence[LoreEntry]) -> LoreEntry:
    """Of the entries a question names (`linked`, non-empty), the one it asks about. Not a name
    qualifying another: an owner ("picard's enterprise-d": the ship), a great power beside what is
    not one ("klingon worf", "tal shiar romulans", "klingon empire qonos"), a name after "of" or "with"
    ("worf of the house of mogh"). Of the others, one whose summary's first sentence names every
    other ("was vreenak tal shiar": Vreenak, "a Romulan senator and Tal Shiar vice-chairman"; "kirk
    veridian iii": Veridian III, "where James T. Kirk died"), the one named first."""
    tokens = normalise(query[:400]).split()
    runs = {one.key: one.runs[0] for one in names}
    said = {one.key: frozenset(text.terms(" ".join(one.words))) for one in names}
    spans = {}
    for key, run in runs.items():
        at = next((i for i in range(len(tokens)) if tuple(tokens[i : i + len(run)]) == run), len(tokens))
        spans[key] = (at, at + len(run))

    def power(entry: LoreEntry) -> bool:
        run = runs.get(entry.key, ())
        return entry.title in _powers() or (len(run) == 1 and _POWER.fullmatch(run[0]) is not None)

    def first_sentence(entry: LoreEntry) -> str:
        return next(iter(sentences(entry.summary)), entry.summary)

    def qualifies(entry: LoreEntry) -> bool:
        run, (at, end) = runs.get(entry.key, ()), spans.get(entry.key, (len(tokens), len(tokens)))
        owned = next((e for e in linked if spans.get(e.key, (-1, -1))[0] == end), None)  # what follows
        owner = (
            owned is not None
            and bool(run)
            and run[-1].endswith("s")
            and _owns(run[-1][:-1], query)
            # … a ship its own: "picard's enterprise-d", not "t'sael's warbird" (a class naming no owner)
            and (
                owned.kind is not Kind.SHIP
                or said.get(entry.key, frozenset()) <= set(text.terms(first_sentence(owned)))
            )
        )
        yields = power(entry) and not all(power(other) for other in linked)
        return owner or yields or not {"of", "with"}.isdisjoint(tokens[max(0, at - 2) : at])

    def speaks_of_the_others(entry: LoreEntry) -> bool:
        first = first_sentence(entry)
        words, typed = set(text.terms(first)), f" {normalise(first)} "
        return all(
            said.get(other.key, frozenset()) <= words
            # a name told apart by a letter or figure is said with it: "enterprise a", not "Enterprise"
            and (
                all(len(w) > 2 for w in runs.get(other.key, ())) or f" {' '.join(runs[other.key])} " in typed
            )
            for other in linked
            if other.key != entry.key
        )

    heads = [e for e in linked if not qualifies(e)] or list(linked)
    return min([e for e in heads if speaks_of_the_others(e)] or heads, key=lambda e: spans.get(e.key, (0, 0)))


# A great power as a people is typed ("klingon", "romulans", "federation picard"); not Starfleet
_POWER = re.compile(
    r"(?:klingon|romulan|cardassian|vulcan|bajoran|reman|human|ferengi|federation|dominion)s?"
)


@cache
def _powers() -> frozenset[str]:
    """The great powers' names: data/powers.toml's, and the Dominion."""
    return frozenset({*power_aliases(), "Dominion"})


def _owns(word: str, query: str) -> bool:
    """Whether `word` is typed as an owner in the question ("picard's")."""
    return re.search(rf"\b{re.escape(word)}['’]s\b", query, re.I) is not None
