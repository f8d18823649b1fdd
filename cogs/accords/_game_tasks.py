"""One waiting task per conference, as the deadline timers and the delegations' turns keep them:
re-timing a game replaces its task, and an action is tried until it works (a database or Discord
that is away delays it, never cancels it: issue #22)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


def retry_pause(failures: int) -> float:
    """Seconds before the next try: 5, 10, 20 … then every five minutes."""
    return float(min(5 * 2 ** (failures - 1), 300))


class GameTasks:
    def __init__(self, kind: str) -> None:
        self._kind = kind  # "deadline", "delegation": how tasks and log lines are named
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._acting: set[asyncio.Task[Any]] = set()  # past their wait, acting on their game

    def games(self) -> set[int]:
        """The games that have a task (waiting or acting)."""
        return set(self._tasks)

    def start(self, game_id: int, work: Coroutine[Any, Any, None]) -> None:
        self._tasks[game_id] = asyncio.create_task(work, name=f"{self._kind}-{game_id}")

    def cancel(self, game_id: int, *, even_acting: bool) -> None:
        """Forget the game's task and cancel it (one acting only if `even_acting`; never the
        task asking, which is re-timing its own game)."""
        task = self._tasks.pop(game_id, None)
        if task is None or task is asyncio.current_task():
            return
        if even_acting or task not in self._acting:
            task.cancel()

    async def stop(self) -> int:
        """Cancel the tasks still waiting; let one that is acting finish what it started."""
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            if task not in self._acting:
                task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        return len(tasks)

    async def once(self, action: Awaitable[None]) -> None:
        """Act once, marked as acting (stop() lets it finish)."""
        task = asyncio.current_task()
        assert task is not None
        self._acting.add(task)
        try:
            await action
        finally:
            self._acting.discard(task)

    async def until_done(self, game_id: int, action: Callable[[], Awaitable[None]]) -> None:
        """Act until acting works, waiting longer after each failure (retry_pause)."""
        for failures in itertools.count(1):
            try:
                await self.once(action())
                return
            except Exception as error:
                pause = retry_pause(failures)
                log.warning(
                    "%s of game %s: try %d failed (%s); trying again in %.0f s",
                    self._kind, game_id, failures, type(error).__name__, pause, exc_info=failures == 1,
                )  # fmt: skip
            await asyncio.sleep(pause)
