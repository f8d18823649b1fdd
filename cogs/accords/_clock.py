"""Deadlines and reminders: one task per open conference, re-armed at start-up.

Times are Discord's clock (discord.utils.utcnow), so a deadline that passed while the bot was
down fires as soon as it is back, and tests move time with SimCord instead of waiting.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import discord

from bot.domain.accords import GameState, Phase
from bot.domain.formatting import format_duration
from bot.ui.text import plain

from ._game_tasks import GameTasks

log = logging.getLogger(__name__)

PHASE_SETTING = {
    Phase.CONVENED: "deadline.lobby",
    Phase.NEGOTIATION: "deadline.negotiation",
    Phase.RATIFICATION: "deadline.ratification",
}


def now() -> float:
    return discord.utils.utcnow().timestamp()


class Timers:
    def __init__(
        self,
        remind: Callable[[GameState, float], Awaitable[None]],
        expire: Callable[[GameState], Awaitable[None]],
    ) -> None:
        self._remind, self._expire = remind, expire
        self._tasks = GameTasks("deadline")

    def arm(self, state: GameState, lead: float) -> None:
        """(Re)start the timer of a game from its stored deadline; none while paused or over."""
        self.disarm(state.game_id)
        if state.deadline is None or state.paused or state.phase.over:
            return
        self._tasks.start(state.game_id, self._run(state, lead))

    def disarm(self, game_id: int) -> None:
        self._tasks.cancel(game_id, even_acting=True)

    def armed(self) -> set[int]:
        """The games whose deadline is being timed."""
        return self._tasks.games()

    async def stop(self) -> None:
        """Cancel the timers still waiting; let one that is firing finish what it started."""
        log.info("deadline timers stopped: %d", await self._tasks.stop())

    async def _run(self, state: GameState, lead: float) -> None:
        """Sleep to the reminder, then to the deadline, then act until acting works: a database
        or Discord that is away delays the deadline, never cancels it (issue #22)."""
        assert state.deadline is not None
        remind_at = state.deadline - lead
        if lead > 0 and now() < remind_at:
            await asyncio.sleep(remind_at - now())
            try:
                await self._tasks.once(self._remind(state, lead))
            except Exception:  # a lost reminder must not stop the deadline itself
                log.warning("reminder of game %s failed", state.game_id, exc_info=True)
        if now() < state.deadline:
            await asyncio.sleep(state.deadline - now())
        await self._tasks.until_done(state.game_id, lambda: self._expire(state))


def reminder_text(state: GameState, lead: float) -> str:
    players = " ".join(f"<@{p}>" for seat in state.seats for p in seat.players)
    return (
        f"⏰ **{plain(state.title)}**: {state.phase.label} ends in "
        f"{format_duration(lead)}. {players}".rstrip()
    )
