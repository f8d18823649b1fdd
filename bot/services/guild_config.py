"""Server settings with a cache: read on nearly every interaction, written rarely."""

from __future__ import annotations

from ..domain.errors import InvalidInput
from ..domain.guild_config import SETTINGS, GuildConfig, refusal
from ..storage import SETTINGS_NOTICE, Database
from ..storage import guild_settings as store


class ConfigService:
    """Each process keeps what it read; a write in any process (a notice tells them all, once it
    has committed) drops that server's copy everywhere. Only committed data is cached: reads
    never see an open transaction, and a read that overlapped a change is served, not kept."""

    def __init__(self, db: Database, running_with: frozenset[str] = frozenset()) -> None:
        self.db = db
        self.running_with = running_with  # what the bot runs with (MESSAGE_CONTENT: message content)
        self._cache: dict[int, GuildConfig] = {}
        self._changes = 0  # counts every drop: a read that saw one begin may hold the old value
        db.on_notice(SETTINGS_NOTICE, self._forget)

    def _forget(self, guild_id: int | None, _key: str | None = None) -> None:
        self._changes += 1
        if guild_id is None:
            self._cache.clear()
        else:
            self._cache.pop(guild_id, None)

    def forget(self, guild_id: int) -> None:
        """Settings written elsewhere (an archive import) are read afresh here at once; other
        processes drop theirs at the write's notice."""
        self._forget(guild_id)

    async def get(self, guild_id: int | None) -> GuildConfig:
        if guild_id is None:
            return GuildConfig()
        if (cached := self._cache.get(guild_id)) is not None:
            return cached
        changes = self._changes
        loaded = await store.load(self.db, guild_id)
        if changes == self._changes:  # nothing changed while it was read
            self._cache[guild_id] = loaded
        return loaded

    async def put(self, guild_id: int, name: str, value: str, scope: int = 0) -> None:
        """Store a value; one that turns on what this bot runs without is refused (InvalidInput)."""
        item = SETTINGS.get(name)
        if item is not None and item.needs:
            old = (await self.get(guild_id)).raw(name, scope)
            if (why := refusal(item, old, value, self.running_with)) is not None:
                raise InvalidInput(why)
        await store.put(self.db, guild_id, name, value, scope)
        self._forget(guild_id)  # the next read sees the write (another process's: at its notice)

    async def clear(self, guild_id: int, name: str | None = None, scope: int | None = None) -> None:
        await store.clear(self.db, guild_id, name, scope)
        self._forget(guild_id)

    async def set_area(self, guild_id: int, area: str, enabled: bool) -> None:
        await store.set_area(self.db, guild_id, area, enabled)
        self._forget(guild_id)
