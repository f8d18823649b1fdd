"""The background workers' nap (bot/application/nap.py): woken early, a wake-up kept while awake,
and a stop that is never mistaken for a wake-up; it sleeps in the worker's own task."""

from __future__ import annotations

import asyncio

import pytest

from bot.application.nap import Nap


async def test_a_wake_up_ends_the_nap_at_once() -> None:
    nap = Nap()
    napping = asyncio.create_task(nap(3600))
    await asyncio.sleep(0)
    nap.wake()
    await asyncio.wait_for(napping, 1)
    assert napping.done() and not napping.cancelled()


async def test_a_wake_up_while_awake_is_kept_for_the_next_nap() -> None:
    nap = Nap()
    nap.wake()
    await asyncio.wait_for(nap(3600), 1)  # returns at once
    napping = asyncio.create_task(nap(3600))  # … but only once
    await asyncio.sleep(0.01)
    assert not napping.done()
    napping.cancel()


async def test_the_nap_sleeps_in_the_workers_own_task() -> None:
    nap = Nap()
    before = asyncio.all_tasks()
    napping = asyncio.create_task(nap(3600))
    await asyncio.sleep(0)
    assert asyncio.all_tasks() - before == {napping}
    nap.wake()
    await napping


@pytest.mark.parametrize("woken_too", [False, True])
async def test_a_stop_during_a_nap_stops_the_worker(woken_too: bool) -> None:
    nap = Nap()

    async def worker() -> int:
        naps = 0
        while True:
            await nap(3600)
            naps += 1

    running = asyncio.create_task(worker())
    await asyncio.sleep(0)
    if woken_too:
        nap.wake()
    running.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(running, 1)
    assert running.cancelled()
