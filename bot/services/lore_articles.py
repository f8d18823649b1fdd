"""Questions about a treaty's articles, answered from the treaties and the server's accords:
"What does Article II of the Khitomer Accords say", "what did the Treaty of Algeron ban"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..domain import lore_answer as rules
from ..domain.lore_facts import Asked
from ..domain.numerals import from_roman, to_roman
from ..domain.references import normalise
from ..domain.treaties import Treaty
from . import lore_text as text
from .lore_question import GENERIC, Answer
from .lore_search import Question

_NUMBER = re.compile(r"\b(?:article|art\.?|clause)\s*([ivxlc]{1,6}|[0-9]{1,3})\b", re.IGNORECASE)


def treaty_named(treaties: Sequence[Treaty], query: str) -> Treaty | None:
    """The treaty or accord a question names, by its longest name or alias in the question."""
    asked = f" {normalise(query)} "
    named = [
        (len(name), treaty)
        for treaty in treaties
        for name in (normalise(treaty.name), *(normalise(a) for a in treaty.aliases))
        if name and f" {name} " in asked
    ]
    return max(named, key=lambda pair: pair[0])[1] if named else None


_TREATY_WORDS = re.compile(r"\b(treaty|treaties|accords?|pact|alliance|agreement|armistice)\b", re.IGNORECASE)


def about_articles(query: str) -> bool:
    """A question that may be about a treaty's articles: only then are the accords read."""
    return (
        rules.asked_of(query) is Asked.ARTICLE
        or rules.TREATY_VERBS.search(query) is not None
        or _TREATY_WORDS.search(query) is not None
    )


def article_answer(treaties: Sequence[Treaty], query: str, question: Question) -> Answer | None:
    """ "What does Article II of the Khitomer Accords say", "what did the Treaty of Algeron ban":
    the article, quoted; None when the question names no treaty or no article fits. Without an
    article or a verb of what treaties do, an article must hold two of the question's words."""
    if not about_articles(query):
        return None
    about = rules.asked_of(query) is Asked.ARTICLE or rules.TREATY_VERBS.search(query) is not None
    treaty = treaty_named(treaties, query)
    if treaty is None or not treaty.articles:
        return None
    number = _NUMBER.search(query)
    if number is not None:
        digits = number.group(1)
        asked = int(digits) if digits.isdigit() else from_roman(digits.upper()) or 0
        article = treaty.article(asked)
        if article is None:  # said plainly: no quote can answer it
            return Answer(f"{treaty.name} has {treaty.article_span}: there is no Article {to_roman(asked)}.",
                          None, treaty)  # fmt: skip
    else:
        own = set(text.terms(" ".join((treaty.name, *treaty.aliases))))
        wanted = [c for c in question.concepts if c not in own and c not in GENERIC]
        scored = [
            (len(set(question.mapped(text.terms(f"{a.title}. {a.text}"))) & set(wanted)), -a.number, a)
            for a in treaty.articles
        ]
        best = max(scored, key=lambda item: item[:2], default=None)
        article = best[2] if best is not None and best[0] >= (1 if about else 2) else None
    if article is None:
        return None
    line = f"Article {to_roman(article.number)} ({article.title}): {article.text}"
    return Answer(line, None, treaty, article)
