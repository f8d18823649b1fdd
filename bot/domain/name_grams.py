"""Trigrams of a normalised name, for finding a misspelt name through an index.

A name is padded as "  name " so its first letters weigh more (a typo is rarely in the first
letter) and a short name still has grams. Pure: storage writes them, services query them.
"""

from __future__ import annotations

MAX_GRAMS = 24  # a long typed name is looked up by the grams of its first letters


def trigrams(name: str) -> list[str]:
    """The distinct trigrams of `name` (already normalised), in the order they occur."""
    padded = f"  {name} "
    return list(dict.fromkeys(padded[i : i + 3] for i in range(len(padded) - 2)))


def length_window(length: int, cutoff: int) -> tuple[int, int]:
    """The name lengths that can be within `cutoff` (0-100) of a name of `length` by
    rapidfuzz's ratio (2·matches / total length): shorter or longer names cannot reach it."""
    share = cutoff / 100
    low = int(length * share / (2 - share))
    high = int(length * (2 - share) / share) + 1
    return max(1, low), high
