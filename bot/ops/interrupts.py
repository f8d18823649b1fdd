"""Signals that stop an admin command part-way (migrate-to-postgres, import-wiki, backup, sync).

By default SIGTERM and SIGHUP end the process on the spot, and Ctrl-C's KeyboardInterrupt read as
success: temporary files stayed behind and the exit code said nothing. Inside `signals_interrupt()`
each of them raises Interrupted where the command is, so its `finally` clauses and context
managers clean up, and the command ends non-zero (128 + the signal's number, as a shell reports).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(KeyboardInterrupt):
    """A stop signal arrived; `detail` says what became of the work (added where that is known)."""

    def __init__(self, number: int, detail: str = "before it finished") -> None:
        super().__init__(number, detail)
        self.number = number
        self.detail = detail

    @property
    def name(self) -> str:
        return signal.Signals(self.number).name

    @property
    def exit_code(self) -> int:
        return 128 + self.number

    def explained(self, detail: str) -> Interrupted:
        return Interrupted(self.number, detail)


def _raise(number: int, _frame: FrameType | None) -> None:
    raise Interrupted(number)


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """While the block runs, SIGINT, SIGTERM and SIGHUP raise Interrupted in the main thread
    (asyncio.run leaves a SIGINT handler it did not install alone). Elsewhere (a command run on a
    thread, as tests do) signals stay as they are: only the main thread may handle them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _raise) for number in SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
