"""bench/watchdog.py, the benchmarks' event-loop stall watchdog: it sees a stall as long as the
loop was held (never less), including one still running when the watch ends. No upper bounds on
an idle loop here: the machine is noisy, only "at least" is certain."""

from __future__ import annotations

import asyncio
import gc
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


def test_the_collection_watch_counts_full_collections_and_times_the_longest() -> None:
    kept = [[n] for n in range(200_000)]  # something for a full collection to walk
    with bench_watchdog().CollectionWatch() as watch:
        gc.collect(0)  # a young collection is not a full one
        gc.collect()
    assert kept and watch.count == 1
    assert watch.longest_ms > 0
    assert "1 full garbage collections, the longest" in str(watch)
    gc.collect()
    assert watch.count == 1, "no longer watching once the block has ended"
