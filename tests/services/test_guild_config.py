from __future__ import annotations

from bot.services.guild_config import ConfigService
from tests.support.postgres import OpenDb


async def test_reads_are_cached_and_a_write_invalidates(open_db: OpenDb) -> None:
    db = await open_db()
    try:
        service = ConfigService(db)
        first = await service.get(1)
        assert await service.get(1) is first  # served from the cache
        await service.put(1, "deadline.lobby", "600")
        fresh = await service.get(1)
        assert fresh is not first and fresh.seconds("deadline.lobby") == 600
        await service.set_area(1, "lore", False)
        assert not (await service.get(1)).area_enabled("lore")
        assert (await service.get(2)).area_enabled("lore")  # per server
        await service.clear(1)
        assert (await service.get(1)).area_enabled("lore")
        assert (await service.get(1)).seconds("deadline.lobby") == 86_400
        assert (await ConfigService(db).get(1)).values == {}  # and in the database
    finally:
        await db.close()
