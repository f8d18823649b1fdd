"""Lore as a server sees it: canon from data/lore plus the server's own entries."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Sequence

from ..content.lore import canon_lore, content_hash
from ..domain.errors import InvalidInput, NotFound
from ..domain.lore import Kind, LoreEntry
from ..domain.lore_answer import asked_of
from ..domain.lore_query import ANSWERING, asks
from ..domain.references import normalise
from ..domain.treaties import Treaty
from ..storage import LORE_NOTICE, Database, content_versions
from ..storage import lore as store
from ..storage import lore_index as index
from . import english, lore_repair
from . import lore_articles as articles
from . import lore_question as asking
from . import lore_search as engine
from . import lore_text as text
from .factions import faction_named, filed_under
from .lore_question import Found
from .lore_search import Hit
from .name_index import Named, NameIndex

MAX_RESULTS = 25  # five pages of five
SNIPPETS = 10  # results whose best sentence is looked for (the first two pages)
INDEX_NAME = "lore_postings"  # content_versions: which data/lore the canon postings were built from
SERVER_INDEX = "lore_postings_servers"  # content_versions: which analyser built the server postings
NEAR_NAME = 90  # a whole question this close to an entry's name is taken as that name
log = logging.getLogger(__name__)


def analysed(entry: LoreEntry) -> index.Analysed:
    return index.Analysed(text.impacts(text.fields_of(entry)), text.vocabulary(entry))


def _analysed_all(entries: Sequence[LoreEntry]) -> list[tuple[LoreEntry, index.Analysed]]:
    return [(entry, analysed(entry)) for entry in entries]


class LoreService:
    def __init__(self, db: Database, canon: Sequence[LoreEntry] | None = None) -> None:
        self.db = db
        self.canon = tuple(canon if canon is not None else canon_lore())
        self.by_key = {entry.key: entry for entry in self.canon}
        self.canon_names = NameIndex()
        self.canon_names.add_many((e.key, e.title, e.aliases) for e in self.canon)
        self.short_names = asking.short_names(self.canon, self.canon_names)  # "Kirk", "Picard"
        self.known = asking.Known.of(self.canon, english.is_common)
        self.spelt = [self.canon_names, self.short_names]  # names a typo may be matched against
        self.server_names: dict[int, NameIndex] = {}  # loaded on a server's first question
        self._loading: dict[int, asyncio.Lock] = {}
        self._stale: dict[int, set[str]] = {}  # entries changed since a server's names were loaded
        self._reindexing: asyncio.Task[None] | None = None
        db.on_notice(LORE_NOTICE, self._forget)

    def _forget(self, guild_id: int | None, key: str | None = None) -> None:
        """A server's lore changed (here or in another process). One entry's names are read
        again on next use, so importing a thousand pages does not reload the server's names a
        thousand times; without a key, the server's (or every server's) names load afresh."""
        if guild_id is None:
            self.server_names.clear()
            self._stale.clear()
        elif key is None or guild_id not in self.server_names:
            self.server_names.pop(guild_id, None)
            self._stale.pop(guild_id, None)
        else:
            self._stale.setdefault(guild_id, set()).add(key)

    async def start(self, *, reindex_in_background: bool = False) -> None:
        """Index canon if data/lore or the analyser changed, and server lore written before the
        index existed or by another analyser (once, after an upgrade; in the background when
        asked, so READY need not wait)."""
        await asyncio.to_thread(english.load)  # the word list typo repair leaves alone
        digest = f"{content_hash(self.canon)}:{text.ANALYSER_VERSION}"
        if not await content_versions.is_current(self.db, INDEX_NAME, digest):
            rows = [(e.key, a) for e, a in await asyncio.to_thread(_analysed_all, self.canon)]
            await index.replace_canon(self.db, rows, INDEX_NAME, digest)
        # Entries are indexed in the transaction that writes them, so once every entry has been
        # indexed by this analyser (recorded below) nothing is checked again: a scan of a
        # million entries took 14 s at every start.
        if not await content_versions.is_current(self.db, SERVER_INDEX, text.ANALYSER_VERSION):
            work = self._index_old_server_lore()
            if reindex_in_background:
                self._reindexing = asyncio.create_task(work, name="lore-reindex")
            else:
                await work

    async def stop(self) -> None:
        if self._reindexing is not None and not self._reindexing.done():
            self._reindexing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reindexing

    async def _index_old_server_lore(self) -> None:
        entries = await store.all_entries(self.db)
        log.info("indexing %d server lore entries written before the search index", len(entries))
        for start in range(0, len(entries), 500):
            rows = await asyncio.to_thread(_analysed_all, entries[start : start + 500])
            await index.write_entries(self.db, [(e.guild_id or index.CANON, e.key, a) for e, a in rows])
        await content_versions.mark(self.db, SERVER_INDEX, text.ANALYSER_VERSION)

    async def _names_in(self, guild_id: int | None) -> NameIndex | None:
        """A server's names for autocomplete, loaded from its rows on first use, then kept."""
        if not guild_id:
            return None
        if guild_id not in self.server_names:
            async with self._loading.setdefault(guild_id, asyncio.Lock()):
                if guild_id not in self.server_names:
                    names = NameIndex()
                    names.add_many(await store.names_in(self.db, guild_id))
                    self.server_names[guild_id] = names
        names = self.server_names[guild_id]
        if stale := self._stale.pop(guild_id, None):
            for key in stale:
                names.remove(key)
            changed = await store.entries_by_keys(self.db, guild_id, stale)
            names.add_many((e.key, e.title, e.aliases) for e in changed)
        return names

    async def _scopes(self, guild_id: int | None) -> list[NameIndex]:
        """Where names are looked up, in order: this server's lore, then canon."""
        server = await self._names_in(guild_id)
        return [server, self.canon_names] if server is not None and len(server) else [self.canon_names]

    # -- finding entries ---------------------------------------------------------------------

    async def get(self, guild_id: int | None, key: str) -> LoreEntry:
        """An entry by key, if this server may see it (keys come from users and buttons)."""
        if key in self.by_key:
            return self.by_key[key]
        entry_id = store.server_id_of(key)
        entry = await store.get(self.db, guild_id, entry_id) if guild_id and entry_id is not None else None
        if entry is None:
            raise NotFound("That entry does not exist here (any more).")
        return entry

    async def find(self, guild_id: int | None, topic: str) -> LoreEntry:
        """By key, exact title or alias, or the closest spelling; server lore first."""
        topic = topic.strip()[:200]
        if not topic:
            raise InvalidInput("Name a topic, like `Praxis` or `Kor`.")
        scopes = await self._scopes(guild_id)
        for scope in scopes:
            if scope.title(topic) is not None:
                return await self.get(guild_id, topic)
            if (key := scope.exact(topic)) is not None:
                return await self.get(guild_id, key)
        for scope in scopes:
            near = scope.prefix(topic, 2) if len(normalise(topic)) >= 3 else []
            if len(near) == 1:
                return await self.get(guild_id, near[0].key)
            close = scope.fuzzy(topic, 1, strict=True)
            if close:
                return await self.get(guild_id, close[0].key)
        raise NotFound(f"I know nothing called {topic[:80]!r}. Try `/lore search` with a word from it.")

    async def suggest(self, guild_id: int | None, typed: str, limit: int = 25) -> list[Named]:
        """Autocomplete: this server's and canon names by prefix; near spellings to fill up."""
        scopes = await self._scopes(guild_id)
        found: dict[str, Named] = {}
        for scope in scopes:
            for item in scope.prefix(typed, limit):
                found.setdefault(item.key, item)
        if len(found) < limit and len(normalise(typed)) >= 3:
            for scope in scopes:
                for item in scope.fuzzy(typed, limit - len(found)):
                    found.setdefault(item.key, item)
        return list(found.values())[:limit]

    async def random_key(self, guild_id: int | None, rng: random.Random | None = None) -> str:
        keys = self.canon_names.keys()
        server = await self._names_in(guild_id)
        if server is not None:
            keys += server.keys()
        return (rng or random).choice(keys)

    # -- search ------------------------------------------------------------------------------

    async def search(self, guild_id: int | None, query: str, treaties: Sequence[Treaty] = ()) -> Found:
        """Entries answering `query` (this server's lore and canon), best first, with the line
        that answers it, if one clearly does; an article of `treaties` for a question about one.
        See bot/services/lore_search.py for the ranking, lore_question.py for the answer."""
        query = query[:2000]
        wanted, asked = asks(query), asked_of(query)  # for ranking; for the answer line
        terms = asking.terms_of(query)
        scopes = [index.CANON] + ([guild_id] if guild_id else [])
        question = engine.Question.of(terms)
        ranked = await engine.rank(self.db, scopes, len(self.canon), question)
        repairs = await lore_repair.plan(self.db, scopes, query, terms, ranked.held)
        if repairs.made:  # asked again with the words this server can see
            terms = list(dict.fromkeys(text.stem(repairs.made[t]) if t in repairs.made else t for t in terms))
            question = engine.Question.of(terms)
            ranked = await engine.rank(self.db, scopes, len(self.canon), question)
        searched = lore_repair.rewritten(query, repairs.made)
        base, idf = ranked.scores, ranked.weights
        exact, names = await self._named(guild_id, searched)
        best = sorted(base, key=lambda key: -base[key])[: engine.RERANKED]
        best += [key for key in [*(n.key for n in names), *([exact.key] if exact else [])] if key not in best]
        entries = await self._entries(guild_id, best)
        fields = {e.key: text.fields_of(e) for e in entries}
        ordered = engine.rerank(entries, fields, base, question, idf, wanted)
        by_key = {e.key: e for e in entries}
        linked = [by_key[n.key] for n in names if n.key in by_key]
        wording = engine.Question.of(terms, ANSWERING)  # finer synonyms for reading sentences
        answer = articles.article_answer(treaties, searched, wording) or asking.answer(
            searched, asked, wording, idf, linked, names, ordered, self.known
        )
        if exact is not None:  # the entry named leads (the answer line names its own entry)
            ordered = [exact] + [e for e in ordered if e.key != exact.key]
        ordered = ordered[:MAX_RESULTS]
        # the best sentence for the first two pages; the summary after that
        snippets = [(i < SNIPPETS and engine.best_sentence(e, question, idf, wanted)) or e.summary
                    for i, e in enumerate(ordered)]  # fmt: skip
        hits = [Hit(e, engine.marked(one, question)) for e, one in zip(ordered, snippets, strict=True)]
        guess = lore_repair.rewritten(query, repairs.guessed) if repairs.guessed else None
        typed = lore_repair.as_typed(query, repairs.made)
        return Found(hits, typed, wanted, answer, exact, asked, guess, next(iter(linked), None))

    async def _named(self, guild_id: int | None, query: str) -> tuple[LoreEntry | None, list[asking.Linked]]:
        """The entry whose name the whole question is, typed exactly or nearly, and every entry
        named in it (misspelt names: canon's only; a server's are repaired through its index)."""
        scopes = await self._scopes(guild_id)
        key = asking.whole_name(query, scopes, NEAR_NAME)
        names = asking.link(query, [*scopes, self.short_names], self.spelt, english.is_english)
        return (await self.get(guild_id, key) if key is not None else None), names

    async def related(self, entry: LoreEntry) -> list[LoreEntry]:
        """The entries `entry` links to that exist: canon, or of its own server (one query)."""
        return await self._entries(entry.guild_id, list(entry.related))

    async def _entries(self, guild_id: int | None, keys: list[str]) -> list[LoreEntry]:
        """Entries by key, canon from memory and this server's in one query, in key order."""
        server = {
            e.key: e for e in (await store.entries_by_keys(self.db, guild_id, keys) if guild_id else [])
        }
        return [found for key in keys if (found := self.by_key.get(key) or server.get(key)) is not None]

    # -- timeline ----------------------------------------------------------------------------

    async def timeline(
        self, guild_id: int | None, faction: str | None, low: int | None, high: int | None
    ) -> tuple[str | None, list[LoreEntry]]:
        """The faction resolved (or refused: faction_named) and its dated in-universe entries."""
        if low is not None and high is not None and low > high:
            raise InvalidInput("`from_year` comes after `to_year`.")
        server = await store.in_guild(self.db, guild_id) if guild_id else []
        faction = faction_named(faction, sorted({f for e in server for f in e.factions})) if faction else None
        filed = filed_under(faction) if faction else None
        chosen = [  # in-universe events only: a source's year of publication is not one
            e
            for e in [*self.canon, *server]
            if e.kind is not Kind.SOURCE
            and e.years.overlaps(low, high)
            and (filed is None or any(normalise(f) in filed for f in e.factions))
        ]
        return faction, sorted(
            chosen, key=lambda e: (e.years.start or e.years.end or 0, e.years.end or 0, e.title)
        )

    # -- server lore -------------------------------------------------------------------------

    async def _check_name_free(
        self, guild_id: int, draft: store.Draft, except_key: str | None = None
    ) -> None:
        for name in (draft.title, *draft.aliases):
            for scope in await self._scopes(guild_id):
                key = scope.exact(name)
                if key is not None and key != except_key:
                    raise InvalidInput(
                        f"{name!r} is already the name of the entry {scope.title(key)!r}. Pick another."
                    )

    async def add(self, guild_id: int, author_id: int, draft: store.Draft) -> LoreEntry:
        await self._check_name_free(guild_id, draft)
        entry = await store.add(self.db, guild_id, author_id, draft, analysed)
        self._forget(guild_id, entry.key)  # at once here; other processes when the notice arrives
        return entry

    async def edit(self, guild_id: int, key: str, draft: store.Draft) -> LoreEntry:
        entry_id = store.server_id_of(key)
        if entry_id is None:
            raise InvalidInput("Only this server's own entries can be edited; canon lore is fixed.")
        await self._check_name_free(guild_id, draft, except_key=key)
        entry = await store.update(self.db, guild_id, entry_id, draft, analysed)
        self._forget(guild_id, key)
        return entry

    async def remove(self, guild_id: int, key: str) -> bool:
        entry_id = store.server_id_of(key)
        if entry_id is None or not await store.remove(self.db, guild_id, entry_id):
            return False
        self._forget(guild_id, key)
        return True
