"""Lore search, autocomplete and start-up with the real entries plus 100,000 generated ones.

Floors measured in the same run: a naive scan (rapidfuzz over every title and summary),
raw sqlite3 running one FTS5 MATCH, and a minimal discord.py bot reaching READY. Prints
percentiles and ratios; asserts nothing.

    python bench/lore_search.py [--entries 100000] [--runs 200]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import discord
import simcord
from discord.ext import commands
from rapidfuzz import fuzz, process

from bot import create_bot
from bot.config import Settings
from bot.domain.errors import KhitomerError
from bot.services.lore import LoreService
from bot.storage import Database
from bot.storage.lore import INSERT_INDEX, names_text, server_key

GUILD = 4242
SYLLABLES = "ka ri to mek vor da lan sha qo nos tel ar zen bra kla dor hu ven sto rel ix".split()  # noqa: SIM905
COMMON = "the of and klingon empire federation romulan treaty fleet war peace council".split()  # noqa: SIM905
FILLER = "border colony outpost envoy signal convoy shipyard dilithium cruiser nebula sector".split()  # noqa: SIM905

QUERIES = [
    "klingon", "the", "empire federation", "the klingon empire", "praxis", "hectavious",
    "Kitomer", "Gowran", "Klach Dkel Brakt", "cloaking device", "chancellor murdered",
    "dilithium convoy", "border war peace", '" OR NEAR(', "🖖",
]  # fmt: skip


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def name(rng: random.Random) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(rng.randint(1, 3))
    )


def generate(path: Path, count: int) -> list[tuple[str, str]]:
    """Insert `count` server entries straight into the tables the store uses."""
    rng = random.Random(1701)
    rows, index, texts = [], [], []
    for i in range(1, count + 1):
        title = f"{name(rng)} {i}"
        summary = " ".join(rng.choice(COMMON + FILLER) for _ in range(20))
        body = " ".join(rng.choice(COMMON + FILLER + SYLLABLES) for _ in range(80))
        rows.append(
            (i, GUILD, title, "event", "[]", 2300 + i % 100, None, "[]", summary, body, 1, "now", "now")
        )
        index.append((server_key(i), GUILD, title, names_text(title, ()), summary, body))
        texts.append((title, summary))
    with sqlite3.connect(path) as conn:
        conn.executemany("INSERT INTO lore_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.executemany(INSERT_INDEX, index)
    return texts


async def timed(coro_factory, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await coro_factory()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


async def ready_ms(bot: commands.Bot) -> tuple[float, float]:
    """(ms until on_ready fires, ms until all start-up work has settled, lore warm-up included)."""
    marks: list[float] = []

    async def on_ready() -> None:
        marks.append(time.perf_counter())

    bot.add_listener(on_ready)
    started = time.perf_counter()
    async with simcord.run(bot, settle_timeout=60) as env:  # run() returns once start-up settled
        assert env.bot.is_ready()
        settled = time.perf_counter()
    await bot.close()
    return (marks[0] - started) * 1000, (settled - started) * 1000


async def main(entries: int, runs: int) -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "bench.db"
    db = await Database.open(path)
    await db.close()
    started = time.perf_counter()
    texts = generate(path, entries)
    print(f"generated {entries:,} entries in {time.perf_counter() - started:.1f} s")

    db = await Database.open(path)
    lore = LoreService(db)
    await lore.start()  # first start: canon indexed
    texts += [(e.title, e.summary) for e in lore.canon]

    # -- search -------------------------------------------------------------------------------
    rng = random.Random(7)
    ours: list[float] = []
    per_query: dict[str, list[float]] = {q: [] for q in QUERIES}
    for _ in range(runs):
        query = rng.choice(QUERIES)
        started = time.perf_counter()
        with contextlib.suppress(KhitomerError):  # "search for a word" refusals are answers too
            await lore.search(GUILD, query)
        elapsed = (time.perf_counter() - started) * 1000
        ours.append(elapsed)
        per_query[query].append(elapsed)

    choices = [f"{t} {s}" for t, s in texts]
    naive: list[float] = []
    for query in rng.sample(QUERIES, 5):
        started = time.perf_counter()
        process.extract(query, choices, scorer=fuzz.WRatio, limit=50)
        naive.append((time.perf_counter() - started) * 1000)

    raw = sqlite3.connect(path)
    floor: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        raw.execute("SELECT rowid FROM lore_search WHERE lore_search MATCH 'praxis' LIMIT 50").fetchall()
        floor.append((time.perf_counter() - started) * 1000)
    raw.close()

    print("\nsearch (ms)              p50      p99      max")
    print(f"  Khitomer search    {pct(ours, 0.5):8.2f} {pct(ours, 0.99):8.2f} {max(ours):8.2f}")
    print(f"  raw FTS5 rare term {pct(floor, 0.5):8.2f} {pct(floor, 0.99):8.2f} {max(floor):8.2f}   (floor)")
    print(
        f"  naive scan         {statistics.median(naive):8.2f} {max(naive):8.2f} {max(naive):8.2f}   (floor)"
    )
    print(
        "  worst queries (p99): "
        + ", ".join(
            f"{q!r} {pct(v, 0.99):.2f}"
            for q, v in sorted(per_query.items(), key=lambda kv: -pct(kv[1], 0.99) if kv[1] else 0)[:4]
            if v
        )
    )
    print(f"  naive median / Khitomer p99: {statistics.median(naive) / pct(ours, 0.99):8.1f}x")

    # -- autocomplete -----------------------------------------------------------------------------
    prefixes = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 3)))
        for _ in range(runs)
    ]
    complete: list[float] = []
    for prefix in prefixes:
        started = time.perf_counter()
        await lore.suggest(GUILD, prefix)
        complete.append((time.perf_counter() - started) * 1000)
    naive_complete: list[float] = []
    names = [t for t, _ in texts]
    for prefix in prefixes[:5]:
        started = time.perf_counter()
        process.extract(prefix, names, scorer=fuzz.WRatio, limit=25)
        naive_complete.append((time.perf_counter() - started) * 1000)
    print("\nautocomplete, 1-3 letter prefixes (ms)")
    print(f"  Khitomer    p50 {pct(complete, 0.5):.3f}  p99 {pct(complete, 0.99):.3f}")
    slow = statistics.median(naive_complete)
    print(f"  naive scan  median {slow:.1f}  ({slow / pct(complete, 0.99):.0f}x our p99)")
    await db.close()

    # -- start-up with unchanged content ---------------------------------------------------------
    minimal, minimal_settled = await ready_ms(
        commands.Bot(command_prefix="!", intents=discord.Intents(guilds=True))
    )
    khitomer, warm = await ready_ms(create_bot(Settings(database_path=path)))
    print(f"\nstart-up, content unchanged, {entries:,} server entries in the database")
    print(f"  minimal discord.py bot: READY {minimal:.1f} ms, settled {minimal_settled:.1f} ms   (floor)")
    ratio = khitomer / minimal_settled
    print(f"  Khitomer to READY               {khitomer:8.1f} ms   ({ratio:.1f}x the settled floor)")
    print(f"  Khitomer, all start-up work done {warm:8.1f} ms   (server lore names loaded after READY)")
    print(
        json.dumps(
            {
                "search_p99_ms": round(pct(ours, 0.99), 2),
                "autocomplete_p99_ms": round(pct(complete, 0.99), 3),
                "naive_over_p99": round(statistics.median(naive) / pct(ours, 0.99), 1),
                "startup_ms": round(khitomer),
            }
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(main(args.entries, args.runs))
