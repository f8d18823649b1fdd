"""Treaties as a server sees them: the canon ones from data/ plus its own ratified accords."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..content.treaties import canon_treaties, content_hash
from ..domain import search as fts
from ..domain.errors import InvalidInput
from ..domain.numerals import from_roman, to_roman
from ..domain.references import (
    Selection,
    normalise,
    parse_articles,
    parse_reference,
    resolve_treaty,
    select_articles,
)
from ..domain.treaties import Article, Treaty, quote_command
from ..storage import Database, accords, treaty_index

MAX_QUERY = 200


@dataclass(frozen=True, slots=True)
class Quote:
    treaty: Treaty
    selection: Selection
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class SearchHit:
    treaty: Treaty
    article: Article
    snippet: str


class TreatyService:
    def __init__(self, db: Database, canon: Sequence[Treaty] | None = None) -> None:
        self.db = db
        self.canon = tuple(canon if canon is not None else canon_treaties())

    async def start(self) -> bool:
        """Bring the search index up to date with data/; True when it had to be rebuilt."""
        return await treaty_index.sync_canon(self.db, self.canon, content_hash(self.canon))

    async def catalog(self, guild_id: int | None) -> list[Treaty]:
        """Canon treaties, then this server's accords (one query)."""
        return [*self.canon, *await accords.accords_in(self.db, guild_id)]

    async def find(self, guild_id: int | None, name: str) -> Treaty:
        return resolve_treaty(name, await self.catalog(guild_id))

    async def quote(self, guild_id: int | None, treaty_name: str, articles: str | None) -> Quote:
        """`("Khitomer Accords", "II-IV")`, or a whole reference in one: `("Khitomer, Art. III", None)`."""
        catalog = await self.catalog(guild_id)
        if articles is None or not articles.strip():
            treaty, selection = parse_reference(treaty_name, catalog)
        else:
            treaty, selection = resolve_treaty(treaty_name, catalog), parse_articles(articles)
        return Quote(treaty, selection, select_articles(treaty, selection))

    async def search(self, guild_id: int | None, query: str) -> list[SearchHit]:
        """Articles ranked for the words of `query`: all words if any match, else any word."""
        words = fts.terms(query[: MAX_QUERY * 5])
        if not words:
            raise InvalidInput("Search for a word or two, like `embassy` or `cloaking`.")
        hits = await treaty_index.search(self.db, guild_id, words)
        if not hits and len(words) > 1:
            hits = await treaty_index.search(self.db, guild_id, words, every=False)
        by_key = {t.key: t for t in await self.catalog(guild_id)}
        found = []
        for hit in hits:
            treaty = by_key.get(hit.treaty_key)
            article = treaty.article(hit.number) if treaty else None
            if treaty is not None and article is not None:
                found.append(SearchHit(treaty, article, hit.snippet))
        return found


_ARTICLE = re.compile(r"\b(?:article|clause|art\.|art(?=\s))\s*([ivxlcdm]{1,6}|\d{1,3})\b", re.IGNORECASE)


def article_asked(question: str) -> int | None:
    """The article a question names ("article III", "art. 2"), if any."""
    found = _ARTICLE.search(question)
    if found is None:
        return None
    return int(found.group(1)) if found.group(1).isdigit() else from_roman(found.group(1).upper())


def treaty_named(treaties: Sequence[Treaty], question: str) -> Treaty | None:
    """The treaty or accord a question names, by the longest name or alias in it."""
    asked = f" {normalise(question)} "
    named = [
        (len(name), treaty)
        for treaty in treaties
        for name in (normalise(treaty.name), *(normalise(a) for a in treaty.aliases))
        if name and f" {name} " in asked
    ]
    return max(named, key=lambda pair: pair[0])[1] if named else None


def no_such_article(treaty: Treaty, number: int) -> str:
    return f"{treaty.name} has {treaty.article_span}: there is no Article {to_roman(number)}."


def quote_for_question(treaties: Sequence[Treaty], question: str) -> str | None:
    """ "What does article III of the Khitomer Accords say?": the /treaty quote that answers,
    when the question names an article and one treaty (by name or alias) that has it."""
    number = article_asked(question)
    treaty = treaty_named(treaties, question) if number is not None else None
    if treaty is None or number is None:
        return None
    if treaty.article(number) is None:  # said plainly: no quote can answer it
        return no_such_article(treaty, number)
    return f"The treaty's own words: `{quote_command(treaty, number)}`"


def suggest_treaties(treaties: Sequence[Treaty], typed: str, limit: int = 25) -> list[Treaty]:
    """Autocomplete: prefix matches first, then words inside names, then near spellings."""
    wanted = normalise(typed)
    if not wanted:
        return list(treaties[:limit])

    def names(t: Treaty) -> list[str]:
        return [normalise(t.name), *(normalise(a) for a in t.aliases), t.key]

    def rank(t: Treaty) -> float:
        candidates = names(t)
        if any(n.startswith(wanted) for n in candidates):
            return 0.0
        if any(wanted in n for n in candidates):
            return 1.0
        best = max(difflib.SequenceMatcher(None, wanted, n[: len(wanted) + 2]).ratio() for n in candidates)
        return 2.0 - best if best >= 0.6 else 9.0

    ranked = sorted((rank(t), i, t) for i, t in enumerate(treaties))
    return [t for score, _, t in ranked if score < 9.0][:limit]
