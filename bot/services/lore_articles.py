"""Questions about a treaty's articles, answered from the treaties and the server's accords:
"What does Article II of the Khitomer Accords say", "what did the Treaty of Algeron ban". The
treaty and the article a question names are read as /treaty quote reads them
(bot/services/treaties.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..domain import lore_answer as rules
from ..domain.lore_facts import Asked
from ..domain.numerals import to_roman
from ..domain.treaties import Treaty
from . import lore_text as text
from .lore_question import GENERIC, Answer
from .lore_search import Question
from .treaties import article_asked, no_such_article, treaty_named

_TREATY_WORDS = re.compile(r"\b(treaty|treaties|accords?|pact|alliance|agreement|armistice)\b", re.IGNORECASE)


def _asks_articles(query: str) -> bool:
    """Whether the question names an article or a verb of what treaties do ("forbid", "say")."""
    return rules.asked_of(query) is Asked.ARTICLE or rules.TREATY_VERBS.search(query) is not None


def about_articles(query: str) -> bool:
    """A question that may be about a treaty's articles: only then are the accords read."""
    return _asks_articles(query) or _TREATY_WORDS.search(query) is not None


def article_answer(treaties: Sequence[Treaty], query: str, question: Question) -> Answer | None:
    """ "What does Article II of the Khitomer Accords say", "what did the Treaty of Algeron ban":
    the article, quoted; None when the question names no treaty or no article fits. Without an
    article or a verb of what treaties do, an article must hold two of the question's words."""
    about = _asks_articles(query)
    if not about and _TREATY_WORDS.search(query) is None:
        return None
    treaty = treaty_named(treaties, query)
    if treaty is None or not treaty.articles:
        return None
    number = article_asked(query)
    if number is not None:
        article = treaty.article(number)
        if article is None:  # said plainly: no quote can answer it
            return Answer(no_such_article(treaty, number), None, treaty)
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
