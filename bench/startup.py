"""Start-up cost: Khitomer to READY against floors measured in the same run.

Floors: a minimal discord.py bot (no cogs, no storage) to READY under SimCord, and raw
sqlite3 opening a WAL database. Prints medians and ratios; asserts nothing (machines are
noisy: read the ratios, not the milliseconds).

    python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import discord
import simcord
from discord.ext import commands

from bot import create_bot
from bot.config import Settings
from bot.storage import SqliteDatabase


async def median_ms(runs: int, job: Callable[[Path], Awaitable[None]]) -> float:
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            await job(Path(folder))
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


async def minimal_bot_ready(_folder: Path) -> None:
    bot = commands.Bot(command_prefix="!", intents=discord.Intents(guilds=True))
    async with simcord.run(bot) as env:
        assert env.bot.is_ready()


async def khitomer_ready(folder: Path) -> None:
    bot = create_bot(Settings(database_path=folder / "k.db"))
    try:
        async with simcord.run(bot) as env:
            assert env.bot.is_ready()
    finally:
        await bot.close()


async def raw_sqlite_open(folder: Path) -> None:
    conn = sqlite3.connect(folder / "raw.db")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


async def storage_open(folder: Path) -> None:
    db = await SqliteDatabase.open(folder / "k.db")
    await db.close()


async def main(runs: int) -> None:
    rows = {
        "raw sqlite3 open + WAL (floor)": await median_ms(runs, raw_sqlite_open),
        "Database.open, fresh file, migrations": await median_ms(runs, storage_open),
        "minimal discord.py bot to READY (floor)": await median_ms(runs, minimal_bot_ready),
        "Khitomer bot to READY, fresh database": await median_ms(runs, khitomer_ready),
    }
    for name, value in rows.items():
        print(f"{name:<42} {value:8.2f} ms")
    values = list(rows.values())
    print(f"storage open / raw sqlite3 floor:   {values[1] / values[0]:6.1f}x")
    print(f"Khitomer ready / minimal bot floor: {values[3] / values[2]:6.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    asyncio.run(main(parser.parse_args().runs))
