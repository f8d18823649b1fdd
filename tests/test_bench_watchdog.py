"""bench/watchdog.py, the benchmarks' event-loop stall watchdog: it sees a stall as long as the
loop was held (never less), including one still running when the watch ends. No upper bounds on
an idle loop here: the machine is noisy, only "at least" is certain."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.support.watchdog import bench_watchdog


async def test_a_blocking_call_on_the_loop_is_the_longest_stall() -> None:
    async with bench_watchdog().StallWatch(limit_ms=50) as watch:
        await asyncio.sleep(0.02)
        time.sleep(0.12)  # holds the loop  # noqa: ASYNC251
        await asyncio.sleep(0.02)
    assert watch.longest_ms >= 110
    assert watch.over_limit >= 1 and not watch.ok
    assert "over 50 ms" in str(watch)


async def test_a_stall_still_running_at_the_end_is_counted() -> None:
    async with bench_watchdog().StallWatch() as watch:
        await asyncio.sleep(0.01)
        time.sleep(0.08)  # noqa: ASYNC251
    assert watch.longest_ms >= 70


async def test_work_in_a_thread_does_not_stall_the_loop_and_a_watch_is_used_once() -> None:
    watch = bench_watchdog().StallWatch(limit_ms=1000)
    async with watch:
        await asyncio.to_thread(time.sleep, 0.15)
    assert watch.wakeups >= 5 and watch.ok
    await watch.stop()  # a second stop does nothing
    with pytest.raises(RuntimeError):
        await watch.start()
