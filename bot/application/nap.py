"""A background worker's sleep that can be cut short: the outbox and the server purges nap
until their next due time, and a new row wakes them at once."""

from __future__ import annotations

import asyncio


class Nap:
    """`await nap(seconds)` sleeps, or returns early once `wake()` is called. The sleep is a plain
    `asyncio.sleep` in the worker's own task, which wake() cancels: SimCord (and anyone reading the
    tasks) sees an ordinary timer, and the worker needs no second task to sleep in (SimCord reads
    every task of the bot at each settle, and charged each interaction for it). A wake-up while
    awake is kept for the next nap, not lost."""

    def __init__(self) -> None:
        self._woken = False  # woken while awake: the next nap returns at once
        self._sleeper: asyncio.Task[object] | None = None  # the task inside a nap, if any
        self._waking = False  # wake() has cancelled that nap's sleep

    def wake(self) -> None:
        if self._sleeper is None:
            self._woken = True
        elif not self._waking:
            self._waking = True
            self._sleeper.cancel()  # delivered at the sleep: the only await inside a nap

    async def __call__(self, seconds: float) -> None:
        if self._woken:
            self._woken = False
            return
        task = asyncio.current_task()
        assert task is not None, "a nap is taken inside a task"
        self._sleeper = task
        try:
            await asyncio.sleep(seconds)
        except asyncio.CancelledError:
            if not self._waking or task.uncancel() > 0:
                raise  # we are being stopped, not (only) woken
        finally:
            self._sleeper = None
            self._waking = False
