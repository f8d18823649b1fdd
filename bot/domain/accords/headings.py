"""What names an article beside its number, wherever it is read (cards, the board, the draft, the
minutes, the accord quoted with /treaty): its clause, or for a free-text article, whose clause
says nothing about it, the opening words of its text."""

from __future__ import annotations

from .model import Clause

HEADING_CHARS = 48  # a free-text article's heading at most, with its "…"
_TRAILING = " .,;:!?-–—"


def heading(clause: Clause, text: str) -> str:
    """`clause`'s name ("non-aggression"), or for free text the start of `text`, cut at a word:
    "Each power keeps an envoy aboard the station…". Free text of no words is "free text"."""
    if clause is not Clause.FREE_TEXT:
        return clause.value
    words = " ".join(text.split())
    if len(words) <= HEADING_CHARS:
        return words.rstrip(_TRAILING) or clause.value
    cut = words[: HEADING_CHARS - 1]
    if words[HEADING_CHARS - 1] != " " and " " in cut:  # the limit falls inside a word: drop it
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(_TRAILING) + "…"


def title(clause: Clause, text: str) -> str:
    """The heading as an accord's article title: "Non-aggression", "Each power keeps…"."""
    named = heading(clause, text)
    return named[:1].upper() + named[1:]
