"""Game actions through the service layer against the same writes in raw sqlite3.

1. An action's cost by the size of the game: 10, 100 and 1,000 articles on the table (and as
   many events). Ours: the service (read the version, decide, evolve, write the head, the one
   article touched and the event, in one BEGIN IMMEDIATE transaction). Floor: those same
   statements in plain sqlite3 with every JSON payload prepared in advance.
2. The ratifying Sign: the last signature, the accord stored and indexed, reputation, in one
   transaction; floor: the same statements in plain sqlite3.
3. Memory per game in progress (state and deadline timer).
4. A delegation's cost per decision, by the size of the game (accords_delegation.py).

    python bench/accords.py [--actions 2000] [--games 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from accords_delegation import report as delegation_report

from bot.domain.accords import Clause
from bot.domain.accords import commands as c
from bot.services.accords import AccordService
from bot.storage import SqliteDatabase

GUILD, HOST, A, B = 1, 10, 11, 12
POWERS = ("Klingon Empire", "Romulan Star Empire")
SIZES = (10, 100, 1000)


async def negotiating(service: AccordService, channel: int, articles: int = 1) -> int:
    # One running conference per channel: each game gets a channel of its own.
    game_id = (await service.convene(GUILD, channel, HOST, f"Bench {channel}", POWERS)).game_id
    await service.act(GUILD, game_id, c.Join(POWERS[0]), A)
    await service.act(GUILD, game_id, c.Join(POWERS[1]), B)
    await service.act(GUILD, game_id, c.Start(), HOST)
    for n in range(articles):
        await service.act(GUILD, game_id, c.Table(Clause.TRADE, f"Dilithium shipment {n}."), A)
    return game_id


def answers(actions: int, articles: int) -> list[c.Command]:
    """B changes its mind each time, over every article in turn: each action writes."""
    return [(c.Support if (i // articles) % 2 == 0 else c.Oppose)(i % articles + 1) for i in range(actions)]


async def ours_by_size(path: Path, articles: int, actions: int) -> tuple[float, float, int]:
    """Seconds for `actions` warm actions, mean seconds of a cold one, and the game's id."""
    db = await SqliteDatabase.open(path)
    service = AccordService(db)
    game_id = await negotiating(service, 2, articles)
    commands = answers(actions, articles)
    started = time.perf_counter()
    for command in commands:
        await service.act(GUILD, game_id, command, B)
    warm = time.perf_counter() - started
    colds = []
    for i in range(10):  # a process that has not seen the game yet reads it whole, once
        fresh = AccordService(db)
        started = time.perf_counter()
        await fresh.act(GUILD, game_id, answers(actions + i + 1, articles)[-1], B)
        colds.append(time.perf_counter() - started)
    await db.close()
    return warm, statistics.mean(colds), game_id


def floor_by_size(path: Path, game_id: int, articles: int, actions: int) -> float:
    conn = floor_connection(path)
    head = conn.execute("SELECT state FROM games WHERE id = ?", (game_id,)).fetchone()[0]
    article = conn.execute("SELECT data FROM game_articles WHERE game_id = ? AND number = 1", (game_id,))
    article_json = article.fetchone()[0]
    event = json.dumps({"article": 1, "power": POWERS[1]})
    at = "2026-01-01T00:00:00+00:00"
    started = time.perf_counter()
    for i in range(actions):
        conn.execute("BEGIN IMMEDIATE")
        version = conn.execute(
            "SELECT version, state FROM games WHERE id = ? AND guild_id = ?", (game_id, GUILD)
        )
        version = version.fetchone()[0]
        conn.execute(
            "UPDATE games SET version = ?, state = ? WHERE id = ? AND version = ?",
            (version + 1, head, game_id, version),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO game_articles (game_id, number, data) VALUES (?, ?, ?)",
            [(game_id, i % articles + 1, article_json)],
        )
        conn.executemany(
            "INSERT INTO game_events (game_id, seq, at, actor_id, kind, data) VALUES (?, ?, ?, ?, ?, ?)",
            [(game_id, version + 1, at, B, "supported", event)],
        )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def floor_connection(path: Path) -> sqlite3.Connection:
    """Plain sqlite3 with the settings the bot's own connection uses (foreign keys checked)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript("PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
    return conn


async def ready_to_ratify(path: Path, games: int) -> list[int]:
    """`games` conferences, each with three agreed articles and the Klingons' signature."""
    db = await SqliteDatabase.open(path)
    service = AccordService(db)
    ids = []
    for number in range(games):
        game_id = await negotiating(service, 100 + number, 3)
        for article in (1, 2, 3):
            await service.act(GUILD, game_id, c.Support(article), B)
        await service.act(GUILD, game_id, c.CloseDraft(), HOST)
        await service.act(GUILD, game_id, c.Sign("Kor"), A)
        ids.append(game_id)
    await db.close()
    return ids


async def ours_ratifying(path: Path, ids: list[int]) -> float:
    db = await SqliteDatabase.open(path)
    service = AccordService(db)
    for game_id in ids:  # a live bot has just written each game: its last state is remembered
        await service.game(GUILD, game_id)
        await service.act(GUILD, game_id, c.Pause(0.0), HOST)
        await service.act(GUILD, game_id, c.Resume(0.0), HOST)
    started = time.perf_counter()
    for game_id in ids:
        await service.act(GUILD, game_id, c.Sign("Tomalak"), B)
    elapsed = time.perf_counter() - started
    await db.close()
    return elapsed


def floor_ratifying(path: Path, ids: list[int]) -> float:
    """The ratifying Sign's statements (see the trace in bench/README.md), payloads prepared."""
    conn = floor_connection(path)
    heads = {i: conn.execute("SELECT state FROM games WHERE id = ?", (i,)).fetchone()[0] for i in ids}
    names = {game_id: f"Bench {100 + n}" for n, game_id in enumerate(ids)}  # as ready_to_ratify titled them
    at = "2026-01-01T00:00:00+00:00"
    signed = json.dumps({"power": POWERS[1], "by": "Tomalak"})
    parties = json.dumps([{"name": p, "signed_by": ["Kor"]} for p in POWERS])
    articles = json.dumps(
        [{"number": n, "title": "Trade", "text": f"Dilithium shipment {n}."} for n in (1, 2, 3)]
    )
    history = json.dumps([{"year": None, "kind": "signed", "text": "Ratified in this server."}])
    upsert = (
        "INSERT INTO reputation (guild_id, user_id, points, accords) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (guild_id, user_id) DO UPDATE SET points = points + excluded.points,"
        " accords = accords + excluded.accords"
    )
    started = time.perf_counter()
    for game_id in ids:
        conn.execute("BEGIN IMMEDIATE")
        row = conn.execute("SELECT version, state FROM games WHERE id = ? AND guild_id = ?", (game_id, GUILD))
        version = row.fetchone()[0]
        conn.execute(
            "UPDATE games SET version = ?, state = ? WHERE id = ? AND version = ?",
            (version + 2, heads[game_id], game_id, version),
        )
        conn.executemany(
            "INSERT INTO game_events (game_id, seq, at, actor_id, kind, data) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (game_id, version + 1, at, B, "signed", signed),
                (game_id, version + 2, at, B, "ratified", "{}"),
            ],
        )
        list(
            conn.execute(
                "SELECT actor_id, data FROM game_events WHERE game_id = ? AND kind = 'signed'", (game_id,)
            )
        )
        name = names[game_id]
        conn.execute("SELECT 1 FROM accords WHERE guild_id = ? AND name = ? COLLATE NOCASE", (GUILD, name))
        accord_id = conn.execute(
            "INSERT INTO accords (guild_id, game_id, name, aliases, summary, year, date_text, place,"
            " parties, articles, history, ratified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (GUILD, game_id, name, "[]", "Ratified.", None, "2026-01-01", "here", parties, articles,
             history, at),
        ).lastrowid  # fmt: skip
        conn.executemany(
            "INSERT INTO treaty_search (treaty_key, guild_id, number, treaty_name, title, text)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (f"accord-{accord_id}", GUILD, n, "Bench", "Trade", f"Dilithium shipment {n}.")
                for n in (1, 2, 3)
            ],
        )
        conn.executemany(upsert, [(GUILD, A, 1, 1), (GUILD, B, 1, 1)])
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


async def memory(path: Path, games: int) -> float:
    """Bytes held per game in progress: stored state loaded and a deadline timer armed."""
    db = await SqliteDatabase.open(path)
    service = AccordService(db)
    for number in range(games):
        await negotiating(service, 10_000 + number)
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    states = await service.open_games()
    timers = [asyncio.create_task(asyncio.sleep(3600)) for _ in states]  # one timer per open game
    after = tracemalloc.take_snapshot()
    size = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    tracemalloc.stop()
    for task in timers:
        task.cancel()
    await asyncio.gather(*timers, return_exceptions=True)
    await db.close()
    return size / max(len(states), 1)


async def main(actions: int, games: int) -> None:
    folder = Path(tempfile.mkdtemp())
    print("1. one action (support/oppose) by the number of articles on the table")
    print("   articles   ours us   floor us   ratio   cold read us")
    warm_costs = {}
    for size in SIZES:
        path = folder / f"size{size}.db"
        warm, cold, game_id = await ours_by_size(path, size, actions)
        floor = floor_by_size(path, game_id, size, actions)
        warm_costs[size] = warm / actions
        print(
            f"   {size:8d}  {warm / actions * 1e6:8.1f}  {floor / actions * 1e6:9.1f}  "
            f"{warm / floor:5.2f}x  {cold * 1e6:12.0f}"
        )
    flat = warm_costs[SIZES[-1]] / warm_costs[SIZES[0]]
    print(f"   flat: an action at {SIZES[-1]} articles costs {flat:.2f}x one at {SIZES[0]}")
    ours_path, floor_path = folder / "ratify_ours.db", folder / "ratify_floor.db"
    ids = await ready_to_ratify(ours_path, games)
    assert await ready_to_ratify(floor_path, games) == ids
    ours = await ours_ratifying(ours_path, ids)
    floor = floor_ratifying(floor_path, ids)
    print("2. the ratifying Sign (signature, accord stored and indexed, reputation), one transaction")
    each, floor_each = ours / games * 1e6, floor / games * 1e6
    print(f"   ours {each:7.1f} us   floor {floor_each:7.1f} us   ratio {ours / floor:.2f}x")
    per_game = await memory(folder / "memory.db", games)
    print(f"3. memory: {per_game / 1024:.1f} KiB per game in progress ({games} games, state + timer)")
    delegation_report()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--games", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(main(args.actions, args.games))
