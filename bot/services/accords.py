"""Acting on a game: load, decide, append events and state in one transaction."""

from __future__ import annotations

from typing import Any

from ..domain.accords import Event, GameState, decide, new_game
from ..storage import Database
from ..storage import games as store


class AccordService:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def convene(
        self,
        guild_id: int,
        channel_id: int,
        host: int,
        title: str,
        powers: tuple[str, ...],
        scenario: str = "",
    ) -> GameState:
        new_game(0, guild_id, host, title, powers, scenario)  # validate before anything is stored
        return await store.create(
            self.db,
            guild_id,
            channel_id,
            lambda game_id: new_game(game_id, guild_id, host, title, powers, scenario),
        )

    async def act(
        self, guild_id: int, game_id: int, kind: str, actor: int, *, staff: bool = False, **data: Any
    ) -> tuple[GameState, list[Event]]:
        """Apply one action; returns the new state and the events it caused (none: no change).
        The whole read-decide-write runs as one transaction, so two presses at once are applied
        one after the other: a repeated Sign or Support then changes nothing."""
        return await store.act_now(
            self.db, guild_id, game_id, lambda state: decide(state, kind, actor, staff=staff, **data)
        )
