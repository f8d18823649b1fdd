"""Deadlines and reminders: one task per open conference, re-armed at start-up.

Times are Discord's clock (discord.utils.utcnow), so a deadline that passed while the bot was
down fires as soon as it is back, and tests move time with SimCord instead of waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.domain.accords import GameState, Phase
from bot.domain.formatting import format_duration
from bot.ui.text import plain

log = logging.getLogger(__name__)

PHASE_SETTING = {
    Phase.CONVENED: "deadline.lobby",
    Phase.NEGOTIATION: "deadline.negotiation",
    Phase.RATIFICATION: "deadline.ratification",
}


def now() -> float:
    return discord.utils.utcnow().timestamp()


def retry_pause(failures: int) -> float:
    """Seconds before the next try of a deadline: 5, 10, 20 … then every five minutes."""
    return float(min(5 * 2 ** (failures - 1), 300))


class Timers:
    def __init__(
        self,
        remind: Callable[[GameState, float], Awaitable[None]],
        expire: Callable[[GameState], Awaitable[None]],
    ) -> None:
        self._remind, self._expire = remind, expire
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._firing: set[asyncio.Task[Any]] = set()  # past their sleep, acting on the game

    def arm(self, state: GameState, lead: float) -> None:
        """(Re)start the timer of a game from its stored deadline; none while paused or over."""
        self.disarm(state.game_id)
        if state.deadline is None or state.paused or state.phase.over:
            return
        self._tasks[state.game_id] = asyncio.create_task(
            self._run(state, lead), name=f"accord-{state.game_id}"
        )

    def disarm(self, game_id: int) -> None:
        task = self._tasks.pop(game_id, None)
        if task is not None and task is not asyncio.current_task():
            task.cancel()

    async def stop(self) -> None:
        """Cancel the timers still waiting; let one that is firing finish what it started."""
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            if task not in self._firing:
                task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        log.info("deadline timers stopped: %d", len(tasks))

    async def _run(self, state: GameState, lead: float) -> None:
        """Sleep to the reminder, then to the deadline, then act until acting works: a database
        or Discord that is away delays the deadline, never cancels it (issue #22)."""
        assert state.deadline is not None
        remind_at = state.deadline - lead
        if lead > 0 and now() < remind_at:
            await asyncio.sleep(remind_at - now())
            try:
                await self._fire(self._remind(state, lead))
            except Exception:  # a lost reminder must not stop the deadline itself
                log.warning("reminder of game %s failed", state.game_id, exc_info=True)
        if now() < state.deadline:
            await asyncio.sleep(state.deadline - now())
        for failures in itertools.count(1):
            try:
                await self._fire(self._expire(state))
                return
            except Exception as error:
                pause = retry_pause(failures)
                log.warning(
                    "deadline of game %s: try %d failed (%s); trying again in %.0f s",
                    state.game_id, failures, type(error).__name__, pause, exc_info=failures == 1,
                )  # fmt: skip
                await asyncio.sleep(pause)

    async def _fire(self, action: Awaitable[None]) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._firing.add(task)
        try:
            await action
        finally:
            self._firing.discard(task)


def reminder_text(state: GameState, lead: float) -> str:
    players = " ".join(f"<@{p}>" for seat in state.seats for p in seat.players)
    return (
        f"⏰ **{plain(state.title)}**: {state.phase.label} ends in "
        f"{format_duration(lead)}. {players}".rstrip()
    )
