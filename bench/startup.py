"""Start-up cost: Khitomer to READY against floors measured in the same run, and the first lore
answer after a start in a server that owns a great deal of lore.

Floors: a minimal discord.py bot (no cogs, no storage) to READY under SimCord, and raw
sqlite3 opening a WAL database. Prints medians and ratios; asserts nothing (machines are
noisy: read the ratios, not the milliseconds). A stall watchdog (bench/watchdog.py) runs beside
every scenario and each line ends with the longest event-loop stall it saw (issue #21: none
over 50 ms).

One server owning N entries (`--owner-sizes`, issue #21): for each size a fresh database is built
before any clock starts (bench/lore_owned_data.py: one server owning N entries beside canon, the
same rows as `lore_search.py --owner-sizes`) and started once, untimed, so every timed run is a
restart. Then, `--owner-runs` times: create_bot() to READY under SimCord, and the first
`/lore search` question of that server ("who was Klakla Vennos") answered through the bot's own
LoreService, in ms after READY; then the same question again (warm). Longest stalls are reported
for start to READY, for the first answer, and for the whole run (shutdown included).

    python bench/startup.py [--runs 15] [--owner-sizes 1000 100000] [--owner-runs 3]

The 100,000-entry database (the issue's size, 1.4 GB) takes about 2.5 minutes to build on 2 quiet
cores (longer under load); `--owner-sizes 1000 20000` is a quicker sweep, and `--owner-sizes`
with no size skips these rows.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import NamedTuple

import discord
import simcord
from discord.ext import commands
from lore_owned_data import generate_owned, owned_lore
from lore_search import OWNER
from watchdog import StallWatch

from bot import create_bot
from bot.application.app import KhitomerBot
from bot.config import Settings
from bot.domain.lore import Kind
from bot.services.lore import LoreService
from bot.storage import SqliteDatabase
from cogs.lore._components import lore_service

# KhitomerBot is an AutoShardedBot with no shard count (discord.py asks Discord how many): SimCord
# must be told how many shards it answers, as the tests do (tests/conftest.py): one.
SHARDS = 1


class Timed(NamedTuple):
    ms: float  # median
    stall_ms: float  # longest event-loop stall over all runs


async def median_ms(runs: int, job: Callable[[Path], Awaitable[None]]) -> Timed:
    samples, stalls = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            gc.collect()  # the bench's own garbage is not the scenario's stall
            async with StallWatch() as watch:
                started = time.perf_counter()
                await job(Path(folder))
                samples.append((time.perf_counter() - started) * 1000)
            stalls.append(watch.longest_ms)
    return Timed(statistics.median(samples), max(stalls))


@contextlib.asynccontextmanager
async def khitomer(settings: Settings) -> AsyncIterator[KhitomerBot]:
    """create_bot() under SimCord, READY on entry; closed (storage too) on the way out, since
    SimCord detaches a bot without closing it."""
    bot = create_bot(settings)
    ready = False
    try:
        async with simcord.run(bot, shard_count=SHARDS) as env:
            ready = env.bot.is_ready()
            assert ready, "SimCord returned before READY"
            yield bot
    finally:
        if ready:
            await bot.close()
        else:  # never started: close() would fail on discord.py's unstarted shard queue
            with contextlib.suppress(RuntimeError):
                await bot.db.close()


async def minimal_bot_ready(_folder: Path) -> None:
    bot = commands.Bot(command_prefix="!", intents=discord.Intents(guilds=True))
    async with simcord.run(bot) as env:
        assert env.bot.is_ready()


async def khitomer_ready(folder: Path) -> None:
    async with khitomer(Settings(database_path=folder / "k.db")):
        pass


async def raw_sqlite_open(folder: Path) -> None:
    conn = sqlite3.connect(folder / "raw.db")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


async def storage_open(folder: Path) -> None:
    db = await SqliteDatabase.open(folder / "k.db")
    await db.close()


# -- one server owning N entries: start-up and its first answer ------------------------------------


def owner_question() -> str:
    """A "who was …" question about the first person among the owner's entries (entry i is the
    same at every size, so the question is too)."""
    person = next(e for e in next(owned_lore(1000, batch=1000)) if e.kind is Kind.PERSON)
    return f"who was {person.aliases[0] if person.aliases else person.title}"


async def build_owner(size: int) -> tuple[Path, float, float]:
    """A database where server OWNER owns `size` entries beside canon, then started once, so that
    the timed starts are restarts: the lore service first (canon indexed, and anything this code's
    index wants that the generator did not write, awaited), then the bot (every other cog's
    first-start work). Seconds to generate, and for that first start."""
    folder = Path(tempfile.mkdtemp(prefix=f"khitomer-startup-{size}-"))
    path = folder / "k.db"
    await (await SqliteDatabase.open(path)).close()  # the schema, by the migrations
    try:
        began = time.perf_counter()
        generate_owned(path, size)
        generated = time.perf_counter()
        db = await SqliteDatabase.open(path)
        try:
            await LoreService(db).start()
        finally:
            await db.close()
        async with khitomer(Settings(database_path=path)):
            pass
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # 1.4 GB at 100,000 entries
        raise
    return path, generated - began, time.perf_counter() - generated


class OwnerRun(NamedTuple):
    ready_ms: float  # create_bot() to READY
    first_ms: float  # the first answer, after READY
    again_ms: float  # the same question again
    stall_ready_ms: float
    stall_first_ms: float
    stall_whole_ms: float  # start, both answers and the shutdown
    answered: bool  # an answer line (not only a list of entries)
    top: str  # the first hit's title


async def owner_run(path: Path, question: str) -> OwnerRun:
    gc.collect()  # the build's garbage is not the scenario's stall
    async with StallWatch() as whole:
        starting = await StallWatch().start()
        try:
            began = time.perf_counter()
            async with khitomer(Settings(database_path=path)) as bot:
                ready = time.perf_counter()
                await starting.stop()
                service: LoreService = lore_service(bot)
                async with StallWatch() as answering:
                    found = await service.search(OWNER, question)
                first = time.perf_counter()
                await service.search(OWNER, question)
                again = time.perf_counter()
        finally:
            await starting.stop()
    return OwnerRun(
        ready_ms=(ready - began) * 1000,
        first_ms=(first - ready) * 1000,
        again_ms=(again - first) * 1000,
        stall_ready_ms=starting.longest_ms,
        stall_first_ms=answering.longest_ms,
        stall_whole_ms=whole.longest_ms,
        answered=found.answer is not None,
        top=found.hits[0].entry.title if found.hits else "-",
    )


async def measure_owner(size: int, runs: int, question: str) -> list[str]:
    """Markdown rows for one server owning `size` entries: medians of `runs` restarts, and the
    longest stalls of any of them."""
    load = os.getloadavg()[0]
    path, built_s, first_s = await build_owner(size)
    megabytes = sum(f.stat().st_size for f in path.parent.iterdir()) / 2**20
    try:
        made = [await owner_run(path, question) for _ in range(runs)]
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)

    ready, first, again = (statistics.median(getattr(r, f) for r in made) for f in OwnerRun._fields[:3])
    to_ready, answering, whole = (max(getattr(r, f) for r in made) for f in OwnerRun._fields[3:6])
    answered = sum(r.answered for r in made)
    print(f"\none server owning {size:,} entries: built in {built_s:.0f} s ({megabytes:,.0f} MiB),"
          f" first start (untimed) {first_s:.1f} s; {runs} restarts; load average (1 min) {load:.2f} before,"
          f" {os.getloadavg()[0]:.2f} after")  # fmt: skip
    print(f"  create_bot() to READY          {ready:8.1f} ms   longest stall {to_ready:7.1f} ms")
    print(f"  first answer, ms after READY   {first:8.1f} ms   longest stall {answering:7.1f} ms"
          f"   ({answered} of {runs} with an answer line; first hit {made[0].top!r})")  # fmt: skip
    print(f"  the same question again        {again:8.1f} ms")
    print(f"  longest stall of the whole run (start, answers, shutdown): {whole:.1f} ms")
    return [
        f"| {size:,} | {ready:.1f} ms | {first:.1f} ms | {again:.1f} ms"
        f" | {to_ready:.1f} ms | {answering:.1f} ms | {whole:.1f} ms |"
    ]


OWNER_HEADER = (
    "| server's own entries | create_bot() to READY | first answer after READY | same question again"
    " | longest stall to READY | longest stall, first answer | longest stall, whole run |\n"
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


async def main(runs: int, owner_sizes: list[int], owner_runs: int) -> None:
    rows = {
        "raw sqlite3 open + WAL (floor)": await median_ms(runs, raw_sqlite_open),
        "Database.open, fresh file, migrations": await median_ms(runs, storage_open),
        "minimal discord.py bot to READY (floor)": await median_ms(runs, minimal_bot_ready),
        "Khitomer bot to READY, fresh database": await median_ms(runs, khitomer_ready),
    }
    print(f"median of {runs} runs; READY rows include SimCord's shutdown (and the bot's close)")
    for name, (value, stall) in rows.items():
        print(f"{name:<42} {value:8.2f} ms   longest stall {stall:7.1f} ms")
    values = [timed.ms for timed in rows.values()]
    print(f"storage open / raw sqlite3 floor:   {values[1] / values[0]:6.1f}x")
    print(f"Khitomer ready / minimal bot floor: {values[3] / values[2]:6.1f}x")
    if not owner_sizes:
        return
    question = owner_question()
    print(f"\nthe question: {question!r}")
    table = [OWNER_HEADER]
    for size in owner_sizes:
        table += await measure_owner(size, owner_runs, question)
    print("\n" + "\n".join(table))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--owner-sizes", type=int, nargs="*", default=[1000, 100_000])
    parser.add_argument("--owner-runs", type=int, default=3)
    args = parser.parse_args()
    asyncio.run(main(args.runs, args.owner_sizes, args.owner_runs))
