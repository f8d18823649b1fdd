"""Per-server settings rows."""

from __future__ import annotations

from ..domain.guild_config import GuildConfig
from .backend import SETTINGS_NOTICE, Database


async def load(db: Database, guild_id: int) -> GuildConfig:
    rows = await db.fetch_all(
        "SELECT name, scope, value, NULL AS area FROM guild_settings WHERE guild_id = ?"
        " UNION ALL SELECT NULL, NULL, NULL, area FROM guild_disabled_areas WHERE guild_id = ?",
        (guild_id, guild_id),
    )
    values = {(r["name"], int(r["scope"])): r["value"] for r in rows if r["area"] is None}
    return GuildConfig(values, frozenset(r["area"] for r in rows if r["area"] is not None))


async def put(db: Database, guild_id: int, name: str, value: str, scope: int = 0) -> None:
    async with db.transaction(guild=guild_id) as conn:
        await db.notify(conn, SETTINGS_NOTICE, guild_id)
        await conn.execute(
            "INSERT INTO guild_settings (guild_id, name, scope, value) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (guild_id, name, scope) DO UPDATE SET value = excluded.value",
            (guild_id, name, scope, value),
        )


async def clear(db: Database, guild_id: int, name: str | None = None, scope: int | None = None) -> None:
    """Forget one setting (in one scope, or all of its scopes), or every setting and area."""
    async with db.transaction(guild=guild_id) as conn:
        await db.notify(conn, SETTINGS_NOTICE, guild_id)
        if name is None:
            await conn.execute("DELETE FROM guild_settings WHERE guild_id = ?", (guild_id,))
            await conn.execute("DELETE FROM guild_disabled_areas WHERE guild_id = ?", (guild_id,))
        elif scope is None:
            await conn.execute("DELETE FROM guild_settings WHERE guild_id = ? AND name = ?", (guild_id, name))
        else:
            await conn.execute(
                "DELETE FROM guild_settings WHERE guild_id = ? AND name = ? AND scope = ?",
                (guild_id, name, scope),
            )


async def set_area(db: Database, guild_id: int, area: str, enabled: bool) -> None:
    async with db.transaction(guild=guild_id) as conn:
        await db.notify(conn, SETTINGS_NOTICE, guild_id)
        if enabled:
            await conn.execute(
                "DELETE FROM guild_disabled_areas WHERE guild_id = ? AND area = ?", (guild_id, area)
            )
        else:
            await conn.execute(
                "INSERT INTO guild_disabled_areas (guild_id, area) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (guild_id, area),
            )
