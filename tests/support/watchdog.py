"""The event-loop stall watchdog for behaviour tests: bench/watchdog.py's StallWatch (one copy
of the logic, loaded from there), with the limit of issue #22: while a member's command runs, the
loop is never held over 100 ms, so every CPU-heavy step must run in a worker.

    async with loop_watch() as watch:
        result = await world.alice.slash(world.channel, "treaty map")
    assert watch.longest_ms < LIMIT_MS, watch

SimCord runs the bot on the test's own loop, so a stall inside the bot is seen here.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
from collections.abc import AsyncIterator
from pathlib import Path
from types import ModuleType
from typing import Any

LIMIT_MS = 100.0  # issue #22: a CPU-heavy step on the loop fails its test above this


def bench_watchdog() -> ModuleType:
    """bench/watchdog.py as a module (bench/ is a folder of scripts, not a package)."""
    path = Path(__file__).parents[2] / "bench" / "watchdog.py"
    spec = importlib.util.spec_from_file_location("bench_watchdog", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


StallWatch: Any = bench_watchdog().StallWatch


@contextlib.asynccontextmanager
async def loop_watch() -> AsyncIterator[Any]:
    """A StallWatch for one command, counting stalls over LIMIT_MS. The garbage of the tests before
    is collected first: a test process holds thousands of finished bots, and a full collection of
    them falling inside the watch held the loop 1.8 s in a PostgreSQL run (what no server's bot
    carries, and not the command's own work)."""
    gc.collect()
    async with StallWatch(limit_ms=LIMIT_MS) as watch:
        yield watch
