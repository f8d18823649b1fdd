"""The last resort of a "why" asked of two or more named things that no sentence answers in the
question's own words ("why was Korrd stuck on Nimbus III": no sentence says "stuck"): a sentence
that names them all and says what the first of them did "because" of something ("Korrd served on
Nimbus III because the High Council had sent him there"). Only "because": "after", "to" or
"fearing" give a cause of whatever the sentence tells, which may be another deed. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .lore_answer import YEAR, Statement
from .lore_causes import Token, fold
from .lore_doers import TITLES

# Words a sentence may open with before its subject ("In 2373 Dukat…", "Captain Pressman…").
_OPENING = frozenset("the a an in on by during later then".split()) | TITLES  # noqa: SIM905


def because_of(
    statements: Sequence[Statement],
    named: Sequence[frozenset[str]],
    predicate: set[str],
    tokens: Callable[[str], Sequence[Token]],
) -> Statement | None:
    """The first statement (the named entries' own first, then in the results' order) holding
    every one of `named` (each named thing's concepts, the first named first in the question),
    opening with the first named, as what did the deed ("The House of Duras backed the Romulans
    because…" says nothing of why the Romulans armed the Duras), then "because". Of the
    question's own words (`predicate`) it must hold those that another statement naming them all
    holds ("invade": the lore says it of them, so a sentence without it tells another deed), and
    not after "because" only (they are the cause's then)."""
    if len(named) < 2:
        return None
    naming = [one for one in statements if not one.composed and all(run <= set(one.words) for run in named)]
    said = {concept for one in naming for concept in one.words if concept in predicate}
    for statement in sorted(naming, key=lambda one: (not one.subject, one.rank)):
        if not said <= set(statement.words):
            continue
        found = tokens(statement.text)
        cause = next((i for i, (word, _) in enumerate(found) if fold(word) == "because"), None)
        if (
            cause is not None
            and _opens_with(found[:cause], named[0])
            and not _only_after(found, cause, predicate)
        ):
            return statement
    return None


def _opens_with(told: Sequence[Token], first: frozenset[str]) -> bool:
    """Whether the words before a cause open with the first named, as its subject."""
    for word, concept in told:
        if concept in first:
            return True
        if fold(word) not in _OPENING and not YEAR.fullmatch(word):
            return False
    return False


def _only_after(found: Sequence[Token], cause: int, predicate: set[str]) -> bool:
    """Whether the question's own words are held after the cause only ("…because the Federation
    Council condemned his invasion of Cardassia" for "what made Gowron invade Cardassia")."""
    before = {concept for _, concept in found[:cause]}
    after = {concept for _, concept in found[cause:]}
    return bool(predicate & after) and not predicate & before
