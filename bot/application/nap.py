"""A background worker's sleep that can be cut short: the outbox and the server purges nap
until their next due time, and a new row wakes them at once."""

from __future__ import annotations

import asyncio


class Nap:
    """`await nap(seconds)` sleeps, or returns early once `wake()` is called. The sleep is a plain
    `asyncio.sleep` in a task of its own, cancelled by wake(): SimCord (and anyone reading the
    tasks) sees an ordinary timer. A wake-up while awake is kept for the next nap, not lost."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._woken = asyncio.Event()
        self._napping: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._woken.set()
        if self._napping is not None:
            self._napping.cancel()

    async def __call__(self, seconds: float) -> None:
        if self._woken.is_set():
            self._woken.clear()
            return
        self._napping = asyncio.create_task(asyncio.sleep(seconds), name=self._name)
        try:
            await self._napping
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                raise  # we are being stopped, not woken
        finally:
            self._napping = None
            self._woken.clear()
