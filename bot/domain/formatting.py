"""Human-readable numbers for status lines."""

from __future__ import annotations

import math


def format_duration(seconds: float) -> str:
    """`3725` -> `1h 2m 5s`; days appear when they matter, zero units are left out."""
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError("duration must be a finite, non-negative number of seconds")
    whole = int(seconds)
    days, rest = divmod(whole, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{value}{unit}" for value, unit in ((days, "d"), (hours, "h"), (minutes, "m")) if value]
    if secs or not parts:
        parts.append(f"{secs}s")
    return " ".join(parts)


def format_bytes(size: int) -> str:
    """`1536` -> `1.5 KiB`."""
    if size < 0:
        raise ValueError("size cannot be negative")
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def format_latency(seconds: float) -> str:
    """Gateway latency in milliseconds, or 'not measured yet' before the first heartbeat."""
    if not math.isfinite(seconds) or seconds < 0:
        return "not measured yet"
    return f"{seconds * 1000:.0f} ms"
