"""Words the accords game's messages share: what an article is called, how a conference ended,
and what a delegation that left the conference reads as."""

from __future__ import annotations

from ..domain.accords import Article, Phase
from ..domain.accords.headings import heading
from .text import plain

LEFT = "left the conference"  # a power /accord depart took from the table (not a record withdrawal)
# The end of a conference as its lobby card says it, once the game is over.
ENDINGS = {
    Phase.RATIFIED: "the accord was ratified",
    Phase.FAILED: "no accord was ratified",
    Phase.ABANDONED: "the conference was abandoned",
}


def named(article: Article) -> str:
    """What an article is called beside its number: its clause, or a free text's opening words."""
    return plain(heading(article.clause, article.text))
