from __future__ import annotations

import math

import pytest

from bot.domain.formatting import format_bytes, format_duration, format_latency


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0s"), (59.9, "59s"), (60, "1m"), (3725, "1h 2m 5s"), (90_061, "1d 1h 1m 1s"), (172_800, "2d")],
)
def test_durations(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown


@pytest.mark.parametrize("bad", [-1, math.inf, math.nan])
def test_impossible_durations_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="duration"):
        format_duration(bad)


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 B"), (1023, "1023 B"), (1536, "1.5 KiB"), (5 * 1024**2, "5.0 MiB"), (3 * 1024**4, "3072.0 GiB")],
)
def test_sizes(size: int, shown: str) -> None:
    assert format_bytes(size) == shown


def test_latency_before_the_first_heartbeat() -> None:
    assert format_latency(math.inf) == "not measured yet"
    assert format_latency(math.nan) == "not measured yet"
    assert format_latency(0.0423) == "42 ms"
