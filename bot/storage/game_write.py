"""One action on a game as a unit of work: what the service may do inside the transaction that
holds the game, and nothing else. The service (bot/services/accords.py) decides; this module reads
the game for update and writes what was decided, all committed together or not at all."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from ..domain.accords import Event, GameState
from ..domain.errors import NotAllowed
from . import accords, outbox, reputation
from .backend import Conn, Database
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


async def create(
    db: Database,
    channel_id: int,
    opening: GameState,
    owed: Callable[[GameState], Sequence[outbox.Outgoing]],
    *,
    at: float,
    hold: float,
) -> GameState:
    """Store a new game (its id given here) with the messages it owes its channel (its lobby).
    One running conference per channel, counting those that moved on to a thread of it: checked
    inside the write, so two /accord convene at the same moment make one conference."""
    async with db.transaction(guild=opening.guild_id) as conn:
        if await running_in_channel(conn, opening.guild_id, channel_id):
            raise NotAllowed("A conference is already running in this channel.")
        state = await insert(conn, channel_id, opening)
        await outbox.add(conn, state.guild_id, owed(state), now=at, hold=hold, channel=channel_id)
    return state


async def queue(
    db: Database, guild_id: int, game_id: int, items: Sequence[outbox.Outgoing], *, at: float
) -> None:
    """Messages for a game's channel on their own (a reminder: the deadline is the action)."""
    async with db.transaction() as conn:
        row = await conn.fetch_one("SELECT channel_id FROM games WHERE id = ?", (game_id,))
        await outbox.add(conn, guild_id, items, now=at, channel=int(row["channel_id"]) if row else 0)
