"""A second bot process on the test's database: it opens its own connection (its own pool and
listener on PostgreSQL) and acts through the same services the cogs use, started with
multiprocessing's spawn, so it shares no memory with the test."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.domain.accords.commands import Command
from bot.domain.errors import KhitomerError
from bot.domain.lore import Kind
from bot.services.accords import AccordService
from bot.services.guild_config import ConfigService
from bot.services.lore import LoreService
from bot.storage import open_database
from bot.storage.lore import Draft


@dataclass(frozen=True, slots=True)
class Where:
    path: Path
    url: str | None


def act(
    where: Where, guild: int, steps: Sequence[tuple[int, Command, int]], start: Any, results: Any
) -> None:
    """Apply each (game, command, actor), waiting at the barrier `start` before each one so both
    processes press at the same moment; put [(event kinds) or "refused: …"] on `results`."""
    results.put(asyncio.run(_act(where, guild, steps, start)))


async def _act(where: Where, guild: int, steps: Sequence[tuple[int, Command, int]], start: Any) -> list[str]:
    db = await open_database(where.path, where.url)
    service = AccordService(db)
    outcomes = []
    try:
        for game_id, command, actor in steps:
            start.wait()
            try:
                _, events = await service.act(guild, game_id, command, actor)
                outcomes.append(",".join(event.kind for event in events))
            except KhitomerError as error:
                outcomes.append(f"refused: {error}")
    finally:
        await db.close()
    return outcomes


def write_settings_and_lore(where: Where, guild: int) -> None:
    """What a moderator does in another shard process: a setting, and a lore entry."""
    asyncio.run(_write(where, guild))


async def _write(where: Where, guild: int) -> None:
    db = await open_database(where.path, where.url)
    try:
        await ConfigService(db).put(guild, "deadline.lobby", "600")
        lore = LoreService(db)
        await lore.add(guild, 1, Draft("Station Khitomer Prime", Kind.PLACE, "A station.", "Built in 2390."))
    finally:
        await db.close()


def spawn(target: Any, *args: Any) -> multiprocessing.process.BaseProcess:
    process = multiprocessing.get_context("spawn").Process(target=target, args=args)
    process.start()
    return process
