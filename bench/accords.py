"""Game actions through the service layer against the same writes in raw sqlite3.

Each action: load the game, decide, evolve, append events + new state in one BEGIN IMMEDIATE
transaction with a version check, commit. The floor does the same SQL (read state, UPDATE with
version check, INSERT event, commit) in plain sqlite3. Also: memory per game in progress.

    python bench/accords.py [--actions 3000] [--games 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import tempfile
import time
import tracemalloc
from pathlib import Path

from bot.services.accords import AccordService
from bot.storage import Database
from bot.storage import games as store

GUILD, CHANNEL, HOST, A, B = 1, 2, 10, 11, 12
POWERS = ("Klingon Empire", "Romulan Star Empire")


async def negotiating(service: AccordService, channel: int = CHANNEL) -> int:
    # One running conference per channel: each game gets a channel of its own.
    game = await service.convene(GUILD, channel, HOST, "Bench", POWERS)
    await service.act(GUILD, game.game_id, "join", A, power=POWERS[0])
    await service.act(GUILD, game.game_id, "join", B, power=POWERS[1])
    await service.act(GUILD, game.game_id, "start", HOST)
    await service.act(GUILD, game.game_id, "propose", A, clause="trade", text="Dilithium.")
    return game.game_id


async def ours(path: Path, actions: int) -> float:
    db = await Database.open(path)
    service = AccordService(db)
    game_id = await negotiating(service)
    started = time.perf_counter()
    for i in range(actions):  # B changes its mind every time: each action writes an event
        await service.act(GUILD, game_id, "support" if i % 2 == 0 else "oppose", B, article=1)
    elapsed = time.perf_counter() - started
    await db.close()
    return elapsed


def floor(path: Path, actions: int) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    game_id = conn.execute("SELECT max(id) FROM games").fetchone()[0]
    started = time.perf_counter()
    for i in range(actions):
        state, version = conn.execute("SELECT state, version FROM games WHERE id = ?", (game_id,)).fetchone()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "UPDATE games SET version = ?, state = ? WHERE id = ? AND version = ?",
            (version + 1, state, game_id, version),
        )
        conn.execute(
            "INSERT INTO game_events (game_id, seq, at, actor_id, kind, data) VALUES (?, ?, 'now', ?, ?, ?)",
            (game_id, version + 1, B, "supported" if i % 2 == 0 else "opposed", json.dumps({"article": 1})),
        )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


async def memory(path: Path, games: int) -> float:
    """Bytes held per game in progress: stored state loaded and a deadline timer armed."""
    db = await Database.open(path)
    service = AccordService(db)
    for number in range(games):
        await negotiating(service, CHANNEL + 1 + number)
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    states = await store.open_games(db)
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
    ours_s = await ours(folder / "bench.db", actions)
    floor_s = floor(folder / "bench.db", actions)
    per_game = await memory(folder / "memory.db", games)
    print(f"service layer: {actions / ours_s:8.0f} actions/s  ({ours_s / actions * 1e6:7.1f} us each)")
    each = floor_s / actions * 1e6
    print(f"raw sqlite3:   {actions / floor_s:8.0f} actions/s  ({each:7.1f} us each)  (floor)")
    print(f"cost ratio:    {ours_s / floor_s:8.2f}x the raw writes")
    print(f"memory:        {per_game / 1024:8.1f} KiB per game in progress ({games} games, state + timer)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=3000)
    parser.add_argument("--games", type=int, default=1000)
    args = parser.parse_args()
    asyncio.run(main(args.actions, args.games))
