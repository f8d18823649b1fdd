"""A whole MediaWiki export into one server's lore (`khitomer import-wiki`), a batch of pages per
transaction, as if each page were imported on its own, one after the other: a title the server
already has (in any case) is updated, not duplicated; a page whose title is another entry's name
(the server's or canon's) is skipped and says so; a page's links name what the server holds when
it is written, its earlier pages included.

The work is a pipeline: the export is read a batch at a time in a thread, its pages are prepared
in parts in worker processes (bot/services/lore_bulk_pages.py: parsing, drafting, analysing), and
while the next parts are prepared, one transaction (bot/storage/lore_batch.py) takes the parts
prepared by then, reads the server's entries of their titles and link names, lets the plan
(bot/services/lore_bulk_plan.py) decide, and writes everything.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from ..domain.lore import Kind
from ..domain.references import normalise
from ..storage import lore_batch as batch
from .lore import LoreService
from .lore_bulk_pages import Prepared, Preparer, workers
from .lore_bulk_plan import Plan
from .lore_import import OPERATOR, ImportSummary
from .wiki_export import ExportError, ExportPage, read_export

BATCH = 1000  # pages per transaction, at most: a commit writes each index page its rows touched
# (at 100,000 entries, 400 a transaction spent as much on commits as on rows; a batch holds the
# write lock 1-3 s, within the 5 s other writers wait for it)
BATCH_BYTES = 8_000_000  # of wikitext per batch, at most (a few megabyte pages make a batch)
AHEAD = 3  # batches in hand: one is written while the next ones are prepared
PART_PAGES = 50  # pages prepared at a time: the writer starts once the first are, not a whole batch
FEWEST = 200  # pages a transaction waits for beside worker processes (a commit has its cost)


@dataclass
class _Read:
    pages: list[ExportPage]
    ended: bool  # the export has no more pages
    position: int  # bytes of the source read by then
    error: ExportError | None = None  # the export broke off after these pages
    opens: bool = True  # the first part of what _read read (a part of a read may not)


def _read(pages: Iterator[ExportPage], source: IO[bytes]) -> _Read:
    """The next batch of the export's pages (in a thread: the XML is parsed as it is read)."""
    got: list[ExportPage] = []
    size = 0
    try:
        for page in pages:
            got.append(page)
            size += len(page.text)
            if len(got) >= BATCH or size >= BATCH_BYTES:
                return _Read(got, False, _position(source))
    except ExportError as error:
        return _Read(got, True, _position(source), error)
    return _Read(got, True, _position(source))


def _position(source: IO[bytes]) -> int:
    try:
        return source.tell()
    except (OSError, ValueError):  # a pipe
        return 0


async def import_export(
    service: LoreService,
    guild_id: int,
    source: IO[bytes],
    kind: Kind,
    on_page: Callable[[int], None] | None = None,
    *,
    processes: int | None = None,
) -> ImportSummary:
    """Every article of a MediaWiki export into the server's lore: a title the server already
    has is updated, not duplicated; what cannot be imported is skipped and said why (in the
    export's order). `on_page` is called for each page once its batch is stored, with the bytes of
    `source` read up to the end of that batch (for a progress bar). ExportError when the file is
    not an export at all, or breaks off (the pages before it are stored). `processes`: worker
    processes for the parsing (default: one per core but one; 0: a thread)."""
    summary = ImportSummary()
    canon = _canon_names(service)
    pages = read_export(source)
    first = await asyncio.to_thread(_read, pages, source)
    preparer = Preparer(0 if first.ended else processes if processes is not None else workers())
    # Beside worker processes the writer takes what they have prepared, FEWEST pages or more (it
    # starts soon, and little is left to write at the end); in one process it waits for whole
    # batches (fewer commits: nothing runs beside it).
    fewest = FEWEST if preparer.processes else BATCH
    waiting: deque[tuple[_Read, asyncio.Future[list[Prepared | str]]]] = deque()

    def prepare(read: _Read) -> bool:
        """Its parts handed to the preparer; whether the export goes on after it."""
        for part in _parts(read):
            articles = [page for page in part.pages if page.skip is None]
            waiting.append((part, asyncio.ensure_future(preparer(articles, kind))))
        return not read.ended

    more = prepare(first)
    try:
        while more or waiting:
            # What is read is in `waiting` at once: AHEAD batches and a page at most, in hand.
            while more and _in_hand(waiting) <= AHEAD - 1:
                more = prepare(await asyncio.to_thread(_read, pages, source))
            group = await _ready(waiting, fewest)
            done = [one for _part, prepared in group for one in prepared.result()]
            await _store(
                service, guild_id, canon, [p for part, _ in group for p in part.pages], done, summary
            )
            for part, _prepared in group:
                if on_page is not None:
                    for _page in part.pages:
                        on_page(part.position)
                if part.error is not None:
                    raise part.error
    finally:
        for _done, prepared in waiting:
            prepared.cancel()
        await asyncio.to_thread(preparer.close)
    return summary


def _in_hand(waiting: deque[tuple[_Read, asyncio.Future[list[Prepared | str]]]]) -> float:
    """The pages read and not yet written, in batches: by their count or their text's size."""
    pages = sum(len(part.pages) for part, _ in waiting)
    size = sum(len(page.text) for part, _ in waiting for page in part.pages)
    return max(pages / BATCH, size / BATCH_BYTES)


def _parts(read: _Read) -> list[_Read]:
    """A batch read, in the parts prepared at a time (the last keeps its end and error)."""
    size = min(PART_PAGES, BATCH)
    starts = range(0, len(read.pages), size) if read.pages else range(1)
    last = starts[-1]
    return [
        _Read(
            read.pages[at : at + size],
            read.ended and at == last,
            read.position,
            read.error if at == last else None,
            at == 0,
        )
        for at in starts
    ]


async def _ready(
    waiting: deque[tuple[_Read, asyncio.Future[list[Prepared | str]]]], fewest: int
) -> list[tuple[_Read, asyncio.Future[list[Prepared | str]]]]:
    """The next parts to write in one transaction: `fewest` pages' once prepared (or every part
    left), then those after them prepared by then, up to a batch as _read makes them (BATCH pages,
    or past BATCH_BYTES of text; a read's parts are not split for bytes, another read's first part
    joins only within them)."""
    group = [waiting.popleft()]
    await group[0][1]
    pages = len(group[0][0].pages)
    size = sum(len(page.text) for page in group[0][0].pages)
    while waiting:
        part, prepared = waiting[0]
        more = sum(len(page.text) for page in part.pages)
        if (
            pages + len(part.pages) > BATCH
            or size >= BATCH_BYTES
            or (part.opens and size + more > BATCH_BYTES)  # a read's own parts stay together
            or (pages >= fewest and not prepared.done())
        ):
            break
        await prepared
        group.append(waiting.popleft())
        pages += len(part.pages)
        size += more
    return group


def _canon_names(service: LoreService) -> dict[str, tuple[str, str]]:
    """Canon's names (normalised) -> (key, title): the first entry of each name, as
    LoreService.canon_names finds it."""
    names: dict[str, tuple[str, str]] = {}
    for entry in service.canon:
        for name in (entry.title, *entry.aliases):
            if key := normalise(name):
                names.setdefault(key, (entry.key, entry.title))
    return names


async def _store(
    service: LoreService,
    guild_id: int,
    canon: dict[str, tuple[str, str]],
    pages: list[ExportPage],
    prepared: list[Prepared | str],
    summary: ImportSummary,
) -> None:
    """One batch of pages: skipped with the export's reason or the parser's, or planned and
    written (in as few transactions as its titles allow: see Plan)."""
    said: list[str | None] = [None] * len(pages)  # why each page was skipped
    items: list[tuple[int, Prepared]] = []
    ready = iter(prepared)
    for at, page in enumerate(pages):
        if page.skip is not None:
            said[at] = page.skip
        elif isinstance(done := next(ready), str):
            said[at] = done
        else:
            items.append((at, done))
    while items:
        plan = Plan(items, canon)
        titles = [item.draft.title for _at, item in items]
        names = [n for _at, item in items for n in (*item.analysed.names, *item.links)]
        await batch.write_batch(service.db, guild_id, OPERATOR, titles, names, plan)
        for at, why in plan.skipped:
            said[at] = why
        summary.imported += plan.imported
        summary.updated += plan.updated
        items = items[plan.planned :]
    summary.skipped += [(page.title, why) for page, why in zip(pages, said, strict=True) if why is not None]
