"""A treaty of the lore that tells its articles in prose, as servers write them: "It has three
articles. The first sets up joint patrols… The second divides salvage…". Asked "what does article 2
of the Vantrel Accord say" or "the second article", the line is the sentence telling that article.
The treaties of the corpus and the server's accords are read before (bot/services/lore_articles.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..domain.lore import Kind, LoreEntry
from ..domain.numerals import to_roman
from ..domain.treaty_asked import ORDINALS, article_asked
from .lore_reading import entry_sentences


def prose_article(query: str, linked: Sequence[LoreEntry]) -> tuple[str, LoreEntry] | None:
    """The sentence of a treaty the question names that tells the article asked, with its entry."""
    number = article_asked(query)
    if number is None or not 0 < number <= len(ORDINALS):
        return None
    opening = re.compile(
        rf"(?:The\s+{ORDINALS[number - 1]}\b|Article\s+(?:{number}|{to_roman(number)})\b)", re.IGNORECASE
    )
    for entry in (one for one in linked if one.kind is Kind.TREATY):
        for sentence in entry_sentences(entry):
            if opening.match(sentence):
                return sentence, entry
    return None
