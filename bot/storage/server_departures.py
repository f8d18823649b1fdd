"""Servers that removed the bot, each with the time its data will be purged (migration 0020), and
which servers the database holds data of at all.

The table is the timer's memory: bot/application/departures.py arms itself from it at start-up,
so a purge that was due while the bot was down happens as soon as it is back.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from ..domain.shards import shard_of
from . import work
from .backend import Database, Row

NAME_MAX = 100  # Discord's longest server name

# Tables whose rows belong to one server, read to find the servers the database holds data of.
# Each has an index that starts with guild_id: one index probe per server, not a scan of rows.
INDEXED = ("lore_entries", "accords", "games", "guild_settings", "guild_disabled_areas", "reputation",
           "pager_args")  # fmt: skip
# Small tables without such an index (messages waiting to be sent, error reports): read whole.
SMALL = ("outbox", "error_reports")
Shards = tuple[int, Collection[int]]  # (shard count, the shards of this process)


@dataclass(frozen=True, slots=True)
class Departure:
    guild_id: int
    name: str | None  # None: it left while the bot was offline, unseen
    left_at: float
    purge_at: float


def _departure(row: Row) -> Departure:
    name = row["name"]
    return Departure(
        int(row["guild_id"]),
        None if name is None else str(name),
        float(row["left_at"]),
        float(row["purge_at"]),
    )


def _ours(guild_id: int, shards: Shards | None) -> bool:
    return shards is None or shard_of(guild_id, shards[0]) in shards[1]


async def leave(db: Database, guild_id: int, name: str | None, left_at: float, purge_at: float) -> None:
    """The bot was removed from a server: its purge is due at `purge_at` (a later removal, after
    it was added back, sets the times again)."""
    async with work.bookkeeping(db, guild=guild_id) as conn:
        await conn.execute(
            "INSERT INTO server_departures (guild_id, name, left_at, purge_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (guild_id) DO UPDATE SET name = excluded.name, left_at = excluded.left_at,"
            " purge_at = excluded.purge_at",
            (guild_id, None if name is None else name[:NAME_MAX], left_at, purge_at),
        )


async def left_unseen(db: Database, guild_ids: Iterable[int], left_at: float, purge_at: float) -> None:
    """Servers found gone at start-up; one already pending keeps its own, earlier, times."""
    async with work.bookkeeping(db) as conn:
        await conn.executemany(
            "INSERT INTO server_departures (guild_id, name, left_at, purge_at) VALUES (?, NULL, ?, ?)"
            " ON CONFLICT (guild_id) DO NOTHING",
            [(guild_id, left_at, purge_at) for guild_id in sorted(guild_ids)],
        )


async def cancel(db: Database, guild_id: int) -> bool:
    """The bot is back in the server: nothing will be purged. False if nothing was pending."""
    async with work.bookkeeping(db, guild=guild_id) as conn:
        return await conn.execute("DELETE FROM server_departures WHERE guild_id = ?", (guild_id,)) == 1


async def get(db: Database, guild_id: int) -> Departure | None:
    row = await db.fetch_one("SELECT * FROM server_departures WHERE guild_id = ?", (guild_id,))
    return None if row is None else _departure(row)


async def pending(db: Database, *, shards: Shards | None = None) -> list[Departure]:
    """Every pending purge (of these shards' servers), the soonest first."""
    rows = await db.fetch_all("SELECT * FROM server_departures ORDER BY purge_at, guild_id")
    return [d for d in map(_departure, rows) if _ours(d.guild_id, shards)]


async def due(db: Database, now: float, *, shards: Shards | None = None) -> list[Departure]:
    rows = await db.fetch_all(
        "SELECT * FROM server_departures WHERE purge_at <= ? ORDER BY purge_at, guild_id", (now,)
    )
    return [d for d in map(_departure, rows) if _ours(d.guild_id, shards)]


async def next_due(db: Database, *, shards: Shards | None = None) -> float | None:
    """When the next purge of these shards' servers is due (None: none is pending). Pending
    purges are few (servers that left in the grace period): read whole, filtered here."""
    rows = await db.fetch_all("SELECT guild_id, purge_at FROM server_departures")
    times = [float(r["purge_at"]) for r in rows if _ours(int(r["guild_id"]), shards)]
    return min(times, default=None)


def _distinct_by_index(table: str) -> str:
    """A server id at a time through the table's guild_id index (a loose index scan): as many
    probes as servers, whatever the number of rows. The same SQL on SQLite and PostgreSQL."""
    return (
        "WITH RECURSIVE g(id) AS ("
        f" SELECT (SELECT min(guild_id) FROM {table})"
        f" UNION ALL SELECT (SELECT min(guild_id) FROM {table} WHERE guild_id > g.id)"
        " FROM g WHERE g.id IS NOT NULL)"
        " SELECT id FROM g WHERE id IS NOT NULL"
    )


async def stored_guilds(db: Database, *, shards: Shards | None = None) -> set[int]:
    """Every server (of these shards) whose data the database holds. Run once at start-up."""
    queries = [_distinct_by_index(table) for table in INDEXED]
    queries += [f"SELECT DISTINCT guild_id AS id FROM {t} WHERE guild_id IS NOT NULL" for t in SMALL]
    found: set[int] = set()
    for query in queries:
        found |= {int(row["id"]) for row in await db.fetch_all(query)}
    return {guild_id for guild_id in found if guild_id > 0 and _ours(guild_id, shards)}
