"""Khitomer on PostgreSQL, against raw asyncpg doing the same work in the same run.

1. Game actions per second through the service (AccordService.act: SELECT ... FOR UPDATE, UPDATE
   games, upsert the touched article, INSERT the event, one transaction), from one process and
   from two at once (spawned, each with its own PostgresDatabase): each on a game of its own, and
   both on the same game (serialised on its row lock). Floor: asyncpg on one connection running
   the same statements with every JSON payload prepared in advance. Also shown: the same floor
   taking a connection from an asyncpg pool for each action, configured as PostgresDatabase's
   (released without asyncpg's reset statement).
2. Lore search, typo repair and autocomplete p99 at 100,000 server entries (bench/postgres_lore.py),
   against PostgreSQL's own full-text search over the same rows.
3. One server owning N entries (bench/postgres_owner.py, issue #21): bench/lore_owner.py's rows,
   made in SQLite and copied over by `khitomer migrate-to-postgres`'s own code, asked its plain
   questions, typo questions and autocompletes against PostgreSQL's ts_rank over the same rows,
   with the longest event-loop stall of each measure.

Without --url a throwaway server is started (tests/support/postgres.py: fsync off,
synchronous_commit off). Everything is written to a schema of its own, dropped at the end.

    PYTHONPATH=. python bench/postgres.py [--url URL] [--actions 3000] [--rounds 5]
        [--entries 100000] [--runs 300] [--skip-actions] [--skip-lore] [--owner-entries 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import statistics
import time
from collections.abc import Iterator
from typing import Any

import asyncpg
import postgres_lore
import postgres_owner
from accords import GUILD, POWERS, A, B, answers, negotiating
from lore_search import pct

from bot.domain.accords import commands as c
from bot.domain.accords import events as e
from bot.services.accords import AccordService
from bot.storage.game_codec import dump_event
from bot.storage.postgres import PostgresDatabase, describe

ARTICLES = 10
# an action's statements (AccordService.act), as bot/storage/postgres.py numbers them
LOCK = "SELECT version, state FROM games WHERE id = $1 AND guild_id = $2 FOR UPDATE"
UPDATE = "UPDATE games SET version = $1, state = $2 WHERE id = $3 AND version = $4"
ARTICLE = (
    "INSERT INTO game_articles (game_id, number, data) VALUES ($1, $2, $3)"
    " ON CONFLICT (game_id, number) DO UPDATE SET data = excluded.data"
)
EVENT = "INSERT INTO game_events (game_id, seq, at, actor_id, kind, data) VALUES ($1, $2, $3, $4, $5, $6)"
KINDS = ("ours", "floor", "pool")  # the service; asyncpg on one connection; asyncpg through a pool
SHAPES = (
    ("one process", 1, False),
    ("two processes, a game each", 2, False),
    ("two processes, same game", 2, True),
)


def commands_for(actor: int, count: int) -> list[c.Command]:
    """Each action writes: B starts by supporting (as bench/accords.py), A (who tabled every
    article, so supports it already) by opposing."""
    made = answers(count, ARTICLES)
    if actor == A:
        made = [(c.Oppose if isinstance(m, c.Support) else c.Support)(m.article) for m in made]
    return made


class Unreset(asyncpg.Connection):
    """Released to the pool without asyncpg's reset statement, as bot/storage/postgres.py's are."""

    def get_reset_query(self) -> str:
        return ""


async def floor_once(conn: asyncpg.Connection, game_id: int, head: str, action: tuple) -> None:
    number, article, kind, actor, data, at = action
    async with conn.transaction():
        version = (await conn.fetchrow(LOCK, game_id, GUILD))[0]
        await conn.execute(UPDATE, version + 1, head, game_id, version)
        await conn.executemany(ARTICLE, [(game_id, number, article)])
        await conn.executemany(EVENT, [(game_id, version + 1, at, actor, kind, data)])


async def acting(url: str, kind: str, game_id: int, actor: int, actions: int, barrier: Any) -> tuple:
    """Time `actions` actions on one game after a warm-up action; (start, end, latencies, writes)."""
    commands = commands_for(actor, actions + 1)
    power = POWERS[0] if actor == A else POWERS[1]
    at = "2026-01-01T00:00:00+00:00"
    db = pool = conn = None
    if kind == "ours":
        db = await PostgresDatabase.open(url)
        service = AccordService(db)

        async def step(n: int) -> int:
            return len((await service.act(GUILD, game_id, commands[n], actor))[1])
    else:
        conn = await asyncpg.connect(url)
        head = await conn.fetchval("SELECT state FROM games WHERE id = $1", game_id)
        stored = await conn.fetch("SELECT number, data FROM game_articles WHERE game_id = $1", game_id)
        articles = dict(tuple(row) for row in stored)
        prepared = []  # every payload before the clock starts
        for command in commands:
            event = (e.Supported if isinstance(command, c.Support) else e.Opposed)(
                actor, command.article, power
            )
            data = (command.article, articles[command.article], event.kind, actor, dump_event(event), at)
            prepared.append(data)
        if kind == "pool":
            await conn.close()
            conn, pool = (
                None,
                await asyncpg.create_pool(url, min_size=1, max_size=10, connection_class=Unreset),
            )

        async def step(n: int) -> int:
            if pool is None:
                await floor_once(conn, game_id, head, prepared[n])
            else:
                async with pool.acquire() as held:
                    await floor_once(held, game_id, head, prepared[n])
            return 1

    await step(0)  # a game this process has not seen is read whole once; statements prepared
    barrier.wait()
    latencies, writes = [], 0
    start = time.perf_counter()
    for n in range(1, len(commands)):
        began = time.perf_counter()
        writes += bool(await step(n))
        latencies.append(time.perf_counter() - began)
    end = time.perf_counter()
    for closing in (db, pool, conn):
        if closing is not None:
            await closing.close()
    return start, end, latencies, writes


def worker(url: str, kind: str, game_id: int, actor: int, actions: int, barrier: Any, out: Any) -> None:
    out.put(asyncio.run(acting(url, kind, game_id, actor, actions, barrier)))


def run_shape(
    url: str, kind: str, jobs: list[tuple[int, int]], actions: int
) -> tuple[float, list[float], int]:
    """Spawned processes, one per (game, actor), started together: (actions/s, latencies, writes)."""
    spawn = multiprocessing.get_context("spawn")
    barrier, out = spawn.Barrier(len(jobs)), spawn.Queue()
    procs = [spawn.Process(target=worker, args=(url, kind, g, a, actions, barrier, out)) for g, a in jobs]
    for proc in procs:
        proc.start()
    results = [out.get(timeout=600) for _ in procs]
    for proc in procs:
        proc.join()
    span = max(r[1] for r in results) - min(r[0] for r in results)
    latencies = [lat for r in results for lat in r[2]]
    return actions * len(jobs) / span, latencies, sum(r[3] for r in results)


async def round_trip(url: str) -> float:
    conn = await asyncpg.connect(url)
    samples = []
    for _ in range(2000):
        began = time.perf_counter()
        await conn.fetchval("SELECT 1")
        samples.append(time.perf_counter() - began)
    await conn.close()
    return statistics.median(samples)


async def new_games(url: str, count: int, first_channel: int) -> list[int]:
    db = await PostgresDatabase.open(url)
    service = AccordService(db)
    ids = [await negotiating(service, first_channel + n, ARTICLES) for n in range(count)]
    await db.close()
    return ids


def actions_per_second(url: str, actions: int, rounds: int) -> None:
    print(f"\n1. game actions ({ARTICLES} articles, support/oppose in turn, each writes), "
          f"{actions} actions per process, median of {rounds} rounds (min-max)")  # fmt: skip
    trip = asyncio.run(round_trip(url))
    print(f"   one round trip (SELECT 1 on one connection, median of 2,000): {trip * 1e6:.0f} us")
    rates: dict[tuple[str, str], list[float]] = {}
    latencies: dict[str, list[float]] = {}
    channel = 1000
    for _ in range(rounds):
        for label, processes, same in SHAPES:
            for kind in KINDS:  # fresh games each time: the floor's static payloads never meet ours
                ids = asyncio.run(new_games(url, 1 if same else processes, channel))
                channel += processes
                jobs = [(ids[0], (B, A)[p]) for p in range(processes)] if same else [(g, B) for g in ids]
                rate, lat, writes = run_shape(url, kind, jobs, actions)
                if writes != actions * processes:
                    print(f"   ! {label}, {kind}: {writes} of {actions * processes} actions wrote")
                rates.setdefault((label, kind), []).append(rate)
                if kind == "ours":
                    latencies.setdefault(label, []).extend(lat)
    print("   shape                         ours/s   floor/s   ours÷floor   pool floor/s   ours p50 / p99 ms")
    for label, _, _ in SHAPES:
        ours, floor, pool = (statistics.median(rates[(label, k)]) for k in KINDS)
        spread = f"{min(rates[(label, 'ours')]):.0f}-{max(rates[(label, 'ours')]):.0f}"
        lat = latencies[label]
        print(f"   {label:28} {ours:7.0f}  {floor:8.0f}   {ours / floor:9.2f}   {pool:12.0f}"
              f"   {statistics.median(lat) * 1e3:.2f} / {pct(lat, 0.99) * 1e3:.2f}"
              f"   (ours {spread})")  # fmt: skip
    one, two = (statistics.median(rates[(SHAPES[i][0], "ours")]) for i in (0, 1))
    f_one, f_two = (statistics.median(rates[(SHAPES[i][0], "floor")]) for i in (0, 1))
    print(f"   two processes ÷ one, own games: ours {two / one:.2f}x, floor {f_two / f_one:.2f}x")


@contextlib.contextmanager
def server(url: str | None) -> Iterator[str]:
    if url is not None:
        yield url
        return
    from tests.support.postgres import throwaway_server

    with throwaway_server() as started:
        yield started


def in_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}search_path={schema}"


async def execute(url: str, sql: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="an existing PostgreSQL server (default: start a throwaway one)")
    parser.add_argument("--actions", type=int, default=3000, help="timed actions per process")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--entries", type=int, default=100_000, help="server lore entries")
    parser.add_argument("--runs", type=int, default=300, help="questions per measure")
    parser.add_argument("--skip-actions", action="store_true")
    parser.add_argument("--skip-lore", action="store_true")
    parser.add_argument(
        "--owner-entries", type=int, default=100_000, help="entries of the one owning server (0 skips)"
    )
    args = parser.parse_args()
    with server(args.url) as url:
        version = asyncio.run(postgres_lore.server_version(url))
        print(f"PostgreSQL {version} at {describe(url)}; {os.cpu_count()} cores")
        parts = (("actions", args.skip_actions), ("lore", args.skip_lore), ("owner", not args.owner_entries))
        for part, skip in parts:
            if skip:
                continue
            schema = f"bench_{part}_{os.getpid()}"
            asyncio.run(execute(url, f"CREATE SCHEMA {schema}"))
            try:
                if part == "actions":
                    actions_per_second(in_schema(url, schema), args.actions, args.rounds)
                elif part == "owner":  # outside any loop: the migration runs its own
                    postgres_owner.measure(in_schema(url, schema), args.owner_entries, args.runs)
                else:
                    asyncio.run(postgres_lore.measure(in_schema(url, schema), args.entries, args.runs))
            finally:
                asyncio.run(execute(url, f"DROP SCHEMA {schema} CASCADE"))


if __name__ == "__main__":
    main()
