"""Two bot processes on one database (issue #14 point 5): each action applied exactly once, one
signature however many presses, caches told of another process's writes, timers by shard.

The rival is a real second process (multiprocessing, spawn) with its own connections. On SQLite
two processes share the file through BEGIN IMMEDIATE; cache notices need PostgreSQL.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from dataclasses import replace
from pathlib import Path

import pytest
import simcord

from bot import create_bot
from bot.config import Settings
from bot.domain.accords import commands as c
from bot.domain.accords.model import Clause
from bot.services.accords import AccordService
from bot.services.guild_config import ConfigService
from bot.services.lore import LoreService
from bot.storage import games as store
from bot.storage.postgres import LISTENER
from tests.cogs.test_shards import open_conference
from tests.support import rival
from tests.support.postgres import OpenDb

GUILD, CHANNEL, HOST, KOR, HECTAVIOUS = 100, 200, 1, 2, 3
POWERS = ("Klingon Empire", "Romulan Star Empire")


@pytest.fixture
def where(tmp_path: Path, database_url: str | None) -> rival.Where:
    return rival.Where(tmp_path / "k.db", database_url)  # the database open_db opens


async def run_both(where: rival.Where, steps: list[list[tuple[int, c.Command, int]]]) -> list[list[str]]:
    """Two processes, each applying its steps in lockstep with the other's."""
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(2), context.Queue()
    processes = [rival.spawn(rival.act, where, GUILD, own, start, results) for own in steps]
    outcomes = [await asyncio.to_thread(results.get, True, 120) for _ in processes]
    for process in processes:
        await asyncio.to_thread(process.join, 30)
        assert process.exitcode == 0
    return outcomes


async def negotiating(service: AccordService, channel: int = CHANNEL) -> int:
    game = await service.convene(GUILD, channel, HOST, "Nimbus III", POWERS)
    await service.act(GUILD, game.game_id, c.Join("Klingon Empire"), KOR)
    await service.act(GUILD, game.game_id, c.Join("Romulan Star Empire"), HECTAVIOUS)
    await service.act(GUILD, game.game_id, c.Start(), HOST)
    return game.game_id


async def test_actions_taken_at_once_in_two_processes_are_each_applied_exactly_once(
    open_db: OpenDb, where: rival.Where
) -> None:
    db = await open_db()
    try:
        service = AccordService(db)
        game_id = await negotiating(service)
        before = (await service.game(GUILD, game_id)).version
        steps = [
            [(game_id, c.Table(Clause.TRADE, f"Cargo {side}{n}."), actor) for n in range(20)]
            for side, actor in (("a", KOR), ("b", HECTAVIOUS))
        ]
        outcomes = await run_both(where, steps)
        assert all(kinds == "tabled" for own in outcomes for kinds in own), outcomes
        state = await service.game(GUILD, game_id)
        assert state.version == before + 40
        texts = sorted(article.text for article in state.articles)
        assert texts == sorted(f"Cargo {side}{n}." for side in "ab" for n in range(20))  # none lost or twice
        rows = await db.fetch_all("SELECT seq FROM game_events WHERE game_id = ? ORDER BY seq", (game_id,))
        assert [row["seq"] for row in rows] == list(range(1, state.version + 1))
    finally:
        await db.close()


async def test_sign_pressed_at_once_in_two_processes_gives_one_signature(
    open_db: OpenDb, where: rival.Where
) -> None:
    db = await open_db()
    try:
        service = AccordService(db)
        games = []
        for n in range(6):  # six conferences, both processes pressing Sign for Kor in each at once
            game_id = await negotiating(service, CHANNEL + n)
            await service.act(GUILD, game_id, c.Table(Clause.TRADE, "Cloaks for cruisers."), KOR)
            await service.act(GUILD, game_id, c.Support(1), HECTAVIOUS)
            await service.act(GUILD, game_id, c.CloseDraft(), HOST)
            games.append(game_id)
        presses = [(game_id, c.Sign(), KOR) for game_id in games]
        first, second = await run_both(where, [presses, presses])
        for game_id, one, other in zip(games, first, second, strict=True):
            assert sorted((one, other)) == ["", "signed"], (one, other)  # the second press changed nothing
            rows = await db.fetch_all(
                "SELECT actor_id FROM game_events WHERE game_id = ? AND kind = 'signed'", (game_id,)
            )
            assert [row["actor_id"] for row in rows] == [KOR]
            assert (await service.game(GUILD, game_id)).signed == {"Klingon Empire"}
    finally:
        await db.close()


async def titles(lore: LoreService) -> list[str]:
    return [named.title for named in await lore.suggest(GUILD, "Station Khitomer")]


async def eventually(check: object, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not await check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "another process's write never reached this one"
        await asyncio.sleep(0.05)


async def test_a_write_in_another_process_reaches_this_process_caches(
    open_db: OpenDb, where: rival.Where
) -> None:
    db = await open_db()
    if not db.dialect.postgres:
        await db.close()
        pytest.skip("one process per SQLite file: its caches are told within the process")
    try:
        config, lore = ConfigService(db), LoreService(db)
        await lore.start()
        assert (await config.get(GUILD)).seconds("deadline.lobby") == 86_400  # now cached here
        assert "Station Khitomer Prime" not in await titles(lore)  # this server's names, now cached
        writer = rival.spawn(rival.write_settings_and_lore, where, GUILD)
        await asyncio.to_thread(writer.join, 60)
        assert writer.exitcode == 0

        async def settings_seen() -> bool:
            return (await config.get(GUILD)).seconds("deadline.lobby") == 600

        async def lore_seen() -> bool:
            return "Station Khitomer Prime" in await titles(lore)

        await eventually(settings_seen)
        await eventually(lore_seen)
    finally:
        await db.close()


async def test_two_processes_on_one_database_arm_only_their_own_shards_timers(
    settings: Settings,
) -> None:
    both = create_bot(replace(settings, shard_count=2, shard_ids=(0, 1)))
    only_zero = create_bot(replace(settings, shard_count=2, shard_ids=(0,)))
    only_one = create_bot(replace(settings, shard_count=2, shard_ids=(1,)))
    try:
        async with simcord.run(both) as env:
            await both.tree.sync()
            guild0, _ = await open_conference(env, 0)
            guild1, _ = await open_conference(env, 1)
            games = {g.guild_id: g.game_id for g in await store.open_games(both.db)}
            # Two processes start on the same database: one here, one beside it.
            await env.restart_bot(only_zero)
            # SimCord runs one bot per event loop: the second is set up (storage opened, cogs
            # loaded, timers armed) without a gateway, as a process does before it connects.
            await only_one.setup_hook()
            armed = {
                name: bot.get_cog("Accords").timers.armed()  # type: ignore[union-attr]
                for name, bot in (("zero", only_zero), ("one", only_one))
            }
            assert armed == {"zero": {games[guild0.id]}, "one": {games[guild1.id]}}
    finally:
        for bot in (both, only_zero):
            await bot.close()
        for extension in list(only_one.extensions):  # it never connected: nothing else to close
            await only_one.unload_extension(extension)
        await only_one.db.close()


async def test_notices_missed_while_the_listener_was_cut_off_drop_every_cache(
    open_db: OpenDb, where: rival.Where
) -> None:
    db = await open_db()
    if not db.dialect.postgres:
        await db.close()
        pytest.skip("one process per SQLite file: nothing listens for other processes")
    try:
        config = ConfigService(db)
        assert (await config.get(GUILD)).seconds("deadline.lobby") == 86_400  # cached
        # The server drops the listening connection (a restart, say); a write lands meanwhile and
        # its notice reaches nobody.
        cut = await db.fetch_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE application_name = ? AND pid <> pg_backend_pid()",
            (LISTENER,),
        )
        assert cut is not None and cut[0] >= 1
        await db.write_now(
            lambda conn: conn.execute(
                "INSERT INTO guild_settings (guild_id, name, scope, value)"
                " VALUES (?, 'deadline.lobby', 0, '900')",
                (GUILD,),
            )
        )

        async def dropped() -> bool:
            return (await config.get(GUILD)).seconds("deadline.lobby") == 900

        await eventually(dropped)  # listening again, it dropped every server's copy
        writer = rival.spawn(rival.write_settings_and_lore, where, GUILD)  # and hears notices again
        await asyncio.to_thread(writer.join, 60)

        async def heard() -> bool:
            return (await config.get(GUILD)).seconds("deadline.lobby") == 600

        await eventually(heard)
    finally:
        await db.close()
