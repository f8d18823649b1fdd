"""The conferences' deadlines with many conferences open (issue #21, point 5: memory): one task
waits for the next deadline of them all, instead of a sleeping task (its coroutine, future and
timer) held for each open conference; each deadline still fires on time, in order, and one
disarmed or moved keeps to what is stored."""

from __future__ import annotations

import asyncio

import simcord
from simcord.env import Env

from tests.conftest import World

TALKS = ("talks-1", "talks-2", "talks-3")


def waiting_timers() -> list[asyncio.Task[object]]:
    return [t for t in asyncio.all_tasks() if t.get_name().startswith("deadline-") and not t.done()]


async def convene_three(env: Env, world: World) -> list[simcord.ChannelHandle]:
    """Three lobbies nobody sits in, in three channels, convened with deadlines 3 h, 2 h and 1 h
    away: each one convened waits less than those before it. Reminders come a minute before
    each deadline; until then a conference has no task of its own."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")  # type: ignore[attr-defined]
    channels = [world.guild.create_text_channel(name) for name in TALKS]
    # each reminder a minute before its deadline: until then, nothing is due
    await world.moderator.slash(world.channel, "config set", setting="reminder.lead", value="1m")
    for hours, channel in zip((3, 2, 1), channels, strict=True):
        await world.moderator.slash(channel, "config set", setting="deadline.lobby", value=f"{hours}h")
        await world.moderator.slash(channel, "accord convene", scenario="khitomer", title=f"Talks {hours}")
    return channels


def last_text(channel: simcord.ChannelHandle) -> str:
    message = channel.last_message
    return (message.content or "") if message is not None else ""


def abandoned(channel: simcord.ChannelHandle) -> bool:
    return "too few powers sat down" in last_text(channel)


async def test_open_conferences_wait_on_one_task_and_each_deadline_fires_in_turn(env, world: World) -> None:  # type: ignore[no-untyped-def]
    channels = await convene_three(env, world)
    timers = env.bot.get_cog("Accords").timers
    assert len(timers.armed()) == 3
    assert len(waiting_timers()) == 1, "one task waits for the next of the three deadlines"
    await env.advance_time(3600 + 1)
    assert [abandoned(c) for c in channels] == [False, False, True]
    assert len(timers.armed()) == 2 and len(waiting_timers()) == 1
    await env.advance_time(3600)
    assert [abandoned(c) for c in channels] == [False, True, True]
    await env.advance_time(3600)
    assert [abandoned(c) for c in channels] == [True, True, True]
    assert not timers.armed() and not waiting_timers()


async def test_a_deadline_moved_later_or_paused_is_kept_to(env, world: World) -> None:  # type: ignore[no-untyped-def]
    channels = await convene_three(env, world)
    await world.moderator.slash(channels[2], "accord host extend", by="3h")  # the next one: 4 h away now
    await world.moderator.slash(channels[1], "accord host pause")  # the 2 h one: no deadline while paused
    paused = last_text(channels[1])
    await env.advance_time(3 * 3600 + 1)
    assert [abandoned(c) for c in channels] == [True, False, False]
    await env.advance_time(3600)
    assert [abandoned(c) for c in channels] == [True, False, True]
    await env.advance_time(24 * 3600)
    assert last_text(channels[1]) == paused
    assert not env.bot.get_cog("Accords").timers.armed() and not waiting_timers()
