"""PostgreSQL drops the bot's connections (a restart, pg_terminate_backend): the next command
is answered as if nothing happened, the lost connection retried once (issue #22, defect 4)."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from tests.conftest import World
from tests.support.postgres import postgres_wanted

pytestmark = pytest.mark.skipif(not postgres_wanted(), reason="a pool the server can drop: PostgreSQL only")


async def _drop_every_other_connection(url: str) -> int:
    conn = await asyncpg.connect(url)
    try:
        dropped = await conn.fetchval(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND backend_type = 'client backend') AS gone"
        )
    finally:
        await conn.close()
    await asyncio.sleep(0.05)  # the server closes them; the bot has not noticed yet
    return int(dropped)


async def test_commands_after_the_server_dropped_every_connection_are_answered(
    env, world: World, database_url: str
) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    await world.moderator.slash(world.channel, "accord convene", scenario="khitomer")
    await world.alice.slash(world.channel, "accord join", power="Klingon Empire")
    for _ in range(5):
        assert await _drop_every_other_connection(database_url) >= 1
        board = await world.bob.slash(world.channel, "accord status")
        assert board.response.embeds, board.response.content  # the board, not an apology
        assert "Khitomer, 2293" in (board.response.embeds[0].title or "")
        assert await _drop_every_other_connection(database_url) >= 1
        joined = await world.bob.slash(world.channel, "accord join", power="Romulan Star Empire")
        assert "sits for Romulan Star Empire" in joined.response.content
        await world.bob.slash(world.channel, "accord leave")
    assert env.errors == []


async def test_a_connection_found_dead_on_its_first_statement_is_replaced_once(
    env, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race the loop cannot see coming: the pool hands out a connection the server has
    dropped but the bot has not heard about yet; its first statement fails."""
    real_start, real_fetch = asyncpg.transaction.Transaction.start, asyncpg.Connection.fetch
    dead = {"begin": 1, "read": 1}

    async def begin_on_a_dead_connection(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if dead["begin"]:
            dead["begin"] -= 1
            raise asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle")
        return await real_start(self, *args, **kwargs)

    async def read_on_a_dead_connection(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if dead["read"]:
            dead["read"] -= 1
            raise asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle")
        return await real_fetch(self, *args, **kwargs)

    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    env.bot.guild_config._cache.clear()  # the check reads the settings from the database
    monkeypatch.setattr(asyncpg.transaction.Transaction, "start", begin_on_a_dead_connection)
    monkeypatch.setattr(asyncpg.Connection, "fetch", read_on_a_dead_connection)
    lobby = await world.moderator.slash(world.channel, "accord convene", scenario="khitomer")
    assert lobby.response.embeds and "Khitomer, 2293" in (lobby.response.embeds[0].title or "")
    assert dead == {"begin": 0, "read": 0}, "both failures were met, and survived"
    assert env.errors == []
