"""What runs after the member has gone: deadlines and announcements outlive a database or a
Discord that is away for a while, and a restart (issue #22, defects 1 and 5)."""

from __future__ import annotations

from typing import Any

from tests.cogs.test_accords import ratified_game
from tests.conftest import World, recent_text
from tests.support.faults import DatabaseDown


async def _two_seated(env: Any, world: World, setting: str, value: str) -> Any:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    await world.moderator.slash(world.channel, "config set", setting=setting, value=value)
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="khitomer")).response
    await world.alice.click(lobby, label="Sit for Klingon Empire")
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")
    return lobby


def _posts(world: World, text: str) -> int:
    return sum(text in (message.content or "") for message in world.channel.history())


async def test_a_deadline_that_finds_the_database_down_moves_the_phase_once_it_is_back(
    env, world: World
) -> None:
    await _two_seated(env, world, "deadline.lobby", "10m")
    outage = DatabaseDown(env.bot.db).down()
    await env.advance_time(10 * 60 + 1)  # the deadline passes while the database is away
    await env.advance_time(20 * 60)
    assert outage.refused >= 4, "the timer kept trying while the database was away"
    assert _posts(world, "Time is up") == 0
    outage.back()
    await env.advance_time(5 * 60 + 1)  # the longest pause between two tries
    assert _posts(world, "Time is up for the lobby: negotiations are open.") == 1
    board = (await world.alice.slash(world.channel, "accord status")).response.embeds[0]
    assert "**Phase:** negotiation" in board.description


async def test_a_ratification_refused_three_times_is_posted_once_on_the_fourth_try(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    env.inject_error("POST", "/channels/*/messages", status=503, times=3)
    await ratified_game(world)
    assert _posts(world, "is ratified") == 0
    await env.advance_time(5 + 15 + 45 + 1)  # the outbox's pauses after each refusal
    assert _posts(world, "**Nimbus Talks** is ratified.") == 1
    await env.advance_time(3600)
    assert _posts(world, "is ratified") == 1, "sent once"


async def test_a_deadline_refused_six_times_loses_neither_its_news_nor_the_results(env, world: World) -> None:
    await _two_seated(env, world, "deadline.negotiation", "1h")
    await world.moderator.slash(world.channel, "accord start")
    env.inject_error("POST", "/channels/*/messages", status=503, times=6)
    await env.advance_time(3600 + 1)  # nothing was agreed: the accord fails
    assert _posts(world, "Time is up") == 0
    await env.advance_time(5 + 15 + 45 + 135 + 405 + 1215 + 1)
    said = recent_text(world.channel, 2)
    assert said.startswith("**Khitomer, 2293**: Time is up for negotiation: no article was agreed")
    assert "**Khitomer, 2293** failed: no accord was ratified." in said
    assert _posts(world, "Time is up") == 1 and _posts(world, "failed: no accord was ratified") == 1


async def test_announcements_queued_while_discord_refuses_survive_a_restart(
    env, world: World, make_bot
) -> None:
    await _two_seated(env, world, "deadline.lobby", "10m")
    env.inject_error("POST", "/channels/*/messages", status=503, times=None)
    await env.advance_time(10 * 60 + 30)  # refused at once, after 5 s and after 15 s more
    assert _posts(world, "Time is up") == 0
    await env.restart_bot(make_bot())
    env.backend.faults.clear()  # Discord takes messages again
    await env.advance_time(2 * 3600)  # at most the longest pause between tries
    assert _posts(world, "Time is up for the lobby: negotiations are open.") == 1
