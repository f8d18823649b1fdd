"""Treaties as a server sees them: the canon ones from data/ plus its own ratified accords."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from ..content.treaties import canon_treaties, content_hash
from ..domain import search as fts
from ..domain.errors import InvalidInput, NotFound
from ..domain.numerals import to_roman
from ..domain.references import (
    Selection,
    normalise,
    parse_articles,
    parse_reference,
    resolve_treaty,
    select_articles,
)
from ..domain.treaties import Article, Treaty, quote_command
from ..domain.treaty_asked import article_asked, treaty_named
from ..storage import Database, accord_index, accord_reads, treaty_index
from ..storage.accords import accord_id_of
from .treaty_names import CanonNames, decided_plainly, names_tried, phrases

MAX_QUERY = 200
NAMES_SHOWN = 10  # resolve_treaty names the first ten treaties when it finds none
NEAR = 8  # names read either side of a misspelt one, forwards and backwards


@dataclass(frozen=True, slots=True)
class Quote:
    """The articles quoted. For a server's accord, `treaty` carries only those articles: the
    others are not read."""

    treaty: Treaty
    selection: Selection
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class SearchHit:
    treaty: Treaty
    article: Article
    snippet: str


class TreatyService:
    """The canon treaties (in memory) and a server's accords, read by key: a quote reads the
    accord it names and the articles it shows, never the server's other accords."""

    def __init__(self, db: Database, canon: Sequence[Treaty] | None = None) -> None:
        self.db = db
        self.canon = tuple(canon if canon is not None else canon_treaties())
        self._canon_keys = {t.key: t for t in self.canon}
        self._canon_named = CanonNames(self._canon_keys).named

    async def start(self) -> bool:
        """Bring the search index up to date with data/; True when it had to be rebuilt. Accords
        stored before their names were indexed get them now (once)."""
        await accord_index.ensure_names(self.db)
        return await treaty_index.sync_canon(self.db, self.canon, content_hash(self.canon))

    async def _among(self, guild_id: int | None, names: Sequence[str], near: int = NEAR) -> list[Treaty]:
        """The canon, then the accords (oldest first, without articles) `names` may mean, and
        the first few a "no such treaty" answer lists: what resolve_treaty needs to answer as
        it would among all of them."""
        if guild_id is None:
            return list(self.canon)
        found = await accord_reads.candidates(
            self.db,
            guild_id,
            [normalise(n) for n in names],
            near=near,
            first=max(0, NAMES_SHOWN - len(self.canon)),
        )
        return [*self.canon, *found]

    async def _resolve(self, guild_id: int | None, name: str) -> Treaty:
        """resolve_treaty among the server's treaties: a canon treaty's own name answers at once;
        then among the exact names and prefixes alone; the names beside a misspelt one are read
        only when those do not settle it."""
        if (canon := self._canon_named(name)) is not None:
            return canon
        among = await self._among(guild_id, [name], near=0)
        if guild_id is None or decided_plainly(name, among):
            return resolve_treaty(name, among)
        return resolve_treaty(name, await self._among(guild_id, [name]))

    async def _whole(self, guild_id: int | None, treaty: Treaty) -> Treaty:
        """A treaty with all its articles (an accord found by name carries none yet)."""
        accord_id = accord_id_of(treaty.key) if treaty.is_accord else None
        if accord_id is None or guild_id is None:
            return treaty
        found = await accord_reads.quoted(self.db, guild_id, accord_id, None)
        if found is None:
            raise NotFound("That treaty is not available here any more.")
        return found

    async def by_key(self, guild_id: int | None, key: str) -> Treaty | None:
        """A canon treaty or this server's accord by its key, whole; None if there is none."""
        if (canon := self._canon_keys.get(key)) is not None:
            return canon
        accord_id = accord_id_of(key)
        if accord_id is None or guild_id is None:
            return None
        return await accord_reads.quoted(self.db, guild_id, accord_id, None)

    async def find(self, guild_id: int | None, name: str) -> Treaty:
        if (keyed := await self.by_key(guild_id, name.strip())) is not None:
            return keyed
        return await self._whole(guild_id, await self._resolve(guild_id, name))

    async def contents(self, guild_id: int | None, name: str) -> Treaty:
        """A treaty with its articles' numbers and titles (an accord's texts are not read)."""
        key = name.strip()
        if (canon := self._canon_keys.get(key)) is not None:
            return canon
        accord_id = accord_id_of(key)
        outline = await accord_reads.outline(self.db, guild_id, accord_id) if accord_id and guild_id else None
        if outline is not None:
            return outline
        treaty = await self._resolve(guild_id, name)
        accord_id = accord_id_of(treaty.key) if treaty.is_accord else None
        if accord_id is None or guild_id is None:
            return treaty
        return await accord_reads.outline(self.db, guild_id, accord_id) or treaty

    async def quote(self, guild_id: int | None, treaty_name: str, articles: str | None) -> Quote:
        """`("Khitomer Accords", "II-IV")`, or a whole reference in one: `("Khitomer, Art. III", None)`."""
        spec = articles if articles is not None and articles.strip() else None
        key = treaty_name.strip()
        if key in self._canon_keys or (accord_id_of(key) is not None and guild_id is not None):
            try:  # the key autocomplete gives: that treaty, read by it
                keyed = await self.quote_key(guild_id, key, spec or "all")
            except InvalidInput:
                if await self.by_key(guild_id, key) is not None:
                    raise
                keyed = None  # no such key here: read as a name, as the domain would
            if keyed is not None:
                return keyed
        if spec is None:
            treaty, selection = parse_reference(
                treaty_name, await self._among(guild_id, names_tried(treaty_name))
            )
        else:
            treaty = await self._resolve(guild_id, treaty_name)
            selection = parse_articles(spec)
        return await self._quoted(guild_id, treaty, selection)

    async def quote_key(self, guild_id: int | None, key: str, spec: str) -> Quote | None:
        """The articles `spec` of the treaty `key` (the pages of a quote rebuild from these);
        None if there is no such treaty here."""
        if (canon := self._canon_keys.get(key)) is not None:
            selection = parse_articles(spec)
            return Quote(canon, selection, select_articles(canon, selection))
        accord_id = accord_id_of(key)
        if accord_id is None or guild_id is None:
            return None
        return await self._accord_quote(guild_id, accord_id, parse_articles(spec))

    async def _quoted(self, guild_id: int | None, treaty: Treaty, selection: Selection) -> Quote:
        accord_id = accord_id_of(treaty.key) if treaty.is_accord else None
        if accord_id is None or guild_id is None:
            return Quote(treaty, selection, select_articles(treaty, selection))
        quote = await self._accord_quote(guild_id, accord_id, selection)
        if quote is None:
            raise NotFound("That treaty is not available here any more.")
        return quote

    async def _accord_quote(self, guild_id: int, accord_id: int, selection: Selection) -> Quote | None:
        """One query: the accord's head and the articles asked for. Only when some do not exist
        are the others read, for the answer that says which do."""
        numbers = None if selection.everything else selection.numbers
        treaty = await accord_reads.quoted(self.db, guild_id, accord_id, numbers)
        if treaty is None:
            return None
        if numbers is not None and len(treaty.articles) < len(set(numbers)):
            treaty = await self._whole(guild_id, treaty)  # select_articles says what exists
        return Quote(treaty, selection, select_articles(treaty, selection))

    async def suggest(self, guild_id: int | None, typed: str, limit: int = 25) -> list[Treaty]:
        """Autocomplete: suggest_treaties over the canon and the accords an index range finds:
        names and later words starting with what was typed; near spellings only when those do
        not fill the choices."""
        if guild_id is None:
            return suggest_treaties(self.canon, typed, limit)
        wanted = normalise(typed)
        if not wanted:
            return [*self.canon, *await accord_reads.candidates(self.db, guild_id, [], first=limit)][:limit]
        reads = {"prefix": limit, "shortest": 1, "tails": limit}
        chosen = suggest_treaties(
            [*self.canon, *await accord_reads.candidates(self.db, guild_id, [wanted], **reads)], typed, limit
        )
        if len(chosen) >= limit:
            return chosen
        found = await accord_reads.candidates(self.db, guild_id, [wanted], near=NEAR, **reads)
        return suggest_treaties([*self.canon, *found], typed, limit)

    async def named_in(self, guild_id: int | None, question: str) -> list[Treaty]:
        """The canon and the accords (whole) a question names: what treaty_named and the lore
        answer read, without the server's other accords."""
        if guild_id is None:
            return list(self.canon)
        return [*self.canon, *await accord_reads.whole_named(self.db, guild_id, phrases(question))]

    async def listed(
        self, guild_id: int | None, *, after: int | None = None, before: int | None = None, limit: int
    ) -> list[tuple[Treaty, int]]:
        """A page of this server's accords (oldest first) with how many articles each has."""
        if guild_id is None or limit <= 0:
            return []
        return await accord_reads.listed(self.db, guild_id, after=after, before=before, limit=limit)

    async def search(self, guild_id: int | None, query: str) -> list[SearchHit]:
        """Articles ranked for the words of `query`: all words if any match, else any word."""
        words = fts.terms(query[: MAX_QUERY * 5])
        if not words:
            raise InvalidInput("Search for a word or two, like `embassy` or `cloaking`.")
        hits = await treaty_index.search(self.db, guild_id, words)
        if not hits and len(words) > 1:
            hits = await treaty_index.search(self.db, guild_id, words, every=False)
        wanted = [(i, hit.number) for hit in hits if (i := accord_id_of(hit.treaty_key)) is not None]
        accords = await accord_reads.articles_at(self.db, guild_id, wanted) if guild_id is not None else {}
        found = []
        for hit in hits:
            accord_id = accord_id_of(hit.treaty_key)
            if accord_id is not None:
                if (pair := accords.get((accord_id, hit.number))) is not None:
                    found.append(SearchHit(pair[0], pair[1], hit.snippet))
            elif (treaty := self._canon_keys.get(hit.treaty_key)) and (article := treaty.article(hit.number)):
                found.append(SearchHit(treaty, article, hit.snippet))
        return found


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
