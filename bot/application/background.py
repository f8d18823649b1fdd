"""One long-running task of the bot's (the outbox, retention): started once, cancelled at close."""

from __future__ import annotations

import asyncio
import contextlib


class Background:
    """Subclasses give `_run`, the loop that never ends by itself, and `NAME`, its task's name."""

    NAME = "khitomer-background"
    _task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        raise NotImplementedError

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=self.NAME)

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
