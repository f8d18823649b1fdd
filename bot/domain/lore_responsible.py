"""Who was behind a thing, and who led a body, asked in a player's words ("who was the brains
behind the Pegasus incident", "who ran the Obsidian Order"): read here, answered from the
entries' facts (a thing's `by`, a person's `leader_of`) by bot/services/lore_responsible.py.
Pure: the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum

from .lore import Kind, LoreEntry
from .references import normalise

_THE_ONE = (
    r"(?:the\s+(?:one|ones|person|people|man|woman|guy|brains|mastermind|architect|real\s+power|"
    r"(?:driving\s+)?force|hand)\s+)?"
)
_HOW_SURE = r"(?:(?:really|actually|secretly|truly|ultimately|originally)\s+)?"
_THING = r"\s+(?P<thing>.+?)[\s?.!]*$"
# "who was behind…", "who's responsible for…", "who was the mastermind behind…"
_BEHIND = re.compile(
    rf"^\W*who(?:['’]?s|\s+(?:was|were|is|are))\s+{_HOW_SURE}{_THE_ONE}"
    rf"(?:behind|responsible\s+for|to\s+blame\s+for|at\s+the\s+bottom\s+of){_THING}",
    re.I,
)
# "who masterminded…": a deed that only says whose work the thing was
_MADE = re.compile(
    rf"^\W*who\s+{_HOW_SURE}(?:masterminded|orchestrated|engineered|organi[sz]ed|instigated|"
    rf"carried\s+out|was\s+in\s+on){_THING}",
    re.I,
)
# "who led…", "who ran…", "who was the head of…", "who was in charge of…"
_LED = re.compile(
    r"^\W*who\s+(?:(?:was|is|were)\s+(?:the\s+)?(?:head|leader|boss|chief|director|chairman|chair)\s+of"
    rf"|(?:was|is)\s+in\s+charge\s+of|led|leads|ran|runs|headed|heads){_THING}",
    re.I,
)


class Responsible(Enum):
    WORK = "work"  # whose work a thing was: its `by` fact
    LEADER = "leader"  # who led a body: the person whose `leader_of` names it


def responsible_asked(question: str) -> tuple[Responsible, str] | None:
    """What a question asks of whose doing a thing was, and the thing as typed ("the Pegasus
    incident"), or None when it asks something else."""
    if found := _BEHIND.match(question) or _MADE.match(question):
        return Responsible.WORK, found.group("thing")
    if found := _LED.match(question):
        return Responsible.LEADER, found.group("thing")
    return None


def led(person: str, body: str) -> str:
    """The line a person's `leader_of` fact makes: "Koval led the Tal Shiar." """
    said = f"{person} led {body.strip().rstrip('.')}"
    return said[0].upper() + said[1:] + "."


_HEAD = re.compile(r",|\s(?:under|as|with|before|until|from|in|after|during|for)\s", re.I)


def leaders_of(entries: Iterable[LoreEntry]) -> dict[str, tuple[LoreEntry, ...]]:
    """Each body a person's `leader_of` fact names first ("the Cardassian Union under the
    Dominion": the Union), by its title or an alias, -> the people who led it. A
    people is no body ("the Klingon people, whom he united")."""
    entries = list(entries)
    names = {name: e.key for e in entries if e.kind not in {Kind.PERSON, Kind.SPECIES}
             for name in map(normalise, (e.title, *e.aliases)) if name}  # fmt: skip
    led_by: dict[str, list[LoreEntry]] = {}
    for person in entries:
        for key in bodies_led(person, names):
            led_by.setdefault(key, []).append(person)
    return {key: tuple(people) for key, people in led_by.items()}


def bodies_led(person: LoreEntry, names: Mapping[str, str]) -> list[str]:
    """The keys of `names` (normalised name -> key) that a person's `leader_of` names first."""
    body = person.facts.get("leader_of") if person.kind is Kind.PERSON else None
    return names_in(_HEAD.split(str(body), maxsplit=1)[0], names) if body else []


def names_in(said: str, names: Mapping[str, str]) -> list[str]:
    """The keys of `names` (normalised name -> key) named in `said` as whole words, longest names
    first, each word read once ("Romulan Star Empire" is not also "the Empire")."""
    padded = f" {normalise(said)} "
    found: list[str] = []
    for name in sorted(names, key=len, reverse=True):
        if f" {name} " in padded:
            found.append(names[name])
            padded = padded.replace(f" {name} ", " | ")
    return list(dict.fromkeys(found))
