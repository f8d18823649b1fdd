"""The settings cache holds only what the database committed (issue #22, defect 6)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any, cast

import pytest

from bot.services.guild_config import ConfigService
from bot.storage import SETTINGS_NOTICE, Database
from tests.support.postgres import OpenDb

GUILD = 1
DEFAULT_LOBBY = 86_400  # deadline.lobby's default, one day


class Boom(Exception):
    """A failure in the middle of a transaction."""


async def test_a_setting_whose_transaction_rolls_back_is_never_served(open_db: OpenDb) -> None:
    """A write stored 600 and failed before committing; a reader in between cached 600, and
    the server went on using a value the database never held."""
    db = await open_db()
    service = ConfigService(db)
    written, read = asyncio.Event(), asyncio.Event()

    async def writer() -> None:
        with pytest.raises(Boom):
            async with db.transaction(guild=GUILD) as conn:
                await db.notify(conn, SETTINGS_NOTICE, GUILD)
                await conn.execute(
                    "INSERT INTO guild_settings VALUES (?, 'deadline.lobby', 0, '600')", (GUILD,)
                )
                written.set()
                await read.wait()
                raise Boom

    async def reader() -> int:
        await written.wait()
        try:
            return (await service.get(GUILD)).seconds("deadline.lobby")
        finally:
            read.set()

    try:
        _, seen = await asyncio.gather(writer(), reader())
        assert seen == DEFAULT_LOBBY
        assert (await service.get(GUILD)).seconds("deadline.lobby") == DEFAULT_LOBBY
        assert await db.fetch_all("SELECT value FROM guild_settings WHERE guild_id = ?", (GUILD,)) == []
    finally:
        await db.close()


class _SlowReads:
    """The database, but the first fetch_all's rows arrive only once `release` is set."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.loaded = asyncio.Event()
        self.release = asyncio.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        rows = await self._db.fetch_all(sql, params)
        if not self.loaded.is_set():
            self.loaded.set()
            await self.release.wait()
        return rows


async def test_a_read_that_overlaps_a_write_does_not_keep_the_old_value(open_db: OpenDb) -> None:
    """A reader read 600; before its rows reached the cache a moderator set 900 (which dropped
    the cache); then the reader stored 600, and every later read was served the old value."""
    db = await open_db()
    try:
        await ConfigService(db).put(GUILD, "deadline.lobby", "600")
        slow = _SlowReads(db)
        service = ConfigService(cast(Database, slow))
        reading = asyncio.create_task(service.get(GUILD))
        await asyncio.wait_for(slow.loaded.wait(), 10)
        await service.put(GUILD, "deadline.lobby", "900")
        slow.release.set()
        assert (await reading).seconds("deadline.lobby") == 600  # it began before the write
        assert (await service.get(GUILD)).seconds("deadline.lobby") == 900
    finally:
        await db.close()
