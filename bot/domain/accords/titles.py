"""Conference titles that stay distinct in a server: a second "Khitomer, 2293" (a rematch, or the
scenario convened again) is "Khitomer, 2293 (2)", so its thread and its line in /accord history
read apart from the first."""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_TITLE = 100  # Discord's limit for a thread name, and the machine's for a title
STEM = 80  # a title's beginning every numbered form of it keeps, however long the title
_NUMBERED = re.compile(r"^(?P<base>.+) \((?P<number>[1-9][0-9]{0,5})\)$")


def tidy(title: str) -> str:
    """Whitespace as the machine stores a title (bot/domain/accords/machine.py new_game)."""
    return " ".join(title.split())


def unnumbered(title: str) -> tuple[str, int]:
    """`("Khitomer, 2293", 2)` for "Khitomer, 2293 (2)"; a title without a number is its 1st."""
    match = _NUMBERED.match(title)
    return (match["base"], int(match["number"])) if match else (title, 1)


def family(title: str) -> tuple[str, str, str]:
    """What storage reads to number `title`: (its base, and the range [low, high) of titles that
    holds every numbered form of it), in code point order. A long base is numbered shortened, so
    its range is that of the beginning every form keeps."""
    base = unnumbered(tidy(title))[0]
    low = base + " (" if len(base) < STEM else base[:STEM]
    return base, low, low[:-1] + _after(low[-1])


def _after(char: str) -> str:
    """The next character, skipping the surrogates no database stores."""
    following = ord(char) + 1
    return chr(0xE000 if 0xD800 <= following < 0xE000 else min(following, 0x10FFFF))


def distinct_title(title: str, taken: Iterable[str]) -> str:
    """`title` if no conference of the server bears it; else its base with the next number after
    the highest taken, shortened so that the whole fits Discord's limit. `taken`: the server's
    titles of `family(title)` (others are ignored)."""
    title = tidy(title)
    taken = set(taken)
    if title not in taken:
        return title
    base, _ = unnumbered(title)
    numbers = [number for other in taken if _same_family(other, base) for number in [unnumbered(other)[1]]]
    suffix = f" ({max(numbers, default=1) + 1})"
    return tidy(base[: MAX_TITLE - len(suffix)]) + suffix


def _same_family(other: str, base: str) -> bool:
    """Whether `other` is `base` or a numbered form of it (maybe shortened to fit)."""
    other_base, number = unnumbered(other)
    if other_base == base:
        return True
    shortened = number > 1 and len(other) > MAX_TITLE - 10 and len(other_base) >= STEM
    return shortened and base.startswith(other_base)
