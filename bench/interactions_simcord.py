"""Running both bots of bench/interactions.py under SimCord: Khitomer and the floor started
afresh, their servers, and the two things of SimCord's set aside for both bots alike (its settle
poll and its tracking of the conferences' deadline timers)."""

from __future__ import annotations

import asyncio
import contextlib
import heapq
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import discord
import simcord
from interactions_floor import floor_bot
from simcord.env import Env

from bot import create_bot
from bot.config import Settings

SHARDS = 1  # KhitomerBot is an AutoShardedBot: SimCord is told how many shards it answers

IDLE = 0.001  # SimCord's settle poll (50 ms as shipped), for both bots: see settle_poll()


def settle_poll(seconds: float) -> None:
    """SimCord settles the bot's work after each call and, while a callback of the bot is still
    queued, sleeps its idle interval (50 ms) before looking again. Whether an interaction hits
    that sleep depends on how its last callbacks fall: every one of the floor's does, about half
    of ours do. The work after a 50 ms sleep costs up to 1.6-2.5× the CPU (cold caches, a halted
    vCPU waking), so at 50 ms the floor looks dearer than it is and the ratios flatter us (see
    bench/README.md, `--idle 0.05`). At 1 ms neither bot idles; `--pause` idles both alike."""
    original = Env._settle_internal
    if getattr(original, "__bench_poll__", None) is not None:
        original = original.__bench_original__  # type: ignore[attr-defined]

    async def settle(self: Env, *, idle: float = seconds, **options: Any) -> None:
        await original(self, idle=idle, **options)

    settle.__bench_poll__ = seconds  # type: ignore[attr-defined]
    settle.__bench_original__ = original  # type: ignore[attr-defined]
    Env._settle_internal = settle  # type: ignore[method-assign]


# The names of a conference's waiting tasks (cogs/accords/_game_tasks.py: "{kind}-{game id}").
GAME_TASKS = ("deadline-", "delegation-")


def untrack_timers(env: Env) -> int:
    """Hand the conferences' deadline timers out of SimCord's settling; how many were handed.

    Each open conference has a task sleeping until its deadline (a day away; the bench never moves
    SimCord's clock). At every settle, several per interaction, SimCord checks each sleeping task
    of the bot against each timer it keeps and against every handle in the event loop's timer
    heap, where it leaves the real-clock fallback of every sleep it has seen until that sleep's
    time comes (a day), even once the sleep was cancelled (a conference over): with 1,000 open
    conferences an interaction took a second or more, and even ten at a time made ours dearer
    with every conference played in the session, all of it SimCord's work. So the timers' records
    are dropped from SimCord's books (the tasks stay armed in the bot, as in production; they
    never fire here) and the dead fallbacks are cancelled and swept from the heap. SimCord and
    asyncio internals: Env._work, loop._scheduled."""
    work = env._work
    timers = [task for task in work.tasks if task.get_name().startswith(GAME_TASKS) and not task.done()]
    waiters = {id(task._fut_waiter) for task in timers if getattr(task, "_fut_waiter", None) is not None}
    for task in timers:
        work.tasks.pop(task, None)
    kept = []
    for record in work.callbacks:
        if any(id(arg) in waiters for arg in getattr(record.handle, "_args", None) or ()):
            if record.real_handle is not None:
                record.real_handle.cancel()
        else:
            kept.append(record)
    work.callbacks[:] = kept
    loop = asyncio.get_running_loop()
    heap = loop._scheduled  # type: ignore[attr-defined]
    for handle in heap:
        fallback = handle._callback
        if getattr(fallback, "__name__", "") != "run_real" or not fallback.__closure__:
            continue
        cells = dict(zip(fallback.__code__.co_freevars, fallback.__closure__, strict=True))
        record = cells["record"].cell_contents if "record" in cells else None
        timer = getattr(record, "handle", None)
        if record is not None and (timer is None or timer.cancelled() or record not in kept):
            handle.cancel()
    live = [handle for handle in heap if not handle.cancelled()]
    if len(live) != len(heap):
        heap[:] = live
        heapq.heapify(heap)
        loop._timer_cancelled_count = 0  # type: ignore[attr-defined]
    return len(timers)


# -- running a bot under SimCord -------------------------------------------------------------------


@contextlib.asynccontextmanager
async def running_khitomer(folder: Path) -> AsyncIterator[Env]:
    bot = create_bot(Settings(token=None, database_path=folder / "khitomer.db"))
    try:
        async with simcord.run(bot, shard_count=SHARDS) as env:
            await env.bot.tree.sync()
            yield env
    finally:
        with contextlib.suppress(Exception):
            await bot.close()


@contextlib.asynccontextmanager
async def running_floor() -> AsyncIterator[Env]:
    bot = floor_bot()
    try:
        async with simcord.run(bot) as env:
            await env.bot.tree.sync()
            yield env
    finally:
        with contextlib.suppress(Exception):
            await bot.close()


@dataclass
class Server:
    guild: simcord.GuildHandle
    moderator: simcord.MemberActor
    alice: simcord.MemberActor
    bob: simcord.MemberActor
    channels: list[simcord.ChannelHandle] = field(default_factory=list)


def server(env: Env, name: str, channels: int = 1) -> Server:
    guild = env.create_guild(name=name)
    mods = guild.create_role("Moderators", permissions=discord.Permissions(manage_guild=True))
    moderator = guild.add_member(env.create_user(f"worf-{name}"), roles=[mods])
    alice = guild.add_member(env.create_user(f"alice-{name}"))
    bob = guild.add_member(env.create_user(f"bob-{name}"))
    made = [guild.create_text_channel(f"conference-{i}") for i in range(channels)]
    return Server(guild, moderator, alice, bob, made)


def buttons_of(message: simcord.ResponseMessage) -> dict[str, str]:
    return {c["label"]: c["custom_id"] for row in message.components for c in row.get("components", [])}
