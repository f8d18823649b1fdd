"""bot/ops/garbage.py: what start-up made is kept out of later full collections (issue #21)."""

from __future__ import annotations

import gc

from bot.ops.garbage import set_start_up_aside


def test_what_exists_is_set_aside_and_a_full_collection_no_longer_walks_it() -> None:
    kept = [[n] for n in range(300_000)]  # start-up's objects, as far as the collector can tell
    try:
        set_aside = set_start_up_aside()
        assert set_aside >= len(kept)
        assert not any(kept is one for one in gc.get_objects()), "the collector tracks it no more"
        gc.collect()
        assert gc.get_freeze_count() == set_aside, "a full collection leaves them where they are"
    finally:
        gc.unfreeze()  # the rest of the suite collects as before
