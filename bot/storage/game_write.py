"""One action on a game as a unit of work: what the service may do inside the transaction that
holds the game, and nothing else. The service (bot/services/accords.py) decides; this module reads
the game for update and writes what was decided, all committed together or not at all."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import TypeVar

from ..domain.accords import Event, GameState
from . import accords, outbox, reputation
from .backend import Conn, Database
from .game_lists import titles_in_family_in
from .games import GameCache, append, insert, load_for_update, running_in_channel, signers_in

T = TypeVar("T")


class GameWrite:
    """The game `game_id` of `guild_id`, inside a write transaction."""

    def __init__(self, conn: Conn, guild_id: int, game_id: int) -> None:
        self._conn, self.guild_id, self.game_id = conn, guild_id, game_id
        self._channel = 0

    async def load(self, cache: GameCache | None = None) -> GameState:
        """The game as stored, held until the transaction ends: no other action interleaves."""
        held = await load_for_update(self._conn, self.guild_id, self.game_id, cache)
        self._channel = held.channel_id
        return held.state

    async def append(self, before: GameState, after: GameState, events: Sequence[Event]) -> None:
        await append(self._conn, before, after, events)

    async def signers(self) -> dict[str, list[str]]:
        """Who signed for each power, by the name they signed with."""
        return await signers_in(self._conn, self.game_id)

    async def ratify(self, accord: accords.NewAccord) -> str:
        """Store and index the conference's accord; the name it was stored under."""
        return (await accords.ratify_in(self._conn, accord)).name

    async def add_reputation(self, changes: dict[int, int]) -> None:
        await reputation.apply_in(self._conn, self.guild_id, changes)

    async def queue(self, messages: Sequence[outbox.Outgoing], *, at: float, hold: float) -> None:
        """Messages the action owes the game's channel, sent once this commits (bot/application/outbox.py)."""
        await outbox.add(self._conn, self.guild_id, messages, now=at, hold=hold, channel=self._channel)


async def write_game(
    db: Database, guild_id: int, game_id: int, work: Callable[[GameWrite], Awaitable[T]]
) -> T:
    """`work` on one game in one transaction, on the backend's fastest path for small writes."""
    return await db.write_now(lambda conn: work(GameWrite(conn, guild_id, game_id)))


class Convening:
    """A new conference inside its write transaction, under the server's lock: what the service
    may read and write while it convenes one, so the checks it makes still hold when it writes."""

    def __init__(self, conn: Conn, guild_id: int) -> None:
        self._conn, self.guild_id = conn, guild_id

    async def running_in(self, channel_id: int) -> bool:
        """Whether a conference of this channel still runs (one moved on to its thread counts)."""
        return await running_in_channel(self._conn, self.guild_id, channel_id)

    async def titles_in_family(self, base: str, low: str, high: str) -> list[str]:
        """The server's conference titles of this family (bot/domain/accords/titles.py)."""
        return await titles_in_family_in(self._conn, self.guild_id, base, low, high)

    async def insert(self, channel_id: int, opening: GameState) -> GameState:
        """Store the opening state; the stored game has its id."""
        return await insert(self._conn, channel_id, opening)

    async def queue(
        self, channel_id: int, messages: Sequence[outbox.Outgoing], *, at: float, hold: float
    ) -> None:
        await outbox.add(self._conn, self.guild_id, messages, now=at, hold=hold, channel=channel_id)


@asynccontextmanager
async def convening(db: Database, guild_id: int) -> AsyncIterator[Convening]:
    """One conference convened, committed whole when the block ends well: two /accord convene at
    the same moment are made one after the other, so each sees the other's channel and title."""
    async with db.transaction(guild=guild_id) as conn:
        yield Convening(conn, guild_id)


async def queue(
    db: Database, guild_id: int, game_id: int, items: Sequence[outbox.Outgoing], *, at: float
) -> None:
    """Messages for a game's channel on their own (a reminder: the deadline is the action)."""
    async with db.transaction() as conn:
        row = await conn.fetch_one("SELECT channel_id FROM games WHERE id = ?", (game_id,))
        await outbox.add(conn, guild_id, items, now=at, channel=int(row["channel_id"]) if row else 0)
