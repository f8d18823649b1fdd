"""The CPU work of a whole-wiki import, off the event loop: each article's wikitext parsed
(mwparserfromhell), drafted as an entry and analysed for the search index, in worker processes
(the parse holds the GIL: threads of the importing process would take turns with its writes),
or in a thread for a small export.

A page is prepared without the server: its links come back as the names they name (normalised),
and the batch's plan (bot/services/lore_bulk.py) looks them up, so no worker reads the database
and the result is the same as converting the page with the server's lookup.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace

from ..domain.errors import InvalidInput
from ..domain.lore import Kind, LoreEntry
from ..domain.references import normalise
from ..storage import lore as store
from ..storage.lore_index import Analysed, impacts_json
from .factions import resolve_factions
from .lore import analysed
from .lore_import import draft_of, page_of
from .lore_text import stem_in_c
from .wiki_export import ExportPage

log = logging.getLogger(__name__)
SCRATCH_KEY = "server-0"  # an entry's key does not change its analysis
MAX_WORKERS = 8
PART = 25  # pages handed to a worker at a time, at least (fewer hand-overs; the last part is small)


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article ready to store: its draft (links not yet resolved: `related` is empty), the
    names its links name (normalised, in order, once each) and its analysis."""

    draft: store.Draft
    links: tuple[str, ...]
    analysed: Analysed
    stored: str  # its postings as the entry's row keeps them (made here, not by the writer)


def _link_name(name: str) -> str | None:
    return normalise(name) or None


def prepare(pages: Sequence[ExportPage], kind: Kind) -> list[Prepared | str]:
    """Each page ready to store, or why it cannot be imported."""
    done: list[Prepared | str] = []
    for page in pages:
        try:
            imported = page_of(page, _link_name)
            draft = draft_of(replace(imported, related=()), kind)
        except InvalidInput as error:
            done.append(error.message)
            continue
        entry = LoreEntry(
            SCRATCH_KEY, draft.title, kind, draft.summary, draft.body, (), aliases=draft.aliases
        )
        found = analysed(entry)
        done.append(Prepared(draft, tuple(imported.related), found, impacts_json(found.impacts)))
    return done


def _warm() -> None:
    """A worker's start: what every page needs loaded once (the faction names), and stems in C."""
    resolve_factions(("Klingons",))
    stem_in_c()


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _fork_server() -> multiprocessing.context.BaseContext:
    """Workers forked from a server process that imported this module (and, as multiprocessing
    does by default, the main script, which must guard its work with `if __name__ == ...`)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["__main__", __name__])  # __main__: as multiprocessing does
    return context


def workers() -> int:
    """Worker processes for an import: a core each, but one, which the importing process needs
    to write (on 2 cores, two workers measured slower than one)."""
    return min(MAX_WORKERS, cores() - 1)


class Preparer:
    """prepare() of each batch: split between `processes` worker processes, or in one thread of
    the importing process when `processes` is 0 (one: the stemmer the analysis uses is not safe
    in two threads at once). The workers start when the preparer is made: forked from a fork server
    (a clean process: the importing one has threads) that has imported this module, so a second
    import in the same process starts at once; the first waits a second or so for the server,
    and a part is prepared in the thread meanwhile (one at a time: the parts handed over while it
    is busy wait for the workers, so that this process is free to write while they parse)."""

    def __init__(self, processes: int) -> None:
        self.processes = min(processes, MAX_WORKERS)
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="lore-import")
        self._pool: ProcessPoolExecutor | None = None
        self._up: list[Future[None]] = []
        self._here = 0  # batches being prepared in the thread
        if self.processes > 0:
            self._pool = ProcessPoolExecutor(self.processes, mp_context=_fork_server(), initializer=_warm)
            self._up = [self._pool.submit(_warm) for _ in range(self.processes)]

    async def __call__(self, pages: Sequence[ExportPage], kind: Kind) -> list[Prepared | str]:
        loop = asyncio.get_running_loop()
        if self._pool is not None and self._here and not all(up.done() for up in self._up):
            # started, or failed to (read here: a failed start is not logged again for every part)
            await asyncio.gather(*(asyncio.wrap_future(up) for up in self._up), return_exceptions=True)
        if self._pool is None or not all(up.done() for up in self._up):
            self._here += 1
            try:
                return await loop.run_in_executor(self._thread, prepare, pages, kind)
            finally:
                self._here -= 1
        size = max(PART, -(-len(pages) // (self.processes * 2)))
        parts = [pages[at : at + size] for at in range(0, len(pages), size)]
        pool = self._pool
        try:
            done = await asyncio.gather(*(loop.run_in_executor(pool, prepare, part, kind) for part in parts))
        except BrokenProcessPool:  # a worker died (killed, or could not start): carry on here
            if self._pool is pool:  # every call on the pool fails with it: the first one drops it
                log.warning("the import's worker processes stopped; pages are prepared in this process")
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
            return await loop.run_in_executor(self._thread, prepare, pages, kind)
        return [one for part in done for one in part]

    def close(self) -> None:
        """Stop the workers (a batch still being prepared is dropped)."""
        for pool in (self._pool, self._thread):
            if pool is not None:
                with contextlib.suppress(Exception):
                    pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None
