"""Server settings with a cache: read on nearly every interaction, written rarely."""

from __future__ import annotations

from ..domain.guild_config import GuildConfig
from ..storage import SETTINGS_NOTICE, Database
from ..storage import guild_settings as store


class ConfigService:
    """Each process keeps what it read; a write in any process (PostgreSQL tells them all
    through a notice) drops that server's copy everywhere."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: dict[int, GuildConfig] = {}
        db.on_notice(SETTINGS_NOTICE, self._forget)

    def _forget(self, guild_id: int | None, _key: str | None = None) -> None:
        if guild_id is None:
            self._cache.clear()
        else:
            self._cache.pop(guild_id, None)

    async def get(self, guild_id: int | None) -> GuildConfig:
        if guild_id is None:
            return GuildConfig()
        if guild_id not in self._cache:
            self._cache[guild_id] = await store.load(self.db, guild_id)
        return self._cache[guild_id]

    async def put(self, guild_id: int, name: str, value: str, scope: int = 0) -> None:
        await store.put(self.db, guild_id, name, value, scope)
        self._cache.pop(guild_id, None)  # the next read sees the write

    async def clear(self, guild_id: int, name: str | None = None, scope: int | None = None) -> None:
        await store.clear(self.db, guild_id, name, scope)
        self._cache.pop(guild_id, None)

    async def set_area(self, guild_id: int, area: str, enabled: bool) -> None:
        await store.set_area(self.db, guild_id, area, enabled)
        self._cache.pop(guild_id, None)
