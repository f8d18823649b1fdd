"""Wiki imports: adversarial megabyte pages against a linear floor, and whole exports
(`khitomer import-wiki`) into a new server and into servers that already hold many entries.

Pages. The cases are the test suite's own (tests/domain/test_wiki_import.py: Markdown and plain
text; tests/services/test_wikitext.py: wikitext through mwparserfromhell and its guard). Each is
parsed at a quarter of its size and whole: linear code takes about four times as long for four
times the text. The floor is one regular-expression pass over the same text.

Exports. A generated export (bench/wiki_pages.py: articles of 150-600 words with an infobox,
sections, references and links; a redirect or a talk page now and then) goes into a new server
and into the server of bench/lore_owned_data.py holding 10,000 entries (100,000 with `--sizes`;
each size built first, in a database of its own). For each: pages per second of the import
(`--processes` worker processes parse while one transaction per batch writes), of a second run
of the same export (every article updated), and of a second export of the same kind imported in
one process (a thread of it parses), with that process's CPU per page. The floors, in the same
run and process: parsing alone (the second export's articles drafted and analysed, no database)
and writing alone (the rows its import writes, made beforehand, written with raw sqlite3
executemany into the same tables of the same server, titled apart, a transaction per batch);
`÷ floor` is the one-process import's CPU per page over the two floors' sum. CPU, not seconds:
the machine is shared, so seconds move with its load (the 1-minute load average after each row),
CPU much less. `one by one` is the path before batching (each page's links looked up, the page
converted and written by LoreService in a transaction of its own), 200 more new pages into the
same server. `/lore import` is one 40 KB page linking to 300 of the server's entries: looked up,
read and analysed in the worker process, and added, as the cog does (the median of 5), with the
longest event-loop stall of the five (bench/watchdog.py). `--processes` defaults to one per core
but one (the writer's).

    PYTHONPATH=. python bench/wiki_import.py [--pages 2000] [--sizes 0 10000 100000] [--processes N] [--zipf]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import itertools
import os
import re
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import NamedTuple, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the test suite's cases

import zipf_words
from lore_owned_data import generate_owned, owned_heads
from lore_search import OWNER, built
from watchdog import StallWatch
from wiki_import_floor import write_floor
from wiki_pages import wiki_export

from bot.domain.errors import InvalidInput
from bot.domain.lore import Kind
from bot.domain.wiki_import import parse_page
from bot.services.lore import LoreService
from bot.services.lore_bulk import import_export
from bot.services.lore_bulk_pages import Prepared, cores, prepare, workers
from bot.services.lore_import import OPERATOR, draft_of, known_entries, page_of, read_file, read_upload
from bot.services.wiki_export import read_export
from bot.services.worker_process import in_worker_process
from bot.storage import SqliteDatabase
from bot.storage import lore as store

WORDS = re.compile(r"\w+")
T = TypeVar("T")
ONE_BY_ONE = 200  # pages imported the old way


def seconds(work: object, text: str) -> float:
    started = time.perf_counter()
    with contextlib.suppress(InvalidInput):
        work(text)  # type: ignore[operator]
    return time.perf_counter() - started


def floor(text: str) -> float:
    started = time.perf_counter()
    sum(1 for _ in WORDS.finditer(text))
    return time.perf_counter() - started


def report(name: str, text: str, work: object) -> None:
    quarter, whole = seconds(work, text[: len(text) // 4]), seconds(work, text)
    print(f"  {name[:38]:38} {whole * 1000:8.1f} ms   ×{whole / max(quarter, 1e-6):5.1f} for 4× the text"
          f"   {whole / floor(text):7.1f}× a regex pass")  # fmt: skip


def adversarial() -> None:
    # here, not at the top: the import's worker processes load this module, not these pages
    from tests.domain.test_wiki_import import ADVERSARIAL as PAGES
    from tests.services.test_wikitext import ADVERSARIAL as WIKITEXT
    from tests.services.test_wikitext import known

    print("Markdown and plain-text pages, 1 MB each:")
    for name, text in PAGES.items():
        report(name, text, lambda t: parse_page(t, "x", markdown=True))
    print("Wikitext pages (mwparserfromhell behind its guard), about 1 MB each:")
    for name, text in WIKITEXT.items():
        report(name, text, lambda t: read_file(t.encode(), "page.wiki", known))


# -- whole exports -----------------------------------------------------------------------------


def cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the import's workers)."""
    used = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return sum(r.ru_utime + r.ru_stime for r in used)


async def one_by_one(service: LoreService, guild_id: int, data: bytes) -> int:
    """The path before batching: each page's links looked up, the page converted in a thread and
    written by LoreService in a transaction of its own. Pages read."""
    count = 0
    for page in itertools.islice(read_export(io.BytesIO(data)), ONE_BY_ONE):
        count += 1
        if page.skip is not None:
            continue
        with contextlib.suppress(InvalidInput):
            found = await known_entries(service, guild_id, page.text)
            draft = draft_of(await asyncio.to_thread(page_of, page, found.lookup), Kind.EVENT)
            key = await store.key_titled(service.db, guild_id, draft.title)
            if key is not None:
                await service.edit(guild_id, key, draft)
            else:
                await service.add(guild_id, OPERATOR, draft)
    return count


def big_page(linked: list[str]) -> bytes:
    """A 40 KB wikitext page for `/lore import`, linking to every entry of `linked`."""
    lines = ["'''Chronicle of the border''' tells of the envoys.\n"]
    for n, title in enumerate(linked * 4):
        lines.append(f"In {2200 + n % 200} the envoy of [[{title}]] signed the ''accord'' of sector {n}. ")
        if n % 20 == 19:
            lines.append(f"\n== Part {n // 20} ==\n")
    return "".join(lines)[:40_000].encode()


async def single_import(service: LoreService, guild_id: int, page: bytes) -> tuple[float, float]:
    """Median ms of a `/lore import` of `page` (the cog's steps: its links looked up, the page
    read and analysed in the worker process, the entry added), the entry removed after each, and
    the longest event-loop stall of the five imports (the first starts the worker process)."""
    taken = []
    async with StallWatch() as watch:
        for _ in range(5):
            started = time.perf_counter()
            found = await known_entries(service, guild_id, page.decode())
            upload = await in_worker_process(
                read_upload, page, "chronicle.wiki", found.lookup, Kind.SOURCE, None
            )
            entry = await service.add(guild_id, 1, upload.draft, upload.analysis)
            taken.append(time.perf_counter() - started)
            await service.remove(guild_id, entry.key)
    return statistics.median(taken) * 1000, watch.longest_ms


def nothing(_path: Path, _size: int) -> None:
    """A new server: no entries."""


class Export(NamedTuple):
    data: bytes
    pages: int
    prepared: list[Prepared]  # its articles, as the import's workers prepare them
    parse_cpu: float  # seconds to prepare them in this process (the stemmer's cache warm)


def exported(page_count: int, after: int) -> Export:
    data = wiki_export(page_count, after)
    pages = list(read_export(io.BytesIO(data)))
    articles = [page for page in pages if page.skip is None]
    prepare(articles, Kind.EVENT)  # warm, as an import's own thread is after its first pages
    started = time.process_time()
    prepared = [p for p in prepare(articles, Kind.EVENT) if isinstance(p, Prepared)]
    return Export(data, len(pages), prepared, time.process_time() - started)


async def postings_kept(db: SqliteDatabase) -> float:
    """The share of the server's postings in lore_postings: the rest, past their term's best, were
    left out (bot/storage/lore_floors.py); lore_terms counts every entry holding a term."""
    stored = await db.fetch_one("SELECT count(*) FROM lore_postings WHERE scope = ?", (OWNER,))
    held = await db.fetch_one("SELECT sum(entries) FROM lore_terms WHERE scope = ? AND term != ''", (OWNER,))
    return int(stored[0]) / max(int(held[0] or 0), 1) if stored and held else 1.0


async def timed(work: Awaitable[T]) -> tuple[T, float, float]:
    """What `work` returns, its seconds and this process's CPU seconds."""
    started, used = time.perf_counter(), cpu()
    done = await work
    return done, time.perf_counter() - started, cpu() - used


async def measure(size: int, first: Export, second: Export, third: bytes, processes: int) -> str:
    """One row of the table: imports into the server holding `size` entries, and the floors."""
    made = await built(generate_owned if size else nothing, size)
    service, db = made.service, made.db
    try:
        single, stall = await single_import(
            service, OWNER, big_page([head.title for head in owned_heads(300)])
        )
        imported, import_s, _ = await timed(
            import_export(service, OWNER, io.BytesIO(first.data), Kind.EVENT, processes=processes)
        )
        again, again_s, _ = await timed(
            import_export(service, OWNER, io.BytesIO(first.data), Kind.EVENT, processes=processes)
        )
        _alone, alone_s, alone_cpu = await timed(
            import_export(service, OWNER, io.BytesIO(second.data), Kind.EVENT, processes=0)
        )
        write_cpu = write_floor(made.path, second.prepared)
        old, old_s, _ = await timed(one_by_one(service, OWNER, third))
        kept = await postings_kept(db)
    finally:
        await service.stop()
        await db.close()
        shutil.rmtree(made.folder, ignore_errors=True)
    assert imported.imported + imported.updated == again.updated, "a second run updates what the first wrote"
    floor_ms = [x * 1000 / second.pages for x in (second.parse_cpu, write_cpu)]
    alone_ms = alone_cpu * 1000 / second.pages
    return (
        f"| {size:,} | {first.pages / import_s:,.0f} | {first.pages / again_s:,.0f}"
        f" | {second.pages / alone_s:,.0f} | {alone_ms:.2f} ms"
        f" | {floor_ms[0]:.2f} + {floor_ms[1]:.2f} ms | {alone_ms / sum(floor_ms):.2f}×"
        f" | {old / old_s:,.1f} | {single:,.0f} ms, stall {stall:.0f} ms"
        f" | {imported.imported:,} / {len(imported.skipped):,} | {kept:.0%}"
        f" | {os.getloadavg()[0]:.1f} |"
    )


async def exports(page_count: int, sizes: list[int], processes: int) -> None:
    after = max([*sizes, 0])
    first, second = exported(page_count, after), exported(page_count, after + page_count)
    third = wiki_export(ONE_BY_ONE, after + 2 * page_count)  # new pages, for the path before batches
    kb = sum(len(p.draft.body.encode()) for p in first.prepared) / len(first.prepared) / 1000
    print(f"\nWhole exports (khitomer import-wiki): {first.pages:,} pages, {len(first.prepared):,} of them"
          f" articles ({kb:.1f} KB of text each once converted), words of"
          f" {'Zipf' if zipf_words.zipfian() else 'the lists'}; {processes} worker process(es),"
          f" {cores()} cores")  # fmt: skip
    print("| server's entries | import pages/s | again (updates) pages/s | in one process pages/s"
          " | in one process CPU per page | floor CPU per page (parse + write) | ÷ floor"
          " | one by one pages/s | one `/lore import` (40 KB), loop stall | imported / skipped"
          " | postings kept | load |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        print(await measure(size, first, second, third, processes), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages of the export")
    parser.add_argument("--sizes", type=int, nargs="*", default=[0, 10_000], help="entries held")
    parser.add_argument("--processes", type=int, default=workers(), help="worker processes of the import")
    parser.add_argument("--no-pages", action="store_true", help="skip the adversarial pages")
    parser.add_argument(
        "--zipf", action="store_true", help="entries and pages in Zipf's words (zipf_words.py)"
    )
    args = parser.parse_args()
    if args.zipf:  # read by this process and the ones it starts
        os.environ[zipf_words.VOCABULARY_ENV] = "zipf"
    if not args.no_pages:
        adversarial()
    if args.sizes:
        asyncio.run(exports(args.pages, args.sizes, args.processes))


if __name__ == "__main__":
    main()
