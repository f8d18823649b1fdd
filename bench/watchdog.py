"""An event-loop stall watchdog for the benchmarks (issue #21: no stall over 50 ms, ever).

    async with StallWatch() as watch:
        ...  # the scenario
    print(watch.longest_ms, watch.over_limit)

A task on the loop sleeps `interval` seconds again and again and records how late each wake-up
came (measured with time.perf_counter, not the loop's clock). Anything that holds the loop (a
blocking call, a long stretch of Python between awaits) delays the next wake-up, so the longest
lateness is the longest stall the scenario caused: a stall of S ms reads as S - interval to S ms
(one shorter than the interval may read as 0), plus scheduling noise of about 0.1-1 ms. A stall
still running when the block ends is counted up to that moment. Work done in threads or other
processes does not stall the loop and is not counted, as it should not be.

It watches the loop it is entered on. A watch is used once. For a watch that must end inside
another block (start to READY, say), call `await watch.start()` and `await watch.stop()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import time
from types import TracebackType

LIMIT_MS = 50.0  # issue #21: no event-loop stall over 50 ms at any time


class StallWatch:
    def __init__(self, interval: float = 0.005, limit_ms: float = LIMIT_MS) -> None:
        self.interval = interval
        self.limit_ms = limit_ms
        self.longest_ms = 0.0  # the longest lateness of a wake-up: the longest stall
        self.longest_at = 0.0  # seconds after entering when that stall ended
        self.over_limit = 0  # wake-ups later than limit_ms
        self.wakeups = 0
        self._started = 0.0
        self._due: float | None = None
        self._task: asyncio.Task[None] | None = None

    def _note(self, late_s: float) -> None:
        late_ms = max(late_s, 0.0) * 1000
        if late_ms > self.longest_ms:
            self.longest_ms = late_ms
            self.longest_at = time.perf_counter() - self._started
        if late_ms > self.limit_ms:
            self.over_limit += 1

    async def _watch(self) -> None:
        while True:
            self._due = time.perf_counter() + self.interval
            await asyncio.sleep(self.interval)
            self.wakeups += 1
            self._note(time.perf_counter() - self._due)

    async def start(self) -> StallWatch:
        """Start watching (what `async with` does); for a watch that must end inside a block."""
        if self._task is not None:
            raise RuntimeError("this StallWatch has already watched")
        self._started = time.perf_counter()
        self._task = asyncio.create_task(self._watch(), name="bench-stall-watch")
        await asyncio.sleep(0)  # let it take its first sleep before the scenario starts
        return self

    async def stop(self) -> None:
        """Stop watching (what leaving `async with` does); a second call does nothing."""
        if self._task is None or self._task.done():
            return
        if self._due is not None:  # a stall that has not ended yet: count it up to now
            self._note(time.perf_counter() - self._due)
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def __aenter__(self) -> StallWatch:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    @property
    def ok(self) -> bool:
        return self.over_limit == 0

    def __str__(self) -> str:
        flag = "" if self.ok else f" ({self.over_limit} over {self.limit_ms:.0f} ms)"
        return f"longest stall {self.longest_ms:.1f} ms{flag}"


class CollectionWatch:
    """Python's full (generation 2) garbage collections within a block: how many, and the longest
    in ms. Each holds the loop for as long as it walks every object Python tracks (10-15 ms with
    a bot's start-up objects in it: issue #21), whatever was being answered when it came.

        with CollectionWatch() as collections:
            ...  # the scenario (or .start() and .stop() around it)
        print(collections)
    """

    def __init__(self) -> None:
        self.count = 0
        self.longest_ms = 0.0
        self._began = 0.0

    def _seen(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.count += 1
            self.longest_ms = max(self.longest_ms, (time.perf_counter() - self._began) * 1000)

    def start(self) -> CollectionWatch:
        """Start watching (what `with` does); for a watch that ends inside another block."""
        gc.callbacks.append(self._seen)
        return self

    def stop(self) -> None:
        """Stop watching (what leaving `with` does); a second call does nothing."""
        if self._seen in gc.callbacks:
            gc.callbacks.remove(self._seen)

    def __enter__(self) -> CollectionWatch:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __str__(self) -> str:
        return f"{self.count} full garbage collections, the longest {self.longest_ms:.1f} ms"
