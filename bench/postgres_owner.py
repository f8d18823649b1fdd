"""One server owning N entries on PostgreSQL (part 3 of bench/postgres.py, issue #21): the rows
of bench/lore_owner.py, brought to PostgreSQL the way an operator would bring them, and asked the
same questions against PostgreSQL's own full-text search over the same rows.

1. Build: `lore_owned_data.generate_owned` writes N entries of one server into a SQLite file
   (migrated first, as lore_search.built does), and `khitomer migrate-to-postgres`'s own code
   (`bot.ops.migrate_postgres.migrate_to_postgres`: a VACUUM INTO snapshot, every table COPY'd in one
   transaction, row counts checked, VACUUM ANALYZE) copies it into the bench's schema. Both timed.
   Between them, untimed in either: the lore service is started on the file once (canon indexed,
   as on a file a bot has run on), and the SQLite floor's FTS5 table, which no operator's file
   holds, is dropped.
2. The floor, built in SQL from the migrated lore_entries and canon: postgres_lore.py's weighted
   tsvector (names A, summary B, body D; 'english', so stemmed and without stop words) under a
   GIN index, a btree on the server; asked the same words OR'ed, `ORDER BY ts_rank`, canon and
   the owner only, planned for each question (plan_cache_mode = force_custom_plan). For
   autocomplete: a prefix tsquery (`word:*`, the earlier words whole) on a 'simple' tsvector of
   the names (title and aliases) under a GIN index of its own.
3. Asked through a LoreService on a PostgresDatabase: lore_owner.owner_questions() (plain
   questions, typo questions, autocomplete prefixes), each input asked of ours and at once of the
   floor (as lore_owner.paired does), with a StallWatch (bench/watchdog.py) beside each measure.
   Before that, ours alone on the same inputs: the floor's ts_rank reads the whole table (170 ms)
   and pushes our pages out of PostgreSQL's buffers, so ours asked right after it is slower than
   a member ever sees it (p50 3.4 against 5.8 ms, measured). Both are shown. A Markdown table of
   p50, p99 (alone and beside the floor), ours ÷ floor and the longest stall ends the part.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import asyncpg
from lore_owned_data import generate_owned
from lore_owner import Paired, owner_questions
from lore_owner import alone as asked_alone
from lore_search import OWNER, pct
from postgres_lore import floor_search
from watchdog import CollectionWatch, StallWatch

from bot.content.lore import canon_lore
from bot.domain import search as fts
from bot.domain.errors import KhitomerError
from bot.ops.garbage import set_start_up_aside
from bot.ops.migrate_postgres import migrate_to_postgres
from bot.services import lore_text as text
from bot.services.lore import LoreService
from bot.storage import SqliteDatabase
from bot.storage.lore import KEY_PREFIX
from bot.storage.postgres import PostgresDatabase

FLOOR = """
CREATE TABLE floor (
    key      TEXT NOT NULL,
    guild_id BIGINT NOT NULL,
    names    TEXT NOT NULL,
    summary  TEXT NOT NULL,
    body     TEXT NOT NULL,
    document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', names), 'A')
        || setweight(to_tsvector('english', summary), 'B')
        || setweight(to_tsvector('english', body), 'D')
    ) STORED,
    named    tsvector GENERATED ALWAYS AS (to_tsvector('simple', names)) STORED
)"""
# The owner's rows, from the migrated entries: the names are the title and the aliases (JSON).
FLOOR_FROM_ENTRIES = """
INSERT INTO floor (key, guild_id, names, summary, body)
SELECT $1 || id, guild_id,
       concat_ws(' ', title, (SELECT string_agg(a, ' ') FROM json_array_elements_text(aliases::json) AS a)),
       summary, body
FROM lore_entries"""
FLOOR_INDEXES = (
    "CREATE INDEX floor_document ON floor USING GIN (document);"
    " CREATE INDEX floor_named ON floor USING GIN (named);"
    " CREATE INDEX floor_guild ON floor (guild_id)"
)
FLOOR_PREFIX = (
    "SELECT key FROM floor, to_tsquery('simple', $1) AS q WHERE named @@ q AND guild_id IN (0, $2)"
    " ORDER BY ts_rank(named, q) DESC LIMIT 25"
)
HEADER = (
    "| server's own entries | measure | ours alone p50 | ours alone p99 | ours beside the floor p50 | p99 |"
    " PostgreSQL ts_rank floor p50 | floor p99 | ours ÷ floor, p50 | ours ÷ floor, p99 | longest stall |"
)


async def started_once(path: Path) -> None:
    """The lore service started on the file once, as lore_search.built does (canon indexed), so
    the file is one a bot has run on and the start on PostgreSQL is a restart."""
    db = await SqliteDatabase.open(path)
    await LoreService(db).start()
    await db.close()


def build_sqlite(folder: Path, count: int) -> tuple[Path, float, float]:
    """The owner's SQLite file (schema first, as lore_search.built does): its path, seconds to
    generate, and seconds to start the service on it once and drop the SQLite floor's FTS5 table."""
    path = folder / "lore.db"

    async def migrated() -> None:
        await (await SqliteDatabase.open(path)).close()

    asyncio.run(migrated())
    began = time.perf_counter()
    generate_owned(path, count)
    generated = time.perf_counter() - began
    began = time.perf_counter()
    asyncio.run(started_once(path))
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE floor")
    conn.commit()
    conn.close()
    return path, generated, time.perf_counter() - began


async def build_floor(url: str) -> tuple[float, int]:
    """The floor's table and indexes in the bench's schema: seconds, and its rows."""
    began = time.perf_counter()
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("SET synchronous_commit = on")  # VACUUM below may then mark pages visible
        await conn.execute(FLOOR)
        await conn.execute(FLOOR_FROM_ENTRIES, KEY_PREFIX)
        canon = [(e.key, 0, " ".join((e.title, *e.aliases)), e.summary, e.body) for e in canon_lore()]
        await conn.copy_records_to_table(
            "floor", records=canon, columns=["key", "guild_id", "names", "summary", "body"]
        )
        await conn.execute(FLOOR_INDEXES)
        await conn.execute("VACUUM ANALYZE floor")
        rows = int(await conn.fetchval("SELECT count(*) FROM floor"))
    finally:
        await conn.close()
    return time.perf_counter() - began, rows


async def floor_prefix(conn: asyncpg.Connection, typed: str, guild: int) -> list[str]:
    """The floor for autocomplete: names holding each typed word, the last one as a prefix."""
    words = fts.terms(typed)
    if not words:
        return []
    quoted = [f"'{w}'" for w in words[:-1]] + [f"'{words[-1]}':*"]  # words are letters and digits
    return [row[0] for row in await conn.fetch(FLOOR_PREFIX, " & ".join(quoted), guild)]


async def paired(
    ours: Callable[[str], Awaitable[object]],
    floor: Callable[[str], Awaitable[object]],
    asked: list[str],
    runs: int,
    rng: random.Random,
) -> tuple[Paired, StallWatch]:
    """lore_owner.paired with an awaited floor: each input asked of ours and then of the floor,
    `runs` times, with a stall watch beside the whole measure."""
    result = Paired([], [])
    async with StallWatch() as watch:
        for _ in range(runs):
            question = rng.choice(asked)
            started = time.perf_counter()
            with contextlib.suppress(KhitomerError):
                await ours(question)
            result.ours.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            await floor(question)
            result.floor.append((time.perf_counter() - started) * 1000)
    return result, watch


async def alone(
    ours: Callable[[str], Awaitable[object]], asked: list[str], runs: int, rng: random.Random
) -> tuple[list[float], StallWatch]:
    """lore_owner.alone with a stall watch beside it: the floor's ts_rank reads the whole table
    (170 ms) and pushes our pages out of PostgreSQL's buffers before each of ours when paired."""
    async with StallWatch() as watch:
        took = await asked_alone(ours, asked, runs, rng)
    return took, watch


async def ask(url: str, count: int, runs: int) -> tuple[list[str], str]:
    """The owner's questions through ours and the floor: the table's rows, and a summary line."""
    text.query_terms("warm the stemmer")
    db = await PostgresDatabase.open(url)
    async with StallWatch() as start_watch:
        started = time.perf_counter()
        service = LoreService(db)
        await service.start()  # a restart: canon was indexed in the SQLite file
        start_ms = (time.perf_counter() - started) * 1000
    set_start_up_aside()  # as `khitomer run` does before its gateway (issue #21)
    async with StallWatch() as first_watch:
        first = time.perf_counter()
        await service.suggest(OWNER, "ka")  # the first answer after start (nothing is loaded ahead)
        first_names = (time.perf_counter() - first) * 1000
    raw = await asyncpg.connect(url)
    await raw.execute("SET client_min_messages = warning")  # to_tsquery's notice for stop words only
    await raw.execute("SET plan_cache_mode = force_custom_plan")  # see postgres_lore.measure
    plain, typos, prefixes = owner_questions()
    answered = 0

    async def search(question: str) -> None:
        nonlocal answered
        found = await service.search(OWNER, question)
        answered += found.answer is not None

    async def floor(question: str) -> None:
        await floor_search(raw, question, OWNER)

    async def floor_names(typed: str) -> None:
        await floor_prefix(raw, typed, OWNER)

    load_before = os.getloadavg()[0]
    for question in plain + typos:  # once each, untimed: the same warm caches for ours and the floor
        with contextlib.suppress(KhitomerError):
            await service.search(OWNER, question)
        await floor(question)
    suggest = lambda p: service.suggest(OWNER, p)  # noqa: E731
    collections = CollectionWatch().start()  # Python's full collections while ours is asked
    by_itself = {  # the same inputs (the same seed), ours alone first
        "search": await alone(search, plain, runs, random.Random(7)),
        "typo": await alone(search, typos, runs // 2, random.Random(8)),
        "autocomplete": await alone(suggest, prefixes, runs, random.Random(9)),
    }
    answered = 0  # counted over the paired measure only
    measured = {
        "search": await paired(search, floor, plain, runs, random.Random(7)),
        "typo": await paired(search, floor, typos, runs // 2, random.Random(8)),
        "autocomplete": await paired(suggest, floor_names, prefixes, runs, random.Random(9)),
    }
    collections.stop()
    size = await db.size_bytes()
    await raw.close()
    await db.close()
    summary = (
        f"   {size / 2**20:,.0f} MiB in PostgreSQL (the floor's table included); start {start_ms:.0f} ms"
        f" ({start_watch}); first autocomplete after start {first_names:.1f} ms ({first_watch});"
        f" {answered} of {runs + runs // 2} searches gave an answer line; load average (1 min)"
        f" {load_before:.2f} before asking, {os.getloadavg()[0]:.2f} after; while asked, {collections}"
    )
    rows = []
    for what, label in (("search", "search"), ("typo", "typo questions"), ("autocomplete", "autocomplete")):
        (ours, floors), watch = measured[what]
        solo, solo_watch = by_itself[what]
        o50, o99 = statistics.median(ours), pct(ours, 0.99)
        f50, f99 = statistics.median(floors), pct(floors, 0.99)
        longest = max(watch.longest_ms, solo_watch.longest_ms)
        rows.append(f"| {count:,} | {label} | {statistics.median(solo):.2f} ms | {pct(solo, 0.99):.2f} ms"
                    f" | {o50:.2f} ms | {o99:.2f} ms | {f50:.2f} ms | {f99:.2f} ms"
                    f" | {o50 / f50:.2f}× | {o99 / f99:.2f}× | {longest:.1f} ms |")  # fmt: skip
    return rows, summary


def measure(url: str, count: int, runs: int) -> None:
    """Part 3 (run outside any event loop: migrate_to_postgres runs loops of its own)."""
    print(f"\n3. lore: one server owning {count:,} entries (and {len(canon_lore())} canon),"
          f" {runs} searches, {runs // 2} typo questions, {runs} autocompletes")  # fmt: skip
    load = os.getloadavg()[0]
    folder = Path(tempfile.mkdtemp(prefix="khitomer-owner-"))
    try:
        path, generated, dropped = build_sqlite(folder, count)
        megabytes = path.stat().st_size / 2**20
        print(f"   SQLite file generated in {generated:.0f} s ({megabytes:,.0f} MiB with its FTS5 floor);"
              f" the service started on it once and the floor dropped in {dropped:.1f} s;"
              f" load average (1 min) {load:.2f}")  # fmt: skip
        began = time.perf_counter()
        said = migrate_to_postgres(path, url)
        migrated = time.perf_counter() - began
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"   migrate_to_postgres: {migrated:.0f} s (snapshot, COPY of every table, VACUUM ANALYZE): {said}")
    floor_s, floor_rows = asyncio.run(build_floor(url))
    print(f"   floor: {floor_rows:,} rows, tsvectors, GIN indexes and VACUUM ANALYZE in {floor_s:.0f} s")
    rows, summary = asyncio.run(ask(url, count, runs))
    print(summary)
    print(f"\n{HEADER}\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
