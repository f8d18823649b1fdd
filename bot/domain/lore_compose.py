"""A sentence composed from an entry's facts, for a question no sentence of the entry answers
better: "The Khitomer Accords were signed in 2293 at Camp Khitomer." Read by
bot/domain/lore_answer.py (pure: no I/O).
"""

from __future__ import annotations

import re

from .lore import Kind
from .lore_facts import Asked, Facts

_THE_KINDS = {Kind.EVENT, Kind.TREATY, Kind.BATTLE, Kind.FACTION, Kind.TECHNOLOGY}
_PRESENT_KINDS = {Kind.PLACE, Kind.SPECIES, Kind.FACTION, Kind.TECHNOLOGY}


_REGISTERED = re.compile(r"(?:USS|IKS|IRW|RRW|ISS|ECS|SS) ")


def called(title: str, kind: Kind, facts: Facts) -> str:
    """How a sentence names the entry: its `called` fact, else "the" before an event, treaty,
    battle, faction or piece of technology ("the Dominion War", "the Bat'leth") or a ship named with
    its prefix ("the USS Callisto"), else its title."""
    if (name := facts.get("called")) is not None:
        return str(name)
    if kind in _THE_KINDS and not title.lower().startswith(("the ", "operation ")):
        return "the " + title
    if kind is Kind.SHIP and _REGISTERED.match(title):  # "the IKS Hegh'mar", "the USS Callisto"
        return "the " + title
    return title


def plural(title: str) -> bool:
    """ "Khitomer Accords", "Remans": plural; "Praxis", "Remus", "Qo'noS", "Battle at the Binary
    Stars", "Klingon withdrawal from the Khitomer Accords": not."""
    head = re.split(r"\s(?:of|at|on|in|for|from)\s", title, maxsplit=1)[0].split()
    last = head[-1] if head else ""
    return last.endswith("s") and not last.lower().endswith(("ss", "us", "is", "os", "'s"))


def _list(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def compose(title: str, kind: Kind, facts: Facts, wanted: Asked) -> str | None:
    """One sentence from the facts that answer `wanted`, or None when none does."""
    name = called(title, kind, facts)
    many = plural(title)
    be = ("are" if many else "is") if kind in _PRESENT_KINDS else ("were" if many else "was")
    was = "were" if many else "was"
    get = facts.get
    said: str | None = None
    if wanted is Asked.IDENTITY and get("role"):
        said = f"{name} {be} {get('role')}" + (f", leader of {get('leader_of')}" if get("leader_of") else "")
    elif wanted is Asked.TIME:
        if get("signed") is not None:
            said = f"{name} {was} signed in {get('signed')}" + (f" at {get('place')}" if get("place") else "")
        elif get("born") is not None and get("died") is not None:
            said = f"{name} was born in {get('born')} and died in {get('died')}"
        elif get("born") is not None:
            said = f"{name} was born in {get('born')}"
        elif get("died") is not None:
            said = f"{name} died in {get('died')}"
    elif wanted is Asked.PLACE:
        if get("location"):
            said = f"{name} {be} {get('location')}"
        elif get("place"):
            verb = f"{was} signed" if kind is Kind.TREATY else "took place"
            said = f"{name} {verb} at {get('place')}"
    elif wanted is Asked.AGENT:  # the first fact of who did it
        return next(iter(compose_agents(title, kind, facts)), None)
    elif wanted is Asked.REASON and get("cause"):  # a treaty's making is its signing ("why did
        # the Klingons sign the Khitomer Accords")
        said = (
            f"{name} {was} signed because {get('cause')}"
            if kind is Kind.TREATY
            else f"{name} came about because {get('cause')}"
        )
    return None if said is None else _sentence(said)


def _sentence(said: str) -> str:
    said = said.rstrip(".")
    return said[0].upper() + said[1:] + "."


def compose_agents(title: str, kind: Kind, facts: Facts) -> list[str]:
    """A sentence for each fact that says who did it (`by`, signatories, commander): the deed a
    question asks picks which answers ("who commanded": the commander)."""
    name, was = called(title, kind, facts), "were" if plural(title) else "was"
    made: list[str] = []
    if facts.get("by"):
        made.append(f"{name} {was} the work of {facts.get('by')}")
    if facts.get("signatories"):
        made.append(f"{name} {was} signed by {_list(facts.get('signatories'))}")
    if facts.get("commander"):
        made.append(f"{name} {was} commanded by {facts.get('commander')}")
    return [_sentence(said) for said in made]


def compose_years(title: str, kind: Kind, facts: Facts, start: int | None, end: int | None) -> str | None:
    """When an event, battle, war or treaty happened, or when a faction was about, from the
    entry's own years."""
    if kind not in {Kind.EVENT, Kind.BATTLE, Kind.TREATY, Kind.FACTION} or start is None:
        return None
    name = called(title, kind, facts)
    if end is None or end == start:
        said = (
            f"{name} took place in {start}"
            if kind in {Kind.EVENT, Kind.BATTLE}
            else f"{name} dates from {start}"
        )
    elif kind is Kind.FACTION:
        said = f"{name} {'were' if plural(title) else 'was'} active from {start} to {end}"
    else:
        said = f"{name} began in {start} and ended in {end}"
    return _sentence(said)
