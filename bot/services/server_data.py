"""Servers that leave (issue #24): their data is kept for a grace period, then purged whole.

The bot's removal from a server records its purge, due `grace` seconds later; being added back
in time cancels it and nothing was lost. A server that removed the bot while it was offline is
found at start-up by comparing the servers the database holds data of with the servers Discord
says the bot is in (left_while_away). bot/application/departures.py runs the timer; the owner's
/owner purge and the operator's `khitomer purge-server` purge at once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from ..storage import Database
from ..storage import server_data as data
from ..storage import server_departures as store
from ..storage.server_data import Purged
from ..storage.server_departures import Departure, Shards

# More servers than this gone at once, and more than half of those with data, is not taken for
# departures: a bot started with another application's token, or on another bot's database,
# sees none of the servers, and purging them all a month later would be a disaster.
SUSPICIOUS_FLOOR = 10

__all__ = ["Departure", "Purged", "ServerData", "Shards", "WhileAway", "left_while_away"]


@dataclass(frozen=True, slots=True)
class WhileAway:
    """Servers with data that the bot is no longer in; `trusted` False when there are too many
    to be departures (then nothing is scheduled, and the log says why)."""

    gone: frozenset[int]
    stored: int
    trusted: bool = True


def left_while_away(stored: Collection[int], seen: Collection[int], pending: Collection[int]) -> WhileAway:
    """`stored`: the servers the database holds data of (of these shards); `seen`: the servers
    of these shards in the bot's cache after READY, unavailable ones included (READY lists every
    server the bot is in, those in an outage as unavailable, so an outage never looks like a
    departure); `pending`: those whose purge is already scheduled."""
    gone = frozenset(stored) - frozenset(seen) - frozenset(pending)
    trusted = not (len(gone) > SUSPICIOUS_FLOOR and len(gone) * 2 > len(stored))
    return WhileAway(gone, len(stored), trusted)


class ServerData:
    def __init__(self, db: Database, grace: float) -> None:
        self.db = db
        self.grace = grace

    async def left(self, guild_id: int, name: str | None, at: float) -> Departure:
        """The bot was removed from a server at `at`: purge it after the grace period."""
        departure = Departure(guild_id, name, at, at + self.grace)
        await store.leave(self.db, guild_id, name, departure.left_at, departure.purge_at)
        return departure

    async def left_unseen(self, guild_ids: Iterable[int], at: float) -> None:
        """Servers found gone at start-up: their grace period starts now."""
        await store.left_unseen(self.db, guild_ids, at, at + self.grace)

    async def back(self, guild_id: int) -> bool:
        """The bot is in the server again: its pending purge (if any) is cancelled."""
        return await store.cancel(self.db, guild_id)

    async def departure(self, guild_id: int) -> Departure | None:
        return await store.get(self.db, guild_id)

    async def pending(self, *, shards: Shards | None = None) -> list[Departure]:
        return await store.pending(self.db, shards=shards)

    async def due(self, now: float, *, shards: Shards | None = None) -> list[Departure]:
        return await store.due(self.db, now, shards=shards)

    async def next_due(self, *, shards: Shards | None = None) -> float | None:
        return await store.next_due(self.db, shards=shards)

    async def stored_guilds(self, *, shards: Shards | None = None) -> set[int]:
        return await store.stored_guilds(self.db, shards=shards)

    async def counts(self, guild_id: int) -> dict[str, int]:
        """What the server has, by kind: what a purge would delete."""
        return await data.counts(self.db, guild_id)

    async def purge_due(self, guild_id: int, now: float) -> Purged | None:
        """The timer's purge: None if the server's purge is no longer pending and due."""
        return await data.purge(self.db, guild_id, due_by=now)

    async def purge(self, guild_id: int) -> Purged:
        """Everything of the server, now, pending or not (the owner or the operator asked)."""
        purged = await data.purge(self.db, guild_id)
        assert purged is not None
        return purged
