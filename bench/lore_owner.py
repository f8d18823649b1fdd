"""One server owning all its lore (issue #20, `bench/lore_search.py --owner-sizes`): entries that
read like a server's own, built into a database beside canon, and asked through the whole answer
path against FTS5 bm25 over the same rows in the same run. Run through bench/lore_search.py."""

from __future__ import annotations

import contextlib
import gc
import os
import random
import shutil
import sqlite3
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import NamedTuple

from lore_owned_data import KIND_NOUN, generate_owned, owned_lore
from lore_search import FLOOR_RANKED, OWNER, QUESTIONS, TYPOS, built, floor_search, in_scopes, pct
from watchdog import CollectionWatch

from bot.domain import search as fts
from bot.domain.errors import KhitomerError
from bot.domain.lore import Kind


def owner_questions() -> tuple[list[str], list[str], list[str]]:
    """Plain questions, typo questions and autocomplete prefixes for the owner, the same at every
    size: the bench's QUESTIONS and TYPOS, and questions about its first 1,000 entries."""
    first = next(owned_lore(1000, batch=1000))
    picked = [first[n] for n in (6, 41, 98, 313, 500, 776, 887, 998)]
    plain = list(QUESTIONS)
    for entry in picked:
        name = entry.aliases[0] if entry.aliases and entry.kind is not Kind.SPECIES else entry.title
        plain.append(
            {Kind.PERSON: f"who was {name}", Kind.PLACE: f"where is {name}"}.get(
                entry.kind, f"what do we know about the {name} {KIND_NOUN[entry.kind]}"
            )
        )
        plain.append(entry.title)
    plain += ["which klingon house betrayed the romulan senate", "ceasefire at the neutral border"]
    typos = list(TYPOS)
    for entry in picked[:6]:
        word = max(entry.title.split(), key=len)
        typos.append(entry.title.replace(word, word[:2] + word[3:]))  # one letter dropped
    rng = random.Random(11)
    letters = "abcdefghijklmnopqrstuvwxyz"
    prefixes = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 3))) for _ in range(100)]
    prefixes += [entry.title[: rng.randint(4, 12)] for entry in rng.sample(first, 100)]
    return plain, typos, prefixes


def floor_prefix(conn: sqlite3.Connection, typed: str, guild: int) -> list[int]:
    """The floor for autocomplete: names holding each typed word, the last one as a prefix."""
    words = fts.terms(typed)
    if not words:
        return []
    quoted = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}" *']
    return [
        row[0]
        for row in conn.execute(
            FLOOR_RANKED,
            (in_scopes(guild, "names : (" + " AND ".join(quoted) + ")"),),
        )
    ]


class Paired(NamedTuple):
    ours: list[float]
    floor: list[float]


async def paired(
    ours: Callable[[str], Awaitable[object]],
    floor: Callable[[str], object],
    asked: list[str],
    runs: int,
    rng: random.Random,
) -> Paired:
    """Each input asked of ours and then of the floor, `runs` times: both see the same inputs, and
    the same moments of a noisy machine."""
    result = Paired([], [])
    for _ in range(runs):
        question = rng.choice(asked)
        started = time.perf_counter()
        with contextlib.suppress(KhitomerError):
            await ours(question)
        result.ours.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        floor(question)
        result.floor.append((time.perf_counter() - started) * 1000)
    return result


async def alone(
    ours: Callable[[str], Awaitable[object]], asked: list[str], runs: int, rng: random.Random
) -> list[float]:
    """Ours asked `runs` times with nothing between: the latency a member sees, with no read of
    the floor's (a scan of the whole table at 100,000 entries) just before each question."""
    took = []
    for _ in range(runs):
        question = rng.choice(asked)
        started = time.perf_counter()
        with contextlib.suppress(KhitomerError):
            await ours(question)
        took.append((time.perf_counter() - started) * 1000)
    return took


OWNER_HEADER = (
    "| server's own entries | measure | ours alone p50 | ours alone p99 | ours beside the floor p50 | p99 |"
    " FTS5 bm25 floor p50 | floor p99 | ours ÷ floor, p50 | ours ÷ floor, p99 |"
)


async def measure_owner(size: int, runs: int) -> list[str]:
    """One server owning `size` entries (and canon): table rows for search, typo questions and
    autocomplete, each against the FTS5 floor asked the same inputs over the same rows."""
    made = await built(generate_owned, size)
    folder, service, db, start_ms = made.folder, made.service, made.db, made.start_ms
    megabytes = sum(os.path.getsize(folder / name) for name in os.listdir(folder)) / 2**20  # noqa: ASYNC240
    raw = sqlite3.connect(made.path)
    plain, typos, prefixes = owner_questions()
    first = time.perf_counter()
    await service.suggest(OWNER, "ka")  # the first answer after start (nothing is loaded ahead)
    first_names = (time.perf_counter() - first) * 1000
    answered = 0

    async def search(question: str) -> None:
        nonlocal answered
        found = await service.search(OWNER, question)
        answered += found.answer is not None

    load_before = os.getloadavg()[0]
    for question in plain + typos:  # once each, untimed: the same warm caches for ours and the floor
        with contextlib.suppress(KhitomerError):
            await service.search(OWNER, question)
        floor_search(raw, question, OWNER)
    suggest = lambda p: service.suggest(OWNER, p)  # noqa: E731
    collections = CollectionWatch().start()  # Python's full collections while ours is asked
    by_itself = {  # the same inputs (the same seeds), ours alone first
        "search": await alone(search, plain, runs, random.Random(7)),
        "typo": await alone(search, typos, runs // 2, random.Random(8)),
        "autocomplete": await alone(suggest, prefixes, runs, random.Random(9)),
    }
    answered = 0  # counted over the paired measure only
    measured = {
        "search": await paired(search, lambda q: floor_search(raw, q, OWNER), plain, runs, random.Random(7)),
        "typo": await paired(
            search, lambda q: floor_search(raw, q, OWNER), typos, runs // 2, random.Random(8)
        ),
        "autocomplete": await paired(
            suggest, lambda p: floor_prefix(raw, p, OWNER), prefixes, runs, random.Random(9)
        ),
    }
    collections.stop()
    raw.close()
    await db.close()
    shutil.rmtree(folder, ignore_errors=True)
    print(f"\none server owning {size:,} entries (and {len(service.canon)} canon),"
          f" built in {made.seconds:.0f} s"
          f" ({megabytes:,.0f} MiB); start {start_ms:.0f} ms; first autocomplete"
          f" after start {first_names:.1f} ms;"
          f" {answered} of {runs + runs // 2} searches gave an answer line; load average (1 min)"
          f" {load_before:.2f} before asking, {os.getloadavg()[0]:.2f} after; while asked, {collections}"
          f" ({gc.get_freeze_count():,} objects set aside)")  # fmt: skip
    rows = []
    for what, label in (("search", "search"), ("typo", "typo questions"), ("autocomplete", "autocomplete")):
        ours, floor = measured[what]
        solo = by_itself[what]
        s50, s99 = statistics.median(solo), pct(solo, 0.99)
        o50, o99 = statistics.median(ours), pct(ours, 0.99)
        f50, f99 = statistics.median(floor), pct(floor, 0.99)
        print(f"  {label:14}: ours alone p50 {s50:6.2f}  p99 {s99:6.2f} ms; beside the floor p50 {o50:6.2f}"
              f"  p99 {o99:6.2f} ms; floor p50 {f50:6.2f}  p99 {f99:6.2f} ms;"
              f" ours/floor p50 {o50 / f50:5.2f}x  p99 {o99 / f99:5.2f}x")  # fmt: skip
        rows.append(f"| {size:,} | {label} | {s50:.2f} ms | {s99:.2f} ms | {o50:.2f} ms | {o99:.2f} ms"
                    f" | {f50:.2f} ms | {f99:.2f} ms | {o50 / f50:.2f}× | {o99 / f99:.2f}× |")  # fmt: skip
    return rows
