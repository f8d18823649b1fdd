"""Whether a candidate statement holds the names a question gives: the named entry's own
statement the rarer other names, another entry's the rarest. Read by bot/domain/lore_answer.py
(pure: no I/O)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lore_answer import Statement


def others_held(
    statement: Statement, subjects: Sequence[frozenset[str]], words: set[str], weights: Mapping[str, float]
) -> bool:
    """Whether a named entry's own statement holds the other names the question gives, the
    rarer ones at least (a great power is named everywhere, and often left unsaid)."""
    if not statement.subject or not statement.names:
        return True
    own = sum(weights.get(c, 1.0) for c in statement.names) / max(len(statement.names), 1)
    return all(
        one <= words
        for one in subjects
        if one and not one <= statement.names and min(weights.get(c, 1.0) for c in one) >= own
    )


def rarest_held(subjects: Sequence[frozenset[str]], words: set[str], weights: Mapping[str, float]) -> bool:
    """Whether another entry's statement (or its title) holds the rarest name the question gives
    ("why did Damar turn against the Dominion": Damar, not only the Dominion, named everywhere)."""
    rarest = max(subjects, key=lambda one: min((weights.get(c, 1.0) for c in one), default=0.0))
    return rarest <= words
