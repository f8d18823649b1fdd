"""Whose doing a thing was, answered from the entries' facts: "who was behind the Pegasus
incident" by the incident's `by` ("…was the work of Captain Erik Pressman…"), "who ran the Tal
Shiar" by the one person whose `leader_of` names it. The question must name the thing and
nothing more; a body that many led ("who led the Klingon Empire") is left to the sentences.
Read by bot/services/lore_question.py."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..domain import lore_answer as rules
from ..domain.lore import Kind, LoreEntry
from ..domain.lore_query import STOP_WORDS
from ..domain.lore_responsible import Responsible, bodies_led, led, responsible_asked
from ..domain.references import normalise
from .lore_names import Linked

# "Gorkon's assassination", "gorkons assassination" (the apostrophe is often left out); a plain
# plural turned round ("incident of pegasu") names no entry, so it finds nothing
_OWNED = re.compile(r"(?:the\s+)?([\w' -]+?)(?:['’]s?|s)\s+([\w -]+)", re.I)


def responsible_answer(
    query: str,
    names: Sequence[Linked],
    linked: Sequence[LoreEntry],
    pool: Sequence[LoreEntry],
    leaders: Mapping[str, tuple[LoreEntry, ...]],
) -> tuple[str, LoreEntry] | None:
    """The line saying whose doing the thing the question names was, and its entry; None when
    the question asks something else, names more than the thing, or no fact says it."""
    if (asked := responsible_asked(query)) is None:
        return None
    wanted, thing = asked
    entry = _thing_named(thing, names, [*linked, *pool])
    if entry is None or entry.kind in {Kind.PERSON, Kind.SPECIES}:
        return None
    if wanted is Responsible.WORK and entry.kind is Kind.SHIP:  # its builder or its captain? unsaid
        return None
    if wanted is Responsible.WORK:
        made = rules.compose_agents(entry.title, entry.kind, entry.facts) if entry.facts.get("by") else []
        return (made[0], entry) if made else None
    own = {name: entry.key for name in map(normalise, (entry.title, *entry.aliases)) if name}
    heads = [p for p in pool if bodies_led(p, own)]  # a server's, or canon's
    people = list({p.key: p for p in [*leaders.get(entry.key, ()), *heads]}.values())
    if len(people) != 1:
        return None
    return led(people[0].title, str(people[0].facts.get("leader_of"))), people[0]


def _thing_named(thing: str, names: Sequence[Linked], pool: Sequence[LoreEntry]) -> LoreEntry | None:
    """The entry `thing` names with nothing else but little words ("the Tal Shiar"), linked by
    its name, or an entry of `pool` named so with "of" turned round ("Gorkon's assassination")."""
    wanted = {w for w in normalise(thing).split() if w not in STOP_WORDS}
    by_key = {e.key: e for e in pool}
    for one in names:
        said = {w for run in one.runs for w in run}
        if one.key in by_key and wanted and wanted <= said:
            return by_key[one.key]
    if owned := _OWNED.fullmatch(thing.strip()):
        turned = normalise(f"{owned.group(2)} of {owned.group(1)}")
        return next((e for e in pool if turned in map(normalise, (e.title, *e.aliases))), None)
    return None
