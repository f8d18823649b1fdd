"""Lore search, autocomplete and typo repair at 1k to 1M server entries, against plain FTS5 bm25
over the same rows in the same run.

Server lore is generated (syllable titles; summaries and bodies drawn from a small word list, so
"klingon", "empire" and "the" sit in most entries) and spread over servers of 1,000 entries.
Questions are asked from a server that owns 1,000 of them and from a server with none. The
floor is one FTS5 table holding the same rows (canon and server lore), asked the same words with
`ORDER BY bm25(...)` and the same server filter: the honest cost of ranked full-text search in
SQLite.

Server lore spread over many servers never shows what one server with a great deal of lore of its
own costs. `--owner-sizes` builds, for each size, a database where one server owns that many
entries (titles by kind, aliases, summaries and 100-400-word bodies: bench/lore_owned_data.py) beside
canon, and asks it plain questions, questions with typos and autocompletes through
`LoreService.search` (the whole answer, the answer line included) and `LoreService.suggest`. Each
input is asked of ours and then of the floor (FTS5 over the same rows, bm25; a prefix query on the
names for autocomplete), and a Markdown table of p50, p99 and ours / floor ends the run.

    python bench/lore_search.py [--sizes 1000 10000 100000] [--owner-sizes 1000] [--runs 300]

Issue #20 asks for `--owner-sizes 1000 100000` (not a default: 10 minutes on 2 cores under load, 440 s
of it building 1.4 GB); `--sizes` or `--owner-sizes` with no size skips those rows.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from index_rows import GRAMS_INSERT, NAMES_INSERT, TERM_COUNTS, NameRows

from bot.content.lore import canon_lore
from bot.domain import search as fts
from bot.domain.errors import KhitomerError
from bot.domain.lore import Kind, LoreEntry
from bot.domain.lore_query import STOP_WORDS
from bot.ops.garbage import set_start_up_aside
from bot.services import lore_text as text
from bot.services.lore import SERVER_INDEX, SERVER_INDEX_VERSION, LoreService, analysed
from bot.storage import SqliteDatabase
from bot.storage import lore_index as index
from bot.storage.lore import server_key
from bot.storage.lore_index import Analysed

PER_SERVER = 1000
OWNER, EMPTY = 1, 999_999_999
SYLLABLES = "ka ri to mek vor da lan sha qo nos tel ar zen bra kla dor hu ven sto rel ix".split()  # noqa: SIM905
COMMON = "the of and klingon empire federation romulan treaty fleet war peace council".split()  # noqa: SIM905
FILLER = "border colony outpost envoy signal convoy shipyard dilithium cruiser nebula sector".split()  # noqa: SIM905
QUESTIONS = [
    "what ships did the klingons give the romulans", "who negotiated the alliance", "klingon",
    "the klingon empire", "empire federation", "dilithium convoy", "when did praxis explode",
    "where is the shipyard", "border war peace", "council of the empire", "Kahless the Unforgettable",
    "treaty of algeron", '" OR NEAR(',
]  # fmt: skip
TYPOS = ["klingn", "federaton", "dilithum", "shipyrd", "Gowran", "Kitomer", "romulen convoy"]
ENTRY_INSERT = (  # named columns: later migrations add columns with defaults
    "INSERT INTO lore_entries (id, guild_id, title, kind, aliases, year_start, year_end, factions, summary,"
    " body, author_id, created_at, updated_at, related, postings)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# guild_id is an indexed column, so the floor filters by server inside MATCH (doclists
# intersected) rather than after ranking every server's matches: a fair floor (issue #21).
FTS = "CREATE VIRTUAL TABLE floor USING fts5(key UNINDEXED, guild_id, title, names, summary, body)"


FLOOR_RANKED = (
    "SELECT rowid FROM floor WHERE floor MATCH ? ORDER BY bm25(floor, 0, 0, 10.0, 10.0, 4.0, 1.0) LIMIT 25"
)


def in_scopes(guild: int, match: str) -> str:
    """An FTS5 query limited to canon and one server's rows."""
    return f"guild_id : (0 OR {guild}) AND ({match})"


def floor_terms(query: str) -> list[str]:
    """The floor's words: the question's, without the stop words ours drops too."""
    return [w for w in fts.terms(query) if w not in STOP_WORDS]


def pct(samples: list[float], q: float) -> float:
    return sorted(samples)[min(len(samples) - 1, int(q * len(samples)))]


def title_of(rng: random.Random, i: int) -> str:
    words = (
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(rng.randint(1, 2))
    )
    return " ".join(w.capitalize() for w in words) + f" {i}"


class Generated(NamedTuple):
    """One generated server entry: its lore_entries row, and what the index keeps of it."""

    row: tuple[object, ...]
    entry: LoreEntry
    found: Analysed


def server_lore(count: int, batch: int = 10_000) -> Iterator[list[Generated]]:
    """`count` server entries in batches, the same every run (bench/postgres_lore.py shares them)."""
    rng = random.Random(1701)
    for start in range(0, count, batch):
        made = []
        for i in range(start + 1, min(count, start + batch) + 1):
            guild = OWNER if i <= PER_SERVER else 1000 + i // PER_SERVER
            title = title_of(rng, i)
            summary = " ".join(rng.choice(COMMON + FILLER) for _ in range(16))
            body = " ".join(rng.choice(COMMON + FILLER + SYLLABLES) for _ in range(40))
            year = 2300 + i % 100
            entry = LoreEntry(server_key(i), title, Kind.EVENT, summary, body, (), guild_id=guild)
            found = analysed(entry)
            kept = index.impacts_json(found.impacts)
            row = (i, guild, title, "event", "[]", year, None, "[]", summary, body, 1, "now", "now", "[]")
            row += (kept,)
            made.append(Generated(row, entry, found))
        yield made


def generate(path: Path, count: int) -> None:
    """`count` server entries, in the store's tables and its index, and in the floor's FTS5."""
    conn = sqlite3.connect(path)
    conn.execute(FTS)
    canon = canon_lore()
    conn.executemany(
        "INSERT INTO floor VALUES (?, 0, ?, ?, ?, ?)",
        [(e.key, e.title, " ".join((e.title, *e.aliases)), e.summary, e.body) for e in canon],
    )
    ids = NameRows()
    for made in server_lore(count):
        rows, postings, words, floor = [], [], [], []
        names, grams = ids.of((g.entry, g.found) for g in made)
        for row, entry, found in made:
            guild = entry.guild_id
            rows.append(row)
            postings += [(guild, t, round(v, 4), entry.key) for t, v in found.impacts.items()]
            words += [index.word_row(guild, w) for w in found.words]
            floor.append((entry.key, guild, entry.title, entry.title, entry.summary, entry.body))
        conn.executemany(ENTRY_INSERT, rows)
        conn.executemany(index.POSTINGS_INSERT, postings)
        conn.executemany(index.WORDS_INSERT, words)
        conn.executemany("INSERT INTO floor VALUES (?, ?, ?, ?, ?, ?)", floor)
        conn.executemany(NAMES_INSERT, names)
        conn.executemany(GRAMS_INSERT, grams)
        conn.commit()
    for counting in TERM_COUNTS:
        conn.execute(counting)
    # the index was made by this analyser: start-up need not rebuild it
    version = (SERVER_INDEX, SERVER_INDEX_VERSION)
    conn.execute("INSERT OR REPLACE INTO content_versions (name, hash) VALUES (?, ?)", version)
    conn.commit()
    conn.close()


async def timed(work: Callable[[], Awaitable[object]], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        with contextlib.suppress(KhitomerError):  # a refusal (stop words only, hostile input) answers too
            await work()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def floor_search(conn: sqlite3.Connection, query: str, guild: int) -> list[int]:
    words = floor_terms(query)
    if not words:
        return []
    return [
        row[0]
        for row in conn.execute(
            FLOOR_RANKED,
            (in_scopes(guild, fts.match_any(words)),),
        )
    ]


async def ask_all(
    service: LoreService, floor: Callable[[str, int], Awaitable[object]], runs: int
) -> tuple[float, dict[str, list[float]]]:
    """Ms of the first autocomplete after start, and samples (ms) by measure and server: search,
    typo repair, the floor's search and autocomplete, from the owner and from a server with none,
    and ("first search") the first question after start, alone. Every question is then asked once
    of ours and of the floor, untimed, before the timed blocks: the first questions of a process
    pay for its connections' first statements (on PostgreSQL a prepare on each pooled connection,
    27.6 ms for the very first), which would otherwise be the whole p99 of the first block.
    Shared with postgres_lore.py, so both backends are asked the same things in the same order."""
    rng = random.Random(7)
    first = time.perf_counter()
    await service.suggest(OWNER, "ka")  # the first answer after start (nothing is loaded ahead)
    first_names = (time.perf_counter() - first) * 1000
    first_search = await timed(lambda: service.search(OWNER, QUESTIONS[0]), 1)
    results: dict[str, list[float]] = {"first search": first_search}
    for question in QUESTIONS + TYPOS:
        for guild in (OWNER, EMPTY):
            with contextlib.suppress(KhitomerError):
                await service.search(guild, question)
            await floor(question, guild)
    for label, guild in (("owner", OWNER), ("empty", EMPTY)):
        results[f"search {label}"] = await timed(
            lambda g=guild: service.search(g, rng.choice(QUESTIONS)), runs
        )
        results[f"typo {label}"] = await timed(
            lambda g=guild: service.search(g, rng.choice(TYPOS)), runs // 2
        )
        results[f"floor {label}"] = await timed(lambda g=guild: floor(rng.choice(QUESTIONS + TYPOS), g), runs)
    letters = "abcdefghijklmnopqrstuvwxyz"
    prefixes = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 3))) for _ in range(runs // 2)] + [
        title_of(random.Random(n), n)[: rng.randint(4, 12)] for n in range(runs // 2)
    ]
    results["autocomplete owner"] = await timed(lambda: service.suggest(OWNER, rng.choice(prefixes)), runs)
    results["autocomplete empty"] = await timed(lambda: service.suggest(EMPTY, rng.choice(prefixes)), runs)
    return first_names, results


class Built(NamedTuple):
    folder: Path
    path: Path
    seconds: float  # to build the rows
    db: SqliteDatabase
    service: LoreService
    start_ms: float  # to start the lore service on them


async def built(make: Callable[[Path, int], None], size: int) -> Built:
    """A fresh database (its schema first, then `size` entries by `make`), with the lore service
    started on it, both timed; then start-up's objects are set aside from garbage collection."""
    folder = Path(tempfile.mkdtemp())
    path = folder / "lore.db"
    await (await SqliteDatabase.open(path)).close()
    began = time.perf_counter()
    make(path, size)
    seconds = time.perf_counter() - began
    db = await SqliteDatabase.open(path)
    started = time.perf_counter()
    service = LoreService(db)
    await service.start()
    start_ms = (time.perf_counter() - started) * 1000
    set_start_up_aside()  # as `khitomer run` does before its gateway (issue #21)
    return Built(folder, path, seconds, db, service, start_ms)


async def measure(size: int, runs: int) -> None:
    made = await built(generate, size)
    service, db, built_s, start_ms = made.service, made.db, made.seconds, made.start_ms
    raw = sqlite3.connect(made.path)

    async def floor(question: str, guild: int) -> None:
        floor_search(raw, question, guild)

    first_names, results = await ask_all(service, floor, runs)
    raw.close()
    await db.close()
    print(f"\n{size:,} server entries ({max(1, size // PER_SERVER)} servers), built in {built_s:.0f} s;"
          f" start {start_ms:.0f} ms; first autocomplete after start {first_names:.1f} ms;"
          f" first question {results['first search'][0]:.1f} ms")  # fmt: skip
    for label in ("owner", "empty"):
        floor = pct(results[f"floor {label}"], 0.99)
        for what in ("search", "typo"):
            samples = results[f"{what} {label}"]
            p50, p99 = statistics.median(samples), pct(samples, 0.99)
            print(f"  {what:6} from {label:5}: p50 {p50:6.2f}  p99 {p99:6.2f} ms"
                  f"  ({p99 / floor:5.2f}x FTS5 bm25 p99 {floor:.2f} ms)")  # fmt: skip
        auto = results[f"autocomplete {label}"]
        print(f"  autocomplete {label:5}: p50 {statistics.median(auto):6.3f}  p99 {pct(auto, 0.99):6.3f} ms"
              f"  ({pct(auto, 0.99) / floor:5.2f}x)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--owner-sizes", type=int, nargs="*", default=[1000])  # 100000: about +10 min
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    text.query_terms("warm the stemmer")
    started = time.perf_counter()
    for size in args.sizes:
        asyncio.run(measure(size, args.runs))
    from lore_owner import OWNER_HEADER, measure_owner  # the owner rows (bench/lore_owner.py)

    rows = [row for size in args.owner_sizes for row in asyncio.run(measure_owner(size, args.runs))]
    if rows:
        print(f"\n{OWNER_HEADER}\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print("\n".join(rows))
    print(f"\nwhole run {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
