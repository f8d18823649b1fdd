"""Acting on a game: load, decide, append events and state in one transaction."""

from __future__ import annotations

from typing import Any

from ..domain.accords import Event, GameState, decide, evolve, new_game
from ..storage import Database
from ..storage import games as store

RETRIES = 3  # a concurrent action makes ours stale: decide again on the fresh state


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
        Two presses at once: the second decides again on the state the first left, so a
        repeated Sign or Support changes nothing rather than failing or counting twice."""
        for attempt in range(RETRIES):
            before = await store.get(self.db, guild_id, game_id)
            events = decide(before, kind, actor, staff=staff, **data)
            after = before
            for event in events:
                after = evolve(after, event)
            try:
                await store.append(self.db, before, events, after)
            except store.StaleGame:
                if attempt == RETRIES - 1:
                    raise
                continue
            return after, events
        raise AssertionError("unreachable")
