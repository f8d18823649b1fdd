"""Memory per game for bench/interactions.py, measured in a child process of each bot
(`interactions.py --memory-child ours|floor`): RSS after READY, after the servers and after the
games, SimCord's share of it, and optionally what the games leave alive (tracemalloc)."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
import os
import sys
import tempfile
import tracemalloc
import types
from pathlib import Path
from typing import Any

from interactions_floor import FRESH_TEXTS, REPLIES, Reply
from interactions_scenarios import KLINGON, ROMULAN, SCENARIO
from interactions_simcord import (
    IDLE,
    buttons_of,
    running_floor,
    running_khitomer,
    server,
    settle_poll,
    untrack_timers,
)
from simcord.env import Env


def rss_kib() -> dict[str, int]:
    """VmRSS and its parts (anonymous memory, mapped files, shared memory), KiB."""
    found = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
                found[name] = int(value.split()[0])
    return found


def settle_memory() -> None:
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def deep_size(root: object, *stops: object) -> int:
    """Bytes of every object reachable from root (sys.getsizeof, each object once), not
    following modules, classes or functions: what SimCord's in-memory Discord holds."""
    skip = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType)
    seen: set[int] = {id(stop) for stop in stops}
    stack = [root]
    total = 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, skip):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        stack.extend(gc.get_referents(obj))
    return total


def memory_point(env: Env) -> dict[str, int]:
    settle_memory()
    rss = rss_kib()
    return {
        "rss_kib": rss["VmRSS"],
        "anon_kib": rss.get("RssAnon", 0),
        "file_kib": rss.get("RssFile", 0) + rss.get("RssShmem", 0),
        "simcord_kib": deep_size(env.backend, env, env.bot, asyncio.get_running_loop()) // 1024,
    }


def forget_log(env: Env) -> None:
    """SimCord's record of every request and event is the harness's, not the bot's: emptied after
    each server's interactions, so it never piles up in either bot's process."""
    env.backend.http_requests.clear()
    env.backend.transcript.clear()


async def memory_child(which: str, servers: int, games: int, trace: bool) -> dict[str, Any]:
    """In a fresh process: READY, then `servers` servers, then `games` conferences convened and
    joined by two players (the floor: the same three interactions per server, same-size
    replies). With `trace`, what stays alive from the games is also traced (slow)."""
    settle_poll(IDLE)
    FRESH_TEXTS[0] = True
    with tempfile.TemporaryDirectory() as folder:
        context = running_khitomer(Path(folder)) if which == "ours" else running_floor()
        async with context as env:
            points = {"ready": memory_point(env)}
            places = [server(env, f"server-{i}") for i in range(servers)]
            await env.settle()
            forget_log(env)
            points["servers"] = memory_point(env)
            if trace:
                tracemalloc.start(12)
                before = tracemalloc.take_snapshot()
            for n, place in enumerate(places[:games]):
                channel = place.channels[0]
                if which == "ours":
                    await env.bot.guild_config.put(place.guild.id, "game.threads", "off")  # type: ignore[attr-defined]
                    lobby = await place.moderator.slash(
                        channel, "accord convene", scenario=SCENARIO, title=f"Talks {n}"
                    )
                    assert lobby.response is not None
                    untrack_timers(env)
                    await place.alice.click(lobby.response, label=f"Sit for {KLINGON}")
                    seated = await place.bob.click(lobby.response, label=f"Sit for {ROMULAN}")
                else:
                    lobby = await place.moderator.slash(channel, "reply", kind="lobby")
                    assert lobby.response is not None
                    label = next(iter(buttons_of(lobby.response)))
                    await place.alice.click(lobby.response, label=label)
                    seated = await place.bob.click(lobby.response, label=label)
                forget_log(env)
            if which == "ours" and games:
                REPLIES["lobby"] = Reply.of(seated, edit=True)
            del lobby, seated
            points["games"] = memory_point(env)
            traced = traced_growth(before, games) if trace else {}
    lobby_reply = REPLIES.get("lobby")
    return {"points": points, "lobby": lobby_reply.__dict__ if lobby_reply else None, "traced": traced}


def traced_growth(before: tracemalloc.Snapshot, games: int) -> dict[str, Any]:
    """What the games left alive, in KiB per game: by owner (the first frame outside the
    standard library: SimCord, discord.py, the bot) and, for the bot, by its line of code."""
    gc.collect()
    stdlib = os.path.dirname(os.__file__)
    owners: dict[str, float] = {}
    lines: dict[str, float] = {}
    root = str(Path(__file__).resolve().parent.parent) + "/"
    for stat in tracemalloc.take_snapshot().compare_to(before, "traceback"):
        frames = list(reversed(stat.traceback))  # innermost first
        first = next(
            (f.filename for f in frames if not f.filename.startswith(stdlib) and "<" not in f.filename), ""
        )
        owner = next((name for name in ("simcord", "discord", "aiosqlite") if f"/{name}/" in first), None)
        if owner is None:
            owner = "bench" if "/bench/" in first else first.removeprefix(root).split("/")[0] or "other"
        owners[owner] = owners.get(owner, 0.0) + stat.size_diff / 1024 / games
        ours = next((f for f in frames if f.filename.startswith((root + "bot/", root + "cogs/"))), None)
        if ours is not None:
            where = f"{ours.filename.removeprefix(root)}:{ours.lineno}"
            lines[where] = lines.get(where, 0.0) + stat.size_diff / 1024 / games
    tracemalloc.stop()
    top = dict(sorted(lines.items(), key=lambda item: -item[1])[:12])
    return {"owners": dict(sorted(owners.items(), key=lambda item: -item[1])), "lines": top}
