"""Deadlines and reminders, re-armed at start-up: one task waits for the next deadline (or
reminder) of every open conference, and a conference gets a task of its own only when that time
comes. A thousand open conferences hold a thousand small records, not a thousand sleeping tasks
(a task, its coroutine, a future and a timer each: issue #21).

Times are Discord's clock (discord.utils.utcnow), so a deadline that passed while the bot was
down fires as soon as it is back, and tests move time with SimCord instead of waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class _Due:
    at: float  # when the game's own task starts: at its reminder, else at its deadline
    state: GameState  # as armed
    lead: float
    remind: bool  # a reminder was still to come when it was armed


class Timers:
    def __init__(
        self,
        remind: Callable[[GameState, float], Awaitable[None]],
        expire: Callable[[GameState], Awaitable[None]],
    ) -> None:
        self._remind, self._expire = remind, expire
        self._tasks = GameTasks("deadline")  # the games whose time came: reminding or acting
        self._due: dict[int, _Due] = {}  # the games still waiting, by game id
        self._clock: asyncio.Task[None] | None = None  # sleeps until the first of _due
        self._next: float | None = None  # the time it sleeps until

    def arm(self, state: GameState, lead: float) -> None:
        """(Re)start the timer of a game from its stored deadline; none while paused or over."""
        self.disarm(state.game_id)
        if state.deadline is None or state.paused or state.phase.over:
            return
        remind_at = state.deadline - lead
        remind = lead > 0 and now() < remind_at
        due = _Due(remind_at if remind else state.deadline, state, lead, remind)
        self._due[state.game_id] = due
        if self._clock is None or self._clock.done() or self._next is None or due.at < self._next:
            if self._clock is not None:
                self._clock.cancel()  # it sleeps past this one
            self._clock = asyncio.create_task(self._tick(), name="deadline-clock")

    def disarm(self, game_id: int) -> None:
        self._due.pop(game_id, None)  # the clock may wake for it: it then looks again
        self._tasks.cancel(game_id, even_acting=True)

    def armed(self) -> set[int]:
        """The games whose deadline is being timed."""
        return set(self._due) | self._tasks.games()

    async def stop(self) -> None:
        """Cancel the timers still waiting; let one that is firing finish what it started."""
        waiting, clock = len(self._due), self._clock
        self._due.clear()
        self._clock = None
        if clock is not None:
            clock.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await clock
        log.info("deadline timers stopped: %d", waiting + await self._tasks.stop())

    async def _tick(self) -> None:
        """Sleep until the first game's time, start its task, and so on while any waits."""
        while self._due:
            game_id = min(self._due, key=lambda game: self._due[game].at)
            due = self._due[game_id]
            if now() < due.at:
                self._next = due.at
                await asyncio.sleep(due.at - now())
                continue  # games armed or disarmed meanwhile: look again
            del self._due[game_id]
            self._tasks.start(game_id, self._run(due.state, due.lead, due.remind))
        self._next = None

    async def _run(self, state: GameState, lead: float, remind: bool) -> None:
        """The reminder (when one was due), then a sleep to the deadline, then act until acting
        works: a database or Discord that is away delays the deadline, never cancels it (#22)."""
        assert state.deadline is not None
        if remind:
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
