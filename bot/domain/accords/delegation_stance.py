"""A power's temperament as its delegation plays it (data/delegations.toml), and how it weighs
an article and an accord: the judgement behind every move of delegation.py.

The rules, in the order they are applied to an article that binds the delegation's power:
1. it fits one of the power's avoided objectives (scoring.fits): oppose;
2. it fits one of its wanted objectives: support, whoever else it binds;
3. it binds the power beside one it is hostile to (-2): oppose, naming that power;
4. it makes the power give (technology, territory) to any but an ally (+2): oppose;
5. otherwise it binds the power harmlessly: support.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from . import clauses
from .model import Article, Clause
from .scenario import Objective
from .scoring import fits

HOSTILE = -2  # a power it will not be bound beside
FRIENDLY = 1  # a power it binds to the articles it tables
ALLY = 2  # a power it gives technology or territory to, unasked by its objectives

# The kinds of line a delegation says, and the placeholders each kind's sentences may use.
KINDS: dict[str, tuple[str, ...]] = {
    "support": ("power", "article", "clause", "author"),
    "oppose": ("power", "article", "clause", "author"),
    "oppose_enemy": ("power", "article", "clause", "author", "other"),
    "table": ("power", "article", "clause"),
    "sign": ("power",),
    "refuse": ("power",),
    "withdraw": ("power", "other"),
}
# The placeholders of the text of an article a delegation tables: its parties, and the terms its
# clause states (clauses.TERMS).
PLACEHOLDERS_OF_ARTICLES: dict[Clause, frozenset[str]] = {
    clause: frozenset({"parties", *(t.name for t in clauses.needed_by(clause))}) for clause in Clause
}


@dataclass(frozen=True, slots=True)
class Stance:
    """One power's temperament, from data/delegations.toml."""

    power: str
    towards: Mapping[str, int]  # other power -> -2 (hostile) .. +2 (friendly); missing = 0
    withdraws: bool = False  # may withdraw from a conference it is not bound by, when hostile to the accord
    lines: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # KINDS -> sentences
    proposes: tuple[Clause, ...] = ()  # what it tables when no objective of its own guides it
    articles: Mapping[Clause, str] = field(default_factory=dict)  # the text it tables, by clause
    subjects: Mapping[Clause, str] = field(default_factory=dict)  # what it names where a clause asks

    def feeling(self, other: str) -> int:
        return self.towards.get(other, 0)


@dataclass(frozen=True, slots=True)
class Verdict:
    support: bool
    kind: str  # the kind of line that says why (KINDS)
    other: str = ""  # the power the reason is about


def judge(article: Article, power: str, mine: Sequence[Objective], stance: Stance) -> Verdict:
    """How `power` answers an article that binds it (the rules in this module's docstring)."""
    if any(not o.wants and fits(o, article) for o in mine):
        return Verdict(False, "oppose")
    if any(o.wants and fits(o, article) for o in mine):
        return Verdict(True, "support")
    enemy = next((p for p in article.parties if p != power and stance.feeling(p) <= HOSTILE), "")
    if enemy:
        return Verdict(False, "oppose_enemy", enemy)
    receiver = article.term("receiver")
    if article.term("giver") == power and stance.feeling(receiver) < ALLY:
        return Verdict(False, "oppose", receiver)
    return Verdict(True, "support")


def accepts(agreed: Sequence[Article], power: str, mine: Sequence[Objective], stance: Stance) -> bool:
    """Whether `power` signs an accord that binds it: never one holding an article its objectives
    forbid; otherwise when it meets one of its wanted objectives, or binds it harmlessly (every
    article binding it is one it would support)."""
    if any(not o.wants and fits(o, a) for o in mine for a in agreed):
        return False
    if any(o.wants and fits(o, a) for o in mine for a in agreed):
        return True
    return all(judge(a, power, mine, stance).support for a in agreed if power in a.parties)


def grievance(agreed: Sequence[Article], power: str, mine: Sequence[Objective], stance: Stance) -> str:
    """The power an accord that does not bind `power` offends it through, or "": an article that
    defeats one of its avoided objectives (named by the party it likes least), or one binding a
    power it is hostile to with another."""
    for article in agreed:
        if any(not o.wants and fits(o, article) for o in mine):
            return min(article.parties, key=stance.feeling)
    for article in agreed:
        enemy = next((p for p in article.parties if stance.feeling(p) <= HOSTILE), "")
        if enemy and len(article.parties) > 1:
            return enemy
    return ""
