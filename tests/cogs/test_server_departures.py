"""Servers that remove the bot (issue #24, point 3): their data is kept for the grace period
(SERVER_DATA_GRACE, 30 days), then purged whole by a timer that outlives restarts and a database
that is away; a server that adds the bot back in time finds everything as it was. Another
server's data is never touched."""

from __future__ import annotations

import re
from typing import Any

import discord
import pytest

from bot.domain.formatting import format_duration
from bot.storage import error_reports
from bot.storage import outbox as queued
from tests.cogs.test_accords import ratified_game
from tests.cogs.test_lore import add_entry, modal_values
from tests.conftest import World
from tests.support.departures import Removed as RemovedQuietly
from tests.support.departures import nothing_left, outage_at_connect, owner_in_spacedock, remove_bot
from tests.support.faults import DatabaseDown
from tests.support.server_rows import every_row, held_of, lost

DAY = 86_400.0
GRACE = 30 * DAY


async def advance(env: Any, seconds: float) -> None:
    """Move the clock a day at a time: a month at once wakes every hourly job in one settle,
    more than SimCord's settle timeout allows."""
    while seconds > 0:
        step = min(seconds, DAY)
        await env.advance_time(step)
        seconds -= step


async def populate(env: Any, world: World) -> str:
    """What a server plays into the database: settings, lore, a ratified accord with its record
    and reputation, a complaint, a long search's page argument, an error report, and a message
    waiting in the outbox. Returns the accord's key."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    await add_entry(world)
    key, _carol = await ratified_game(world)
    await world.alice.slash(
        world.channel, "accord record complaint", accord=key, against="romulans", text="Cloaked ships."
    )
    await world.alice.slash(
        world.channel, "lore search", query="what ships did the klingons give the romulans in 2267 and why"
    )
    await error_reports.record(
        env.bot.db,
        error_reports.ErrorReport(
            "0badc0de", discord.utils.utcnow(), world.guild.id, world.channel.id, world.alice.id,
            "/lore entry", "KeyError", "Traceback …",
        ),
    )  # fmt: skip
    async with env.bot.db.transaction(guild=world.guild.id) as conn:  # due long after the purge
        await queued.add(conn, world.guild.id, [queued.text(world.channel.id, "Later.")], now=4e9)
    return key


async def populate_other(env: Any, world: World) -> None:
    """The other server has an entry of the same title, and settings of its own."""
    mods = world.other_guild.create_role("Mods", permissions=discord.Permissions(manage_guild=True))
    sisko = world.other_guild.add_member(env.create_user("sisko"), roles=[mods])
    shown = await sisko.slash(world.other_channel, "lore add", kind="battle", faction="Klingon Empire")
    added = await sisko.submit_modal(shown, modal_values(shown))
    assert "Added **Battle of Zeta Draconis**" in added.response.content
    await env.bot.guild_config.put(world.other_guild.id, "game.threads", "off")


def shared(held: dict[str, int]) -> dict[str, int]:
    """What a server keeps for good; page arguments and error reports go on their own clocks
    (retention), whatever the server does."""
    return {k: n for k, n in held.items() if not k.startswith(("pager_args.", "error_reports."))}


async def lore_answered(member: Any, channel: Any) -> bool:
    shown = await member.slash(channel, "lore entry", topic="Zeta skirmish")
    return (
        bool(shown.response.embeds)
        and shown.response.embeds[0].title == "Battle of Zeta Draconis (server lore)"
    )


async def pending_text(owner: Any, dock: Any) -> str:
    shown = await owner.slash(dock, "owner purges")
    assert shown.ephemeral
    return shown.response.content or shown.response.embeds[0].description or ""


async def test_a_removed_server_is_purged_after_its_grace_period_and_no_other(env, world: World) -> None:  # type: ignore[no-untyped-def]
    owner, dock = owner_in_spacedock(env)
    await populate(env, world)
    await populate_other(env, world)
    db, other = env.bot.db, world.other_guild.id
    other_held, before = await held_of(db, other), await every_row(db)
    assert {"lore_entries.guild_id", "accords.guild_id", "games.guild_id", "reputation.guild_id",
            "guild_settings.guild_id", "pager_args.guild_id", "error_reports.guild_id",
            "outbox.guild_id"} <= set(await held_of(db, world.guild.id))  # fmt: skip

    await remove_bot(env, world.guild)
    listed = await pending_text(owner, dock)
    found = re.fullmatch(
        rf"\*\*Khitomer Conference\*\* \(`{world.guild.id}`\): "
        r"left <t:(\d+):R>; purged <t:(\d+):f> \(<t:\2:R>\)",
        listed,
    )
    assert found is not None, listed
    assert int(found[2]) - int(found[1]) == GRACE

    await advance(env, GRACE - 60)
    assert not await nothing_left(env, world), "kept for the whole grace period"
    await advance(env, 61)
    assert await nothing_left(env, world), "nothing of the server is left in any table"
    assert await held_of(db, other) == other_held
    gone = lost(before, await every_row(db))  # only deleted: nothing of the other server changed
    assert {"lore_entries", "accords", "accord_events", "games", "game_events", "reputation"} <= set(gone)
    assert await lore_answered(world.stranger, world.other_channel), "the other server keeps its own"
    assert await pending_text(owner, dock) == "No server is waiting to be purged."
    assert len(env.errors) == 0


async def test_a_server_that_adds_the_bot_back_in_time_keeps_everything(env, world: World) -> None:  # type: ignore[no-untyped-def]
    owner, dock = owner_in_spacedock(env)
    key = await populate(env, world)
    held = await held_of(env.bot.db, world.guild.id)
    removed = await remove_bot(env, world.guild)
    await advance(env, GRACE - DAY)
    await removed.add_back()
    assert await pending_text(owner, dock) == "No server is waiting to be purged."
    await advance(env, 2 * GRACE)
    assert shared(await held_of(env.bot.db, world.guild.id)) == shared(held), "everything is as it was"
    assert await lore_answered(world.alice, world.channel)
    quoted = await world.bob.slash(world.channel, "treaty quote", treaty=key, article="I")
    assert "Peace." in quoted.response.embeds[0].description
    assert len(env.errors) == 0


async def test_a_restart_between_removal_and_deadline_still_purges_on_time(
    env, world: World, make_bot
) -> None:  # type: ignore[no-untyped-def]
    await populate(env, world)
    await remove_bot(env, world.guild)
    await advance(env, 10 * DAY)
    await env.restart_bot(make_bot())
    await advance(env, GRACE - 10 * DAY - 60)
    assert not await nothing_left(env, world)
    await advance(env, 61)
    assert await nothing_left(env, world), "the restarted bot read the deadline back and kept it"


async def test_a_server_added_back_while_the_bot_was_offline_is_kept(env, world: World, make_bot) -> None:  # type: ignore[no-untyped-def]
    owner, dock = owner_in_spacedock(env)
    await populate(env, world)
    removed = await remove_bot(env, world.guild)
    await advance(env, 5 * DAY)
    removed.put_back()
    await env.restart_bot(make_bot())
    env.bot.owner_ids = {owner.id}
    assert await pending_text(owner, dock) == "No server is waiting to be purged."
    await advance(env, GRACE)
    assert await lore_answered(world.alice, world.channel)


async def test_a_database_down_at_the_deadline_is_retried_until_the_purge_is_done(env, world: World) -> None:  # type: ignore[no-untyped-def]
    await populate(env, world)
    await remove_bot(env, world.guild)
    await advance(env, GRACE - 60)
    outage = DatabaseDown(env.bot.db).down()
    await advance(env, 3600)
    assert outage.refused >= 4, "the timer kept trying while the database was away"
    outage.back()
    assert not await nothing_left(env, world)
    await advance(env, 300 + 1)  # the longest pause between two tries
    assert await nothing_left(env, world)


async def test_a_purge_disarms_the_deadline_of_a_conference_of_that_server(env, world: World) -> None:  # type: ignore[no-untyped-def]
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    await world.moderator.slash(world.channel, "config set", setting="deadline.lobby", value="30d")
    await world.moderator.slash(world.channel, "accord convene", scenario="khitomer")
    await world.moderator.slash(world.channel, "accord host extend", by="30d")
    timers = env.bot.get_cog("Accords").timers
    armed = timers.armed()
    assert len(armed) == 1
    await remove_bot(env, world.guild)
    await advance(env, GRACE + 1)
    assert await nothing_left(env, world)
    assert not timers.armed() & armed, "no timer is left retrying a conference that is gone"


async def test_servers_left_unseen_are_found_at_start_up_and_one_in_an_outage_is_kept(  # type: ignore[no-untyped-def]
    env, world: World, make_bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner, dock = owner_in_spacedock(env)
    await populate(env, world)
    await populate_other(env, world)
    other_held = await held_of(env.bot.db, world.other_guild.id)
    RemovedQuietly(env, world.guild, announce=False)  # while the bot was offline
    with outage_at_connect(monkeypatch, world.other_guild.id):
        await env.restart_bot(make_bot())
        env.bot.owner_ids = {owner.id}
        listed = await pending_text(owner, dock)
    assert listed.startswith(
        f"server `{world.guild.id}` (name not seen: it removed Khitomer while the bot was offline): left <t:"
    ), listed
    assert str(world.other_guild.id) not in listed, "unavailable is not gone"
    await advance(env, GRACE + 1)
    assert await nothing_left(env, world)
    assert await held_of(env.bot.db, world.other_guild.id) == other_held
    assert format_duration(GRACE) == "30d"
