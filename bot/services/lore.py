"""Lore as a server sees it: canon from data/lore plus the server's own entries."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Sequence

from ..content.lore import canon_lore, content_hash
from ..domain.errors import InvalidInput, NotFound
from ..domain.inert import quoted
from ..domain.lore import LoreEntry
from ..domain.lore_answer import asked_of
from ..domain.lore_asking import as_asked
from ..domain.lore_query import ANSWERING, asks
from ..domain.references import normalise
from ..domain.treaties import Treaty
from ..storage import Database, content_versions
from ..storage import lore as store
from ..storage import lore_index as index
from . import english, lore_repair, server_names
from . import lore_articles as articles
from . import lore_question as asking
from . import lore_search as engine
from . import lore_text as text
from .lore_question import Found
from .lore_search import Hit
from .lore_timeline import PAGE, START, Asked, At, Page, Timeline
from .name_index import Named, NameIndex

MAX_RESULTS = 25  # five pages of five
SNIPPETS = 10  # results whose best sentence is looked for (the first two pages)
INDEX_NAME = "lore_postings"  # content_versions: which data/lore the canon postings were built from
SERVER_INDEX = "lore_postings_servers"  # content_versions: which analyser built the server index
# postings, term counts, names (with shortened ones) and their keys
SERVER_INDEX_VERSION = f"{text.ANALYSER_VERSION}+name-keys+shortened"
NEAR_NAME = 90  # a whole question this close to an entry's name is taken as that name
log = logging.getLogger(__name__)


def analysed(entry: LoreEntry) -> index.Analysed:
    """What the index keeps of an entry; a server's names include how players shorten a
    person's or a ship's (canon's shortened names are kept in memory: lore_names.short_names)."""
    short = asking.shortened(entry.title, entry.kind) if entry.guild_id is not None else []
    names = tuple(dict.fromkeys(n for n in (*map(normalise, (entry.title, *entry.aliases)), *short) if n))
    return index.Analysed(text.impacts(text.entry_fields(entry)), text.vocabulary(entry), entry.title, names)


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
        self._known: asking.Known | None = None  # needs the English word list: read in start()
        self.spelt = [self.canon_names, self.short_names]  # names a typo may be matched against
        self._reindexing: asyncio.Task[None] | None = None
        self.timelines = Timeline(db, self.canon)

    async def start(self, *, reindex_in_background: bool = False) -> None:
        """Index canon if data/lore or the analyser changed, and server lore written before the
        index existed or by another analyser (once, after an upgrade; in the background when
        asked, so READY need not wait)."""
        await asyncio.to_thread(english.load)  # the word list typo repair leaves alone
        self._known = asking.Known.of(self.canon, english.is_common)
        digest = f"{content_hash(self.canon)}:{text.ANALYSER_VERSION}"
        if not await content_versions.is_current(self.db, INDEX_NAME, digest):
            rows = [(e.key, a) for e, a in await asyncio.to_thread(_analysed_all, self.canon)]
            await index.replace_canon(self.db, rows, INDEX_NAME, digest)
        # Entries are indexed in the transaction that writes them, so once every entry has been
        # indexed by this analyser (recorded below) nothing is checked again: a scan of a
        # million entries took 14 s at every start.
        if not await content_versions.is_current(self.db, SERVER_INDEX, SERVER_INDEX_VERSION):
            work = self._index_old_server_lore()
            if reindex_in_background:
                self._reindexing = asyncio.create_task(work, name="lore-reindex")
            else:
                await work

    @property
    def known(self) -> asking.Known:  # canon's people, places and groups, as answers read them
        self._known = self._known or asking.Known.of(self.canon, english.is_common)
        return self._known

    async def stop(self) -> None:
        if self._reindexing is not None and not self._reindexing.done():
            self._reindexing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reindexing

    async def _index_old_server_lore(self) -> None:
        """Every server entry indexed afresh, a batch at a time (off the loop: the analysis)."""
        log.info("indexing server lore written before this release's search index")
        after = 0
        while batch := await store.entries_after(self.db, after, 500):
            rows = await asyncio.to_thread(_analysed_all, batch)
            await index.write_entries(self.db, [(e.guild_id or index.CANON, e.key, a) for e, a in rows])
            after = store.server_id_of(batch[-1].key) or after
        await content_versions.mark(self.db, SERVER_INDEX, SERVER_INDEX_VERSION)

    def _with_canon(self, server: NameIndex) -> list[NameIndex]:
        """Where names are looked up, in order: this server's lore (what a request read), then canon."""
        return [server, self.canon_names] if len(server) else [self.canon_names]

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
        if topic in self.by_key or (guild_id and store.server_id_of(topic) is not None):
            with contextlib.suppress(NotFound):  # a key, from a button or a link
                return await self.get(guild_id, topic)
        if not guild_id:
            server = NameIndex()
        elif self.canon_names.exact(topic) is not None:  # only the server's own of that name comes first
            server = await server_names.for_names(self.db, guild_id, [topic])
        else:
            server = await server_names.for_topic(self.db, guild_id, topic)
        scopes = self._with_canon(server)
        for scope in scopes:
            if (key := scope.exact(topic)) is not None:
                return await self.get(guild_id, key)
        for scope in scopes:
            near = scope.prefix(topic, 2) if len(normalise(topic)) >= 3 else []
            if len(near) == 1:
                return await self.get(guild_id, near[0].key)
            close = scope.fuzzy(topic, 1, strict=True)
            if close:
                return await self.get(guild_id, close[0].key)
        raise NotFound(f"I know nothing called {quoted(topic)}. Try `/lore search` with a word from it.")

    async def suggest(self, guild_id: int | None, typed: str, limit: int = 25) -> list[Named]:
        """Autocomplete: this server's and canon names by prefix; near spellings to fill up
        (read only when the prefixes fall short)."""
        server = await server_names.starting(self.db, guild_id, typed) if guild_id else NameIndex()
        found: dict[str, Named] = {}
        for scope in self._with_canon(server):
            for item in scope.prefix(typed, limit):
                found.setdefault(item.key, item)
        if len(found) < limit and len(normalise(typed)) >= 3:
            if guild_id:
                server = await server_names.near_typed(self.db, guild_id, typed, limit)
            for scope in self._with_canon(server):
                for item in scope.fuzzy(typed, limit - len(found)):
                    found.setdefault(item.key, item)
        return list(found.values())[:limit]

    async def random_key(self, guild_id: int | None, rng: random.Random | None = None) -> str:
        """Any entry this server can see, each as likely (nearly: a server's deleted ids leave gaps)."""
        rng = rng or random.Random()
        size = await index.entries_of(self.db, guild_id) if guild_id else 0
        pick = rng.randrange(len(self.canon) + size)
        if pick < len(self.canon) or not guild_id:
            return self.canon[pick % len(self.canon)].key
        return await store.random_key(self.db, guild_id, rng) or self.canon[0].key

    # -- search ------------------------------------------------------------------------------

    async def search(self, guild_id: int | None, query: str, treaties: Sequence[Treaty] = ()) -> Found:
        """Entries answering `query` (this server's lore and canon), best first, with the line
        that answers it, if one clearly does; an article of `treaties` for a question about one.
        See bot/services/lore_search.py for the ranking, lore_question.py for the answer."""
        query = as_asked(query[:2000], self.known.may_name_a_person, self.known.years)
        wanted, asked = asks(query), asked_of(query)  # for ranking; for the answer line
        terms = asking.terms_of(query)
        scopes = [index.CANON] + ([guild_id] if guild_id else [])
        question = engine.Question.of(terms)
        # The index and the names the question holds at once (on PostgreSQL two round trips in
        # flight, one waited for); a name typed alone waits for typo repair, which may respell it
        # before the names near it are read.
        ranking = engine.rank(self.db, scopes, len(self.canon), question)
        if asking.maybe_a_name(query):
            ranked, names_read = await ranking, None
        else:
            ranked, names_read = await asyncio.gather(ranking, self._named(guild_id, query))
        repairs = await lore_repair.plan(self.db, scopes, query, terms, ranked.held, self.known.names_a_word)
        searched = lore_repair.rewritten(query, repairs.made)
        if repairs.made:  # asked again with the words this server can see
            terms = list(dict.fromkeys(text.stem(repairs.made[t]) if t in repairs.made else t for t in terms))
            question = engine.Question.of(terms)
            ranking = engine.rank(self.db, scopes, len(self.canon), question)
            ranked, names_read = await asyncio.gather(ranking, self._named(guild_id, searched))
        exact_key, names = names_read or await self._named(guild_id, searched)
        base, idf = ranked.scores, ranked.weights
        best = sorted(base, key=lambda key: -base[key])[: engine.RERANKED]
        named = [*(n.key for n in names), *([exact_key] if exact_key else [])]
        best += [key for key in named if key not in best]
        entries = await self._entries(guild_id, best)
        fields = {e.key: text.fields_of(e) for e in entries}
        ordered = engine.rerank(entries, fields, base, question, idf, wanted)
        by_key = {e.key: e for e in entries}
        exact = by_key.get(exact_key) if exact_key is not None else None  # read with the others
        linked = [by_key[n.key] for n in names if n.key in by_key]
        wording = engine.Question.of(terms, ANSWERING, merged=True)  # finer synonyms for reading
        answer = (
            articles.article_answer(treaties, searched, wording, [(n.key, " ".join(n.words)) for n in names])
            or asking.answer(searched, asked, wording, idf, linked, names, ordered, self.known)
            or articles.party_answer(treaties, searched, wording)  # names a treaty's parties only
            or articles.unrecorded(treaties, searched)  # …or one whose articles are not recorded
        )
        if exact is not None:  # the entry named leads (the answer line names its own entry)
            ordered = [exact] + [e for e in ordered if e.key != exact.key]
        ordered = ordered[:MAX_RESULTS]
        # the best sentence for the first two pages, looked for when drawn; the summary after that
        snippets = [engine.snippet(e, question, idf, wanted) if i < SNIPPETS else e.summary
                    for i, e in enumerate(ordered)]  # fmt: skip
        hits = [Hit(e, one, question) for e, one in zip(ordered, snippets, strict=True)]
        guess = lore_repair.rewritten(query, repairs.guessed) if repairs.guessed else None
        typed = lore_repair.as_typed(query, repairs.made)
        return Found(hits, typed, wanted, answer, exact, asked, guess, next(iter(linked), None))

    async def _named(self, guild_id: int | None, query: str) -> tuple[str | None, list[asking.Linked]]:
        """The key of the entry whose name the whole question is, typed exactly or nearly, and
        every entry named in it (misspelt names: canon's only; a server's are repaired through its
        index)."""
        whole = asking.maybe_a_name(query)
        server = (
            await server_names.for_question(self.db, guild_id, asking.names_to_look_up(query), whole)
            if guild_id
            else NameIndex()
        )
        scopes = self._with_canon(server)
        key = asking.whole_name(query, scopes, NEAR_NAME)
        linked = asking.link(query, [*scopes, self.short_names], self.spelt, english.is_english)
        return key, linked

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

    async def timeline(self, guild_id: int | None, asked: Asked, at: At = START, limit: int = PAGE) -> Page:
        """A page of dated in-universe entries, the faction resolved: bot/services/lore_timeline.py."""
        return await self.timelines.page(guild_id, asked, at, limit)

    # -- server lore -------------------------------------------------------------------------

    async def _check_name_free(
        self, guild_id: int, draft: store.Draft, except_key: str | None = None
    ) -> None:
        server = await server_names.for_names(self.db, guild_id, [draft.title, *draft.aliases])
        for name in (draft.title, *draft.aliases):
            for scope in self._with_canon(server):
                key = scope.exact(name)
                if key is not None and key != except_key:
                    held = scope.title(key) or name
                    raise InvalidInput(
                        f"{quoted(name)} is already the name of the entry {quoted(held)}. Pick another."
                    )

    async def add(
        self, guild_id: int, author_id: int, draft: store.Draft, analysis: index.Analysed | None = None
    ) -> LoreEntry:
        """`analysis`: the draft's analysed(), when made beforehand off the loop (a 40 KB page
        takes 50-150 ms to analyse); it reads only the title, aliases, summary and body."""
        await self._check_name_free(guild_id, draft)
        analyse = analysed if analysis is None else (lambda _entry: analysis)
        entry = await store.add(self.db, guild_id, author_id, draft, analyse)
        return entry

    async def edit(self, guild_id: int, key: str, draft: store.Draft) -> LoreEntry:
        entry_id = store.server_id_of(key)
        if entry_id is None:
            raise InvalidInput("Only this server's own entries can be edited; canon lore is fixed.")
        await self._check_name_free(guild_id, draft, except_key=key)
        entry = await store.update(self.db, guild_id, entry_id, draft, analysed)
        return entry

    async def remove(self, guild_id: int, key: str) -> bool:
        entry_id = store.server_id_of(key)
        return entry_id is not None and await store.remove(self.db, guild_id, entry_id)
