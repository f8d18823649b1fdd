"""Shards through SimCord: a process runs exactly its shards, and only their servers' timers."""

from __future__ import annotations

from dataclasses import replace

import discord
import simcord

from bot import create_bot
from bot.application.app import KhitomerBot
from bot.config import Settings
from bot.storage import games as game_store


def sharded(settings: Settings, count: int, ids: tuple[int, ...]) -> KhitomerBot:
    return create_bot(replace(settings, shard_count=count, shard_ids=ids))


async def open_conference(env: simcord.Env, shard: int) -> tuple[simcord.GuildHandle, simcord.ChannelHandle]:
    """A server on `shard` whose lobby closes in one minute, with one conference convened."""
    guild = env.create_guild(name=f"Shard {shard} server", shard_id=shard)
    channel = guild.create_text_channel("conference-hall")
    mods = guild.create_role("Moderators", permissions=discord.Permissions(manage_guild=True))
    host = guild.add_member(env.create_user(f"host{shard}"), roles=[mods])
    for setting, value in (("game.threads", "off"), ("deadline.lobby", "1m")):
        set_result = await host.slash(channel, "config set", setting=setting, value=value)
        assert set_result.ephemeral, set_result
    convened = await host.slash(channel, "accord convene", scenario="khitomer")
    assert not convened.ephemeral
    return guild, channel


def test_the_bot_runs_exactly_the_configured_shards(settings: Settings) -> None:
    # Built, not started: nothing to close.
    bot = sharded(settings, 4, (1, 3))
    assert (bot.shard_count, bot.shard_ids) == (4, [1, 3])
    automatic = create_bot(settings)
    assert (automatic.shard_count, automatic.shard_ids) == (None, None)  # discord.py asks Discord


async def test_timers_run_only_for_servers_of_this_process_shards(settings: Settings) -> None:
    both = sharded(settings, 2, (0, 1))
    only_zero = sharded(settings, 2, (0,))
    try:
        async with simcord.run(both) as env:
            await both.tree.sync()
            _, channel0 = await open_conference(env, 0)
            _, channel1 = await open_conference(env, 1)
            before = {0: channel0.last_message.id, 1: channel1.last_message.id}
            # The process that runs both shards stops; one that runs shard 0 only takes over.
            await env.restart_bot(only_zero)
            assert only_zero.shard_ids == [0]
            await env.advance_time(5 * 60)
            assert channel0.last_message.id != before[0]
            assert "Time is up" in (channel0.last_message.content or "")
            assert channel1.last_message.id == before[1], "shard 1's deadline is another process's work"
            still_open = await game_store.open_games(only_zero.db)
            assert [(g.guild_id, g.phase.value) for g in still_open] == [(channel1.guild.id, "convened")]
    finally:
        await both.close()
        await only_zero.close()


async def test_about_names_this_server_shard_and_the_process_shards(settings: Settings) -> None:
    bot = sharded(settings, 4, (1, 2))
    try:
        async with simcord.run(bot) as env:
            await bot.tree.sync()
            guild = env.create_guild(name="Narendra", shard_id=2)
            member = guild.add_member(env.create_user("tasha"))
            about = await member.slash(guild.create_text_channel("bridge"), "about")
            shards = {f.name: f.value for f in about.response.embeds[0].fields}["Shards"]
            assert shards == "This server is on shard 2. This process runs shards 1–2 of 4."
    finally:
        await bot.close()


async def test_no_process_holds_a_servers_lore_names(settings: Settings) -> None:
    """Nothing is loaded at start or kept per server (a million names took 12 s to load): every
    process reads a server's names from the shared index as a request needs them, so a name
    written by one process is offered by the other at once."""
    from bot.domain.lore import Kind
    from bot.storage import lore as lore_store

    both = sharded(settings, 2, (0, 1))
    only_zero = sharded(settings, 2, (0,))
    try:
        async with simcord.run(both) as env:
            await both.tree.sync()
            here = env.create_guild(name="Shard 0 server", shard_id=0)
            there = env.create_guild(name="Shard 1 server", shard_id=1)
            writer = both.get_cog("Lore").service  # type: ignore[union-attr]
            for guild, title in ((here, "Battle of the Briar Patch"), (there, "Siege of AR-558")):
                draft = lore_store.Draft(title, Kind.BATTLE, "Our players fought it.", "Body.")
                await writer.add(guild.id, 1, draft)
            await env.restart_bot(only_zero)
            service = only_zero.get_cog("Lore").service  # type: ignore[union-attr]
            assert not hasattr(service, "server_names"), "no names are held per server"
            member = here.add_member(env.create_user("ezri"))
            offered = await member.autocomplete(
                here.create_text_channel("ops"), "lore entry", "topic", "Briar"
            )
            assert [c["name"] for c in offered][:1] == ["Battle of the Briar Patch"]
            later = lore_store.Draft("Briar Patch Skirmish", Kind.BATTLE, "Written elsewhere.", "Body.")
            await writer.add(here.id, 1, later)  # by the other process, after this one answered
            offered = await member.autocomplete(
                here.create_text_channel("ops2"), "lore entry", "topic", "Briar"
            )
            assert {c["name"] for c in offered[:2]} == {"Battle of the Briar Patch", "Briar Patch Skirmish"}
    finally:
        await both.close()
        await only_zero.close()
