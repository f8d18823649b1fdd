"""Python's garbage collector and a long-running process: what start-up made stays for good, so no
full collection need walk it again (issue #21)."""

from __future__ import annotations

import gc


def set_start_up_aside() -> int:
    """Keep what start-up made (the modules, the content, the cogs: some 60,000 objects) out of
    every later garbage collection; returns how many were set aside. Python's full collection walks
    every object it tracks, and with these it held the loop 15-46 ms at random moments, a slow
    question's whole p99 (issue #21, bench/lore_search.py); without them 1-5 ms. Collected once
    first, so that no garbage is kept for good; call it before any work is taken in."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
