"""Typo repair for lore questions: only a word that is neither English nor held by any entry a
server can see is repaired. One letter off (changed, added, dropped, or two swapped) is repaired at
once ("Gowran" -> Gowron); more is a guess, offered as "Did you mean …?" and searched only when the
member asks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..storage import Database
from . import lore_search as engine
from . import lore_text as text
from .english import is_english
from .lazy import OSA

SURE_EDITS = 1  # letters changed, added, dropped or swapped for a repair made without asking
# Words players clip that no dictionary of ours holds, and the lore writes whole: read as the
# whole word, not repaired to a near one ("tech" is no "teach"). Only when no entry holds the
# clipped word itself (a server's "Tech Bay 5" keeps it).
CLIPPED = {
    "tech": "technology",
    "techs": "technology",
    "comms": "communications",
    "sats": "satellites",
    "mag": "magnetic",
}


@dataclass(frozen=True, slots=True)
class Repairs:
    made: dict[str, str] = field(default_factory=dict)  # term -> the word searched instead
    guessed: dict[str, str] = field(default_factory=dict)  # term -> the word offered


async def plan(
    db: Database,
    scopes: Sequence[int],
    query: str,
    terms: Sequence[str],
    held: set[str],
    named: Callable[[str], bool] = lambda _word: False,
) -> Repairs:
    """What to repair in `query`: each term no entry holds whose word is not English. `named`:
    whether a word is of a name of the lore (as near as a word, "spok" is Spock, not spoke)."""
    repairs = Repairs()
    for term in terms:
        if term in held:
            continue
        typed = next((w for w in text.words(query) if text.stem(w) == term), term)
        if is_english(typed):
            continue
        near = CLIPPED.get(typed.casefold()) or await engine.repair(db, scopes, typed, named)
        if near is None:
            continue
        sure = typed.casefold() in CLIPPED or OSA.distance(typed.casefold(), near) <= SURE_EDITS
        (repairs.made if sure else repairs.guessed)[term] = near
    return repairs


def as_typed(query: str, corrected: dict[str, str]) -> dict[str, str]:
    """Each correction keyed by the word as the member typed it, in their case."""
    shown: dict[str, str] = {}
    for written in query.split():
        found = text.words(written)
        if found and (repair := corrected.get(text.stem(found[0]))) is not None:
            shown[written.strip(".,;:!?\"'")] = repair.capitalize() if written[:1].isupper() else repair
    return shown


def rewritten(query: str, corrected: dict[str, str]) -> str:
    """The question with each repaired word written as repaired (for reading its names)."""
    for typed, repair in as_typed(query, corrected).items():
        query = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", repair, query)
    return query
