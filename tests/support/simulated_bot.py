"""A real khitomer process whose Discord is SimCord, for tests that signal a running bot.

    python -m tests.support.simulated_bot

Settings come from the environment as for `khitomer run` (DATABASE_PATH, LOG_FILE …). The
process convenes a conference (arming its deadline timer), then has a member press `join`
and holds that action inside its database write until the stop begins, so a signal always
lands while the action is in flight. It prints READY then; after the stop it prints what the
member was answered (REPLY …) and exits with the code `khitomer run` would.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time
from collections.abc import Callable
from typing import Any

import simcord

from bot import create_bot
from bot.config import load_settings
from bot.ops.lifecycle import run_until_stopped
from bot.ops.logs import configure_logging
from tests.conftest import build_world


async def main() -> int:
    settings = load_settings()
    configure_logging(settings)
    bot = create_bot(settings)
    seen: list[Any] = []

    async def run() -> None:
        async with simcord.run(bot, shard_count=1) as env:
            seen.append(env)
            world = build_world(env)
            await bot.tree.sync()
            await world.moderator.slash(world.channel, "config set", setting="game.threads", value="off")
            await world.alice.slash(world.channel, "accord convene", scenario="khitomer")
            write_now = bot.db.write_now

            async def held(work: Callable[[sqlite3.Connection], Any]) -> Any:
                loop = asyncio.get_running_loop()
                print("READY", flush=True)
                while not bot.stopping:  # real seconds: SimCord's clock must not skip this wait
                    await loop.run_in_executor(None, time.sleep, 0.02)
                return await write_now(work)

            bot.db.write_now = held  # type: ignore[method-assign]
            await world.bob.slash(world.channel, "accord join", power="Romulan Star Empire")
            await asyncio.Event().wait()  # like Client.connect(): runs until the bot is closed

    await run_until_stopped(bot, run)
    replies = [r.json for r in seen[0].http_requests if r.path.endswith("/callback")] if seen else []
    last = replies[-1]["data"] if replies else {}
    print("REPLY", last.get("content") or (last.get("embeds") or [{}])[0].get("description"), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
