"""Lore as a server sees it: canon from data/lore plus the server's own entries."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Sequence
from dataclasses import dataclass

from ..content.lore import canon_lore, content_hash
from ..domain import search as fts
from ..domain.errors import InvalidInput, NotFound
from ..domain.lore import Kind, LoreEntry
from ..domain.references import normalise
from ..storage import Database
from ..storage import lore as store
from .name_index import Named, NameIndex, Vocabulary

MAX_RESULTS = 25  # five pages of five
FILL_UP = 10  # fewer entries than this hold every word: add those holding most of them
COMMON_SHARE = 0.2  # a word in more than a fifth of all entries says little: drop it if others remain


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: list[store.LoreHit]
    corrected: dict[str, str]  # misspelt word -> the word searched instead


class LoreService:
    def __init__(
        self,
        db: Database,
        canon: Sequence[LoreEntry] | None = None,
        shards: tuple[int | None, Sequence[int] | None] = (None, None),
    ) -> None:
        self.db = db
        self.shards = shards  # (count, ids) of this process: only their servers' names are loaded
        self.canon = tuple(canon if canon is not None else canon_lore())
        self.by_key = {entry.key: entry for entry in self.canon}
        self.canon_names = NameIndex()
        self.canon_names.add_many((e.key, e.title, e.aliases) for e in self.canon)
        self.server_names: dict[int, NameIndex] = {}
        self.vocabulary = Vocabulary()
        for entry in self.canon:
            self.vocabulary.add(entry.title, entry.aliases)
        self._names_loaded = asyncio.Event()
        self._warming: asyncio.Task[None] | None = None

    async def start(self, *, warm_in_background: bool = False) -> None:
        """Index canon if data/lore changed, then load every server's lore names, now or in the
        background: with a large server lore READY need not wait, and lookups wait instead."""
        await store.sync_canon(self.db, self.canon, content_hash(self.canon))
        if warm_in_background:
            self._warming = asyncio.create_task(self._load_server_names(), name="lore-names")
        else:
            await self._load_server_names()

    async def stop(self) -> None:
        if self._warming is not None and not self._warming.done():
            self._warming.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._warming

    async def _load_server_names(self) -> None:
        rows = await store.all_names(self.db, *self.shards)
        # Normalising and sorting 100,000 names is CPU work: off the event loop, so the
        # gateway heartbeat and other commands carry on meanwhile.
        indexes, words = await asyncio.to_thread(_build_server_indexes, rows)
        self.server_names.update(indexes)
        self.vocabulary.add_normalised(words)
        self._names_loaded.set()

    def _scopes(self, guild_id: int | None) -> list[NameIndex]:
        """Where names are looked up, in order: this server's lore, then canon."""
        server = self.server_names.get(guild_id) if guild_id else None
        return [server, self.canon_names] if server is not None else [self.canon_names]

    def _names_of(self, guild_id: int) -> NameIndex:
        return self.server_names.setdefault(guild_id, NameIndex())

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
        await self._names_loaded.wait()
        topic = topic.strip()[:200]
        if not topic:
            raise InvalidInput("Name a topic, like `Praxis` or `Kor`.")
        scopes = self._scopes(guild_id)
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
        await self._names_loaded.wait()
        scopes = [s for s in ([self.server_names.get(guild_id)] if guild_id else []) if s] + [
            self.canon_names
        ]
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
        await self._names_loaded.wait()
        keys = self.canon_names.keys()
        if guild_id and guild_id in self.server_names:
            keys += self.server_names[guild_id].keys()
        return (rng or random).choice(keys)

    # -- search ------------------------------------------------------------------------------

    async def search(self, guild_id: int | None, query: str) -> SearchResult:
        await self._names_loaded.wait()
        words = fts.terms(query.replace("'", "").replace("’", ""))
        if not words:
            raise InvalidInput("Search for a word or two, like `Praxis` or `cloaking device`.")
        frequencies = await store.term_counts(self.db, words, store.SAMPLE + 1)
        corrected: dict[str, str] = {}
        planned: list[str] = []
        for word in words:
            if frequencies.get(word):
                planned.append(word)
            elif (repair := self.vocabulary.correct(word)) is not None:
                corrected[word] = repair
                planned.append(repair)
        if not planned:
            return SearchResult([], corrected)
        if corrected:
            frequencies |= await store.term_counts(self.db, list(corrected.values()), store.SAMPLE + 1)
        common = min(await store.approximate_size(self.db) * COMMON_SHARE, store.SAMPLE)
        informative = [w for w in planned if frequencies.get(w, 0) <= common]
        planned = informative or planned
        ranked = all(frequencies.get(w, 0) <= store.SAMPLE for w in planned)
        hits = await store.search(self.db, guild_id, fts.match_all(planned), ranked=ranked, limit=MAX_RESULTS)
        if len(hits) < FILL_UP and len(planned) > 1:
            # A question rarely has every word in one entry: entries with most of them follow.
            seen = {hit.key for hit in hits}
            more = await store.search(
                self.db, guild_id, fts.match_any(planned), ranked=ranked, limit=MAX_RESULTS
            )
            hits += [hit for hit in more if hit.key not in seen]
        return SearchResult(self._exact_first(guild_id, " ".join(planned), hits), corrected)

    def _exact_first(
        self, guild_id: int | None, phrase: str, hits: list[store.LoreHit]
    ) -> list[store.LoreHit]:
        """An entry whose very title (or alias) was searched for leads, whatever bm25 says."""
        for scope in self._scopes(guild_id):
            key = scope.exact(phrase)
            if key is not None:
                first = [h for h in hits if h.key == key]
                return first + [h for h in hits if h.key != key]
        return hits

    # -- timeline ----------------------------------------------------------------------------

    async def timeline(
        self, guild_id: int | None, faction: str | None, low: int | None, high: int | None
    ) -> list[LoreEntry]:
        if low is not None and high is not None and low > high:
            raise InvalidInput("`from_year` comes after `to_year`.")
        entries = [*self.canon, *(await store.in_guild(self.db, guild_id) if guild_id else [])]
        wanted = normalise(faction) if faction else None
        chosen = [  # in-universe events only: a source's year of publication is not one
            e
            for e in entries
            if e.kind is not Kind.SOURCE
            and e.years.overlaps(low, high)
            and (wanted is None or any(normalise(f) == wanted for f in e.factions))
        ]
        return sorted(chosen, key=lambda e: (e.years.start or e.years.end or 0, e.years.end or 0, e.title))

    def factions(self) -> list[str]:
        return sorted({f for e in self.canon for f in e.factions})

    # -- server lore -------------------------------------------------------------------------

    def _check_name_free(self, guild_id: int, draft: store.Draft, except_key: str | None = None) -> None:
        for name in (draft.title, *draft.aliases):
            for scope in self._scopes(guild_id):
                key = scope.exact(name)
                if key is not None and key != except_key:
                    raise InvalidInput(
                        f"{name!r} is already the name of the entry {scope.title(key)!r}. Pick another."
                    )

    async def add(self, guild_id: int, author_id: int, draft: store.Draft) -> LoreEntry:
        await self._names_loaded.wait()
        self._check_name_free(guild_id, draft)
        entry = await store.add(self.db, guild_id, author_id, draft)
        self._names_of(guild_id).add(entry.key, entry.title, entry.aliases)
        self.vocabulary.add(entry.title, entry.aliases)
        return entry

    async def edit(self, guild_id: int, key: str, draft: store.Draft) -> LoreEntry:
        await self._names_loaded.wait()
        entry_id = store.server_id_of(key)
        if entry_id is None:
            raise InvalidInput("Only this server's own entries can be edited; canon lore is fixed.")
        self._check_name_free(guild_id, draft, except_key=key)
        entry = await store.update(self.db, guild_id, entry_id, draft)
        names = self._names_of(guild_id)
        names.remove(key)
        names.add(entry.key, entry.title, entry.aliases)
        self.vocabulary.add(entry.title, entry.aliases)
        return entry

    async def remove(self, guild_id: int, key: str) -> bool:
        await self._names_loaded.wait()
        entry_id = store.server_id_of(key)
        if entry_id is None or not await store.remove(self.db, guild_id, entry_id):
            return False
        self._names_of(guild_id).remove(key)
        return True


def _build_server_indexes(
    rows: list[tuple[int, str, str, tuple[str, ...]]],
) -> tuple[dict[int, NameIndex], set[str]]:
    grouped: dict[int, list[tuple[str, str, tuple[str, ...]]]] = {}
    for guild_id, key, title, aliases in rows:
        grouped.setdefault(guild_id, []).append((key, title, aliases))
    indexes: dict[int, NameIndex] = {}
    words: set[str] = set()
    for guild_id, entries in grouped.items():
        indexes[guild_id] = NameIndex()
        words |= indexes[guild_id].add_many(entries)
    return indexes, words
