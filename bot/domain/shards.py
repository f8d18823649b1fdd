"""Which shard a server lives on, and whether this process runs it (Discord's formula)."""

from __future__ import annotations

from collections.abc import Collection
from itertools import groupby


def shard_of(guild_id: int, shard_count: int) -> int:
    """Discord routes a server to shard (guild_id >> 22) % shard_count."""
    return (guild_id >> 22) % shard_count


def runs_guild(guild_id: int, shard_count: int | None, shard_ids: Collection[int] | None) -> bool:
    """True when this process runs the shard of `guild_id`; with no shard settings it runs all."""
    if shard_count is None or shard_ids is None:
        return True
    return shard_of(guild_id, shard_count) in shard_ids


def describe_shards(shard_ids: Collection[int], shard_count: int) -> str:
    """'shard 0 of 1', 'shards 0–3 of 4', 'shards 0, 2 of 4': consecutive shards as one run."""
    ids = sorted(set(shard_ids))
    runs: list[str] = []
    # Consecutive numbers share (number - position), so each group is one run.
    for _, group in groupby(enumerate(ids), key=lambda pair: pair[1] - pair[0]):
        run = [shard for _, shard in group]
        runs.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
    noun = "shard" if len(ids) == 1 else "shards"
    return f"{noun} {', '.join(runs)} of {shard_count}"
