"""A server the bot is in (it joins, or it shows at start-up) is heard without a task of its own:
a shard's READY brings one event per server, and a listener's task each left the heap fragmented
(issue #21, memory). What hearing it is for still holds: a server added back keeps its data."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.cogs.test_server_departures import pending_text
from tests.conftest import World
from tests.support.departures import owner_in_spacedock, remove_bot
from tests.support.server_rows import held_of

SERVERS = 12


async def test_servers_that_join_start_no_task_each(env, world: World) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    factory = loop.get_task_factory()
    names: list[str] = []

    def counted(loop: asyncio.AbstractEventLoop, coro: Any, **options: Any) -> asyncio.Future[Any]:
        names.append(getattr(coro, "__qualname__", ""))  # discord.py names its task after this
        if factory is not None:
            return factory(loop, coro, **options)  # type: ignore[arg-type]
        return asyncio.Task(coro, loop=loop, **options)

    loop.set_task_factory(counted)  # type: ignore[arg-type]
    try:
        for n in range(SERVERS):
            env.create_guild(name=f"Outpost {n}")
        await env.settle()
    finally:
        loop.set_task_factory(factory)
    assert len(env.bot.guilds) == 2 + SERVERS
    listeners = [name for name in names if name.endswith("_run_event")]  # a listener's run
    assert listeners == [], f"{len(listeners)} listeners' tasks for {SERVERS} servers joining"
    assert len(names) < SERVERS, f"{len(names)} tasks for {SERVERS} servers joining"
    assert len(env.errors) == 0


async def test_a_server_added_back_is_still_heard_and_kept(env, world: World) -> None:  # type: ignore[no-untyped-def]
    owner, dock = owner_in_spacedock(env)
    await world.alice.slash(world.channel, "lore search", query="who killed gorkon")  # something held
    held = await held_of(env.bot.db, world.guild.id)
    removed = await remove_bot(env, world.guild)
    assert "Khitomer Conference" in await pending_text(owner, dock)
    await removed.add_back()
    assert await pending_text(owner, dock) == "No server is waiting to be purged."
    assert await held_of(env.bot.db, world.guild.id) == held
    assert len(env.errors) == 0
