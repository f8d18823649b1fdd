"""CPU work that holds the GIL, run in a worker process so that the event loop carries on.

A worker thread is enough for work written in Python (the interpreter hands the GIL back to the
loop every few milliseconds), not for a long call into C that keeps it: mwparserfromhell's C
tokenizer parsing a 400 KB wiki table held the loop 330 ms from a thread (issue #22). Such work
runs here, in one worker process: forked on first use from a fork server (a clean process: this
one has threads) that has imported the parsing code, then kept for the next call, and closed when
the interpreter exits. A worker that dies (killed, out of memory) is replaced, and the call tried
once more in the new one.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")
# Imported once in the fork server, as each call needs one of them (the wiki parser and Pillow
# are then never loaded in the bot's own process: tests/test_lazy_imports.py).
PRELOAD = ["bot.services.lore_import", "bot.services.wikitext", "bot.ui.pictures"]

_pool: ProcessPoolExecutor | None = None


def _executor() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)  # only read when the fork server starts
        _pool = ProcessPoolExecutor(1, mp_context=context, initializer=_start)
    return _pool


def _start() -> None:
    """The worker's start: it analyses uploaded pages, so it stems in C (as an import's workers)."""
    from .lore_text import stem_in_c

    stem_in_c()


def _drop(pool: ProcessPoolExecutor) -> None:
    global _pool
    if _pool is pool:
        _pool = None
    with contextlib.suppress(Exception):
        pool.shutdown(wait=False, cancel_futures=True)


async def in_worker_process(work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`work(*args, **kwargs)` in the worker process (it and its arguments are pickled: a
    module-level function); what it raises is raised here."""
    call = partial(work, *args, **kwargs)
    pool = _executor()
    try:
        return await _run(pool, call)
    except BrokenProcessPool:  # the worker died: once more, in a new one
        _drop(pool)
        return await _run(_executor(), call)


async def _run(pool: ProcessPoolExecutor, call: Callable[[], T]) -> T:
    # submit() starts a worker when none runs, waiting for the fork server: not on the loop
    return await asyncio.wrap_future(await asyncio.to_thread(pool.submit, call))
