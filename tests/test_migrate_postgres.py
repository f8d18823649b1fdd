"""`khitomer migrate-to-postgres` (issue #14 point 6): a played SQLite database, copied whole into
an empty PostgreSQL database that the bot then reads as it read the file; a second copy into the
same database is refused, and so is a row PostgreSQL cannot hold, leaving the target empty."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.accords import commands as c
from bot.domain.accords.model import Clause
from bot.domain.lore import Kind
from bot.ops.cli import main
from bot.services.accords import AccordService
from bot.services.guild_config import ConfigService
from bot.services.lore import LoreService
from bot.services.treaties import TreatyService
from bot.storage import Database, SqliteDatabase, open_database
from bot.storage import games as store
from bot.storage.lore import Draft

GUILD, CHANNEL, HOST, KOR, HECTAVIOUS = 100, 200, 1, 2, 3


@pytest.fixture
def target(database_url: str | None) -> str:
    if database_url is None:
        pytest.skip("needs PostgreSQL: the suite's PostgreSQL run (KHITOMER_TEST_BACKEND=postgres) runs it")
    return database_url


@pytest.fixture
async def played(tmp_path: Path) -> AsyncIterator[tuple[Path, int]]:
    """A SQLite file after an evening's play: a ratified accord, lore, settings, reputation."""
    path = tmp_path / "khitomer.db"
    db = await SqliteDatabase.open(path)
    try:
        service = AccordService(db)
        game = await service.convene(
            GUILD, CHANNEL, HOST, "Grain for peace", ("Klingon Empire", "Romulan Star Empire")
        )
        for command, actor in (
            (c.Join("Klingon Empire"), KOR), (c.Join("Romulan Star Empire"), HECTAVIOUS), (c.Start(), HOST),
            (c.Table(Clause.TRADE, "Grain flows to Qo'noS."), KOR), (c.Support(1), HECTAVIOUS),
            (c.CloseDraft(), HOST), (c.Sign(), KOR), (c.Sign(), HECTAVIOUS),
        ):  # fmt: skip
            await service.act(GUILD, game.game_id, command, actor)
        lore = LoreService(db)
        await lore.start()
        await lore.add(
            GUILD, HOST, Draft("Vintar Depot", Kind.PLACE, "A grain depot.", "Built in 2390 for the grain.")
        )
        await ConfigService(db).put(GUILD, "deadline.lobby", "600")
        yield path, game.game_id
    finally:
        await db.close()


async def migrate(path: Path, url: str) -> int:
    """The command as an operator runs it (its own event loop, so on a thread here)."""
    return await asyncio.to_thread(main, ["migrate-to-postgres", "--from", str(path), "--to", url])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def same_game(one: Database, other: Database, game_id: int) -> bool:
    return await store.get(one, GUILD, game_id) == await store.get(other, GUILD, game_id)


async def test_a_played_database_moves_whole_and_the_bot_reads_it_there(
    played: tuple[Path, int], target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path, game_id = played
    before = digest(path)
    assert await migrate(path, target) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Copied ") and "row count matches the file" in out and "password" not in out
    assert "] 100%" in err and " rows" in err  # the progress bar
    assert digest(path) == before, "the SQLite file is left as it was"

    source, moved = await SqliteDatabase.open(path), await open_database(path, target)
    try:
        assert moved.dialect.postgres
        assert await same_game(source, moved, game_id)
        hits = await TreatyService(moved).search(GUILD, "grain")
        assert [hit.treaty.name for hit in hits] == ["Grain for peace"]
        lore = LoreService(moved)
        await lore.start()
        assert (await lore.search(GUILD, "grain depot")).hits[0].entry.title == "Vintar Depot"
        assert (await ConfigService(moved).get(GUILD)).seconds("deadline.lobby") == 600
        board = await AccordService(moved).leaderboard(GUILD)
        assert {user for user, _, _ in board} == {KOR, HECTAVIOUS}
        # ids go on from the copied ones
        added = await lore.add(GUILD, HOST, Draft("Second Depot", Kind.PLACE, "Another.", "Later."))
        assert added.key == "server-2"
        again = await AccordService(moved).convene(
            GUILD, CHANNEL + 1, HOST, "Next", ("Klingon Empire", "Romulan Star Empire")
        )
        assert again.game_id == game_id + 1
    finally:
        await source.close()
        await moved.close()


async def test_a_database_that_holds_rows_is_refused_and_left_alone(
    played: tuple[Path, int], target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = played
    assert await migrate(path, target) == 0
    moved = await open_database(path, target)
    try:
        counted = (await moved.fetch_one("SELECT count(*) FROM game_events"))[0]
        capsys.readouterr()
        assert await migrate(path, target) == 1
        err = capsys.readouterr().err
        assert "already holds Khitomer data" in err and "Nothing was copied" in err
        assert (await moved.fetch_one("SELECT count(*) FROM game_events"))[0] == counted
    finally:
        await moved.close()


async def test_a_row_postgresql_cannot_hold_leaves_the_target_empty(
    played: tuple[Path, int], target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = played
    with sqlite3.connect(path) as conn:  # SQLite text may hold a NUL; PostgreSQL text may not
        conn.execute("UPDATE lore_entries SET body = 'Built' || char(0) || 'later'")
    assert await migrate(path, target) == 1
    err = capsys.readouterr().err
    assert "PostgreSQL refused a row of lore_entries" in err and "Nothing was kept" in err
    moved = await open_database(path, target)
    try:
        for table in ("games", "accords", "lore_entries", "guild_settings"):
            assert (await moved.fetch_one(f"SELECT count(*) FROM {table}"))[0] == 0, table
    finally:
        await moved.close()


async def test_the_copy_leaves_statistics_and_a_visibility_map(played: tuple[Path, int], target: str) -> None:
    """Without them, a fresh database's index counts read every heap row they count until
    autovacuum passes (the throwaway server runs with synchronous_commit off, as fast hosts may)."""
    path, _ = played
    assert await migrate(path, target) == 0
    moved = await open_database(path, target)
    try:
        row = await moved.fetch_one(
            "SELECT relpages, relallvisible, reltuples FROM pg_class WHERE oid = to_regclass('lore_postings')"
        )
        assert row is not None and row["relpages"] > 0
        assert row["relallvisible"] == row["relpages"] and row["reltuples"] > 0
    finally:
        await moved.close()
