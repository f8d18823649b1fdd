"""Servers that leave, with the shards split over processes (issue #24): a process records,
looks for and purges only the servers of its own shards; another process's are left to it."""

from __future__ import annotations

from dataclasses import replace

import simcord

from bot import create_bot
from bot.config import Settings
from bot.storage import server_departures
from tests.cogs.test_server_departures import DAY, GRACE, advance
from tests.support.departures import Removed
from tests.support.server_rows import held_of


async def test_a_process_purges_only_the_servers_of_its_own_shards(settings: Settings) -> None:
    sharded = replace(settings, shard_count=2, shard_ids=(0,))
    first, second = create_bot(sharded), create_bot(sharded)
    try:
        async with simcord.run(first) as env:
            mine = env.create_guild(name="Qo'noS", shard_id=0)
            theirs = env.create_guild(name="Romulus", shard_id=1)  # run by another process
            gone = env.create_guild(name="Remus", shard_id=1)
            for guild in (mine, theirs, gone):
                await first.guild_config.put(guild.id, "game.threads", "off")
            Removed(env, mine)  # GUILD_DELETE reaches this process: shard 0
            Removed(env, gone)  # shard 1's process hears of it and records it
            now = env.now().timestamp()
            await server_departures.leave(first.db, gone.id, "Remus", now, now + GRACE)
            await env.settle()
            await advance(env, DAY)
            await env.restart_bot(second)  # shard 0 looks for servers gone while it was away
            await advance(env, GRACE)
            assert await held_of(second.db, mine.id) == {}, "its own server is purged"
            assert await held_of(second.db, gone.id) == {
                "guild_settings.guild_id": 1, "server_departures.guild_id": 1,
            }, "shard 1's purge is shard 1's process's to do"  # fmt: skip
            assert await held_of(second.db, theirs.id) == {"guild_settings.guild_id": 1}, (
                "a server of another shard is not taken for gone"
            )
    finally:
        for bot in (first, second):
            await bot.close()
