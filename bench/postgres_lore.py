"""Lore search on PostgreSQL (part 2 of bench/postgres.py): the entries, questions and prefixes of
bench/lore_search.py, 1,000 entries per server, asked from the server owning the first 1,000 and
from a server with none. The floor, in the same run: PostgreSQL's own full-text search over the
same rows (canon and server lore), a weighted tsvector (names A, summary B, body D; the 'english'
configuration, so stemmed and without stop words) under a GIN index, a btree on the server, asked
the same words OR'ed, `ORDER BY ts_rank(...)` with the same server filter, planned for each
question (plan_cache_mode = force_custom_plan).
"""

from __future__ import annotations

import statistics
import time

import asyncpg
from index_rows import TERM_COUNTS, NameRows
from lore_search import PER_SERVER, ask_all, pct, server_lore

from bot.content.lore import canon_lore
from bot.domain import search as fts
from bot.services import lore_text as text
from bot.services.lore import LoreService
from bot.storage.lore_index import word_row
from bot.storage.postgres import PostgresDatabase

ENTRY_COLUMNS = [
    "id", "guild_id", "title", "kind", "aliases", "year_start", "year_end", "factions", "summary", "body",
    "author_id", "created_at", "updated_at", "related", "postings",
]  # fmt: skip
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
    ) STORED
)"""
FLOOR_INDEXES = (
    "CREATE INDEX floor_document ON floor USING GIN (document); CREATE INDEX floor_guild ON floor (guild_id)"
)
FLOOR_QUERY = (
    "SELECT key FROM floor, to_tsquery('english', $1) AS q WHERE document @@ q AND guild_id IN (0, $2)"
    " ORDER BY ts_rank(document, q) DESC LIMIT 25"
)


async def server_version(url: str) -> str:
    conn = await asyncpg.connect(url)
    try:
        return str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()


async def build(url: str, count: int) -> tuple[float, float, float]:
    """Seconds to build `count` entries, how many of them PostgreSQL took (COPY, indexes, VACUUM
    ANALYZE; the rest is analysing the entries in Python, as the bot does on a write), and the
    share of the tables' pages VACUUM marked all-visible."""
    db = await PostgresDatabase.open(url)  # migrated
    await LoreService(db).start()  # canon indexed; no server lore yet, so none to index at start
    await db.close()
    started = time.perf_counter()
    conn = await asyncpg.connect(url)
    # Committed durably, so that VACUUM can mark the pages all-visible at once (with the throwaway
    # server's synchronous_commit=off it marks none, and every index-only scan reads the heap).
    await conn.execute("SET synchronous_commit = on")
    in_db = time.perf_counter()
    await conn.execute(FLOOR)
    canon = [(e.key, 0, " ".join((e.title, *e.aliases)), e.summary, e.body) for e in canon_lore()]
    await conn.copy_records_to_table(
        "floor", records=canon, columns=["key", "guild_id", "names", "summary", "body"]
    )
    in_db = time.perf_counter() - in_db
    seen: set[tuple[int, str]] = set()
    ids = NameRows()
    for made in server_lore(count):
        names, grams = ids.of((g.entry, g.found) for g in made)
        postings = [
            (g.entry.guild_id, t, round(v, 4), g.entry.key) for g in made for t, v in g.found.impacts.items()
        ]
        words = {word_row(g.entry.guild_id or 0, w) for g in made for w in g.found.words} - seen
        seen |= words
        floor = [(g.entry.key, g.entry.guild_id, g.entry.title, g.entry.summary, g.entry.body) for g in made]
        writing = time.perf_counter()
        async with conn.transaction():
            await conn.copy_records_to_table(
                "lore_entries", records=[g.row for g in made], columns=ENTRY_COLUMNS
            )
            await conn.copy_records_to_table("lore_postings", records=postings)
            await conn.copy_records_to_table("lore_words", records=sorted(words))
            await conn.copy_records_to_table("lore_names", records=names)
            await conn.copy_records_to_table("lore_name_grams", records=grams)
            await conn.copy_records_to_table(
                "floor", records=floor, columns=["key", "guild_id", "names", "summary", "body"]
            )
        in_db += time.perf_counter() - writing
    writing = time.perf_counter()
    for counting in TERM_COUNTS:
        await conn.execute(counting)
    await conn.execute(FLOOR_INDEXES)
    for table, last in (("lore_entries", count), ("lore_names", ids.last)):
        await conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), $1::bigint)", max(last, 1)
        )
    await conn.execute("VACUUM ANALYZE")  # as autovacuum would soon: index-only scans need the visibility map
    in_db += time.perf_counter() - writing
    visible = await conn.fetchval(
        "SELECT sum(relallvisible)::float / greatest(sum(relpages), 1) FROM pg_class"
        " WHERE relname IN ('lore_entries', 'lore_postings', 'lore_words', 'floor') AND relkind = 'r'"
        " AND relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
    )
    await conn.close()
    return time.perf_counter() - started, in_db, visible


async def floor_search(conn: asyncpg.Connection, query: str, guild: int) -> list[str]:
    words = fts.terms(query)
    if not words:
        return []
    return [row[0] for row in await conn.fetch(FLOOR_QUERY, " | ".join(words), guild)]


async def measure(url: str, count: int, runs: int) -> None:
    text.query_terms("warm the stemmer")
    built, in_db, visible = await build(url, count)
    db = await PostgresDatabase.open(url)
    started = time.perf_counter()
    service = LoreService(db)
    await service.start()
    start_ms = (time.perf_counter() - started) * 1000
    raw = await asyncpg.connect(url)
    await raw.execute("SET client_min_messages = warning")  # to_tsquery's notice for stop words only
    # Planned for each server asked: after five runs of a prepared statement PostgreSQL may keep a
    # generic plan, which ANDs the GIN matches of every server (96,000 rows for "empire" at 100k)
    # with the server's rows: 8.7 ms where the server's own plan takes 0.3.
    await raw.execute("SET plan_cache_mode = force_custom_plan")
    first_names, results = await ask_all(
        service, lambda question, guild: floor_search(raw, question, guild), runs
    )
    size = await db.size_bytes()
    await raw.close()
    await db.close()
    servers = max(1, count // PER_SERVER)
    print(f"\n2. lore: {count:,} server entries ({servers} servers), built in {built:.0f} s"
          f" ({in_db:.0f} s of it in PostgreSQL: COPY, indexes, VACUUM ANALYZE; {size / 2**20:.0f} MiB,"
          f" {visible:.0%} of pages all-visible);"
          f" start {start_ms:.0f} ms; first autocomplete after start {first_names:.1f} ms;"
          f" first question {results['first search'][0]:.1f} ms")  # fmt: skip
    print(f"   {runs} searches, {runs // 2} typos, {runs} autocompletes, {runs} floor questions per server")
    print("   measure                  owner p50 / p99 ms    no lore p50 / p99 ms    p99 ÷ floor p99")
    floors = {label: pct(results[f"floor {label}"], 0.99) for label in ("owner", "empty")}
    for what, name in (("search", "search"), ("typo", "typo repair"), ("autocomplete", "autocomplete"),
                       ("floor", "PostgreSQL FTS (floor)")):  # fmt: skip
        cells, ratios = [], []
        for label in ("owner", "empty"):
            samples = results[f"{what} {label}"]
            cells.append(f"{statistics.median(samples):7.2f} / {pct(samples, 0.99):6.2f}")
            ratios.append(f"{pct(samples, 0.99) / floors[label]:.2f}x")
        ratio = "" if what == "floor" else " / ".join(ratios)
        print(f"   {name:24} {cells[0]:>20}   {cells[1]:>20}    {ratio}")
