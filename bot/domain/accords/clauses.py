"""The typed terms of clauses, declared once.

Some clauses must say more than their words for objectives to be scored on them: what is
transferred, from which power, to which. Each term is declared here, with the clauses that need
it; checking a tabled article, storing it, scoring it, showing it, the slash-command options and
the scenario files all follow this table. A new term is a line in TERMS (and the objectives in
data/ that use it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ..errors import InvalidInput
from .model import Clause, Terms


class TermKind(StrEnum):
    TEXT = "text"  # free words: an objective's word must appear in them
    POWER = "power"  # one of the article's parties: an objective names it exactly


@dataclass(frozen=True, slots=True)
class Term:
    name: str  # as stored, as the scenario files and the slash-command option name it
    label: str  # as players read it on an article
    question: str  # what the option asks
    kind: TermKind
    clauses: tuple[Clause, ...]  # the clauses that must state it
    max_length: int = 100


TERMS: tuple[Term, ...] = (
    Term(
        "subject",
        "What",
        "What is transferred, ceded or banned",
        TermKind.TEXT,
        (Clause.TECHNOLOGY_TRANSFER, Clause.TERRITORY, Clause.WEAPONS_BAN, Clause.NEUTRAL_ZONE),
    ),
    Term(
        "giver",
        "From",
        "From which power",
        TermKind.POWER,
        (Clause.TECHNOLOGY_TRANSFER, Clause.TERRITORY),
        60,
    ),
    Term(
        "receiver", "To", "To which power", TermKind.POWER, (Clause.TECHNOLOGY_TRANSFER, Clause.TERRITORY), 60
    ),
)


def term(name: str) -> Term:
    """A term by name (read from TERMS each time, so the table is the one place to change)."""
    return next(t for t in TERMS if t.name == name)


def needed_by(clause: Clause) -> tuple[Term, ...]:
    return tuple(term for term in TERMS if clause in term.clauses)


def option_description(term: Term) -> str:
    """The slash option's description: the question and the clauses that need the answer."""
    return f"{term.question} ({', '.join(c.value for c in term.clauses)})"[:100]


def checked_terms(clause: Clause, given: Mapping[str, str], parties: tuple[str, ...]) -> Terms:
    """The terms of an article, checked: every term its clause needs and none it does not use,
    power terms among its parties and naming different powers."""
    values = {
        term.name: " ".join(str(given.get(term.name) or "").split())[: term.max_length] for term in TERMS
    }
    unknown = set(given) - {term.name for term in TERMS}
    if unknown:
        raise InvalidInput(f"Unknown terms: {', '.join(sorted(unknown))}.")
    needed = needed_by(clause)
    extra = [t.name for t in TERMS if values[t.name] and t not in needed]
    if extra:
        takes = f"takes only {', '.join(t.name for t in needed)}" if needed else "takes no terms"
        raise InvalidInput(f"A {clause.value} article {takes}: leave out {', '.join(extra)}.")
    missing = [
        f"{term.question.lower()} (the {term.name} option)" for term in needed if not values[term.name]
    ]
    if missing:
        said = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
        raise InvalidInput(f"A {clause.value} article must say {said}.")
    powers = [values[t.name] for t in TERMS if t.kind is TermKind.POWER and values[t.name]]
    for term in TERMS:
        if term.kind is TermKind.POWER and values[term.name] and values[term.name] not in parties:
            raise InvalidInput(f"The {term.name} must be one of the article's parties: {', '.join(parties)}.")
    if len(set(powers)) < len(powers):
        raise InvalidInput("A power cannot give to itself.")
    return tuple((term.name, values[term.name]) for term in TERMS if values[term.name])


def term_fits(name: str, wanted: str, actual: str) -> bool:
    """An objective's term against an article's: a power exactly, words by mention."""
    if term(name).kind is TermKind.POWER:
        return actual == wanted
    return wanted.casefold() in actual.casefold()
