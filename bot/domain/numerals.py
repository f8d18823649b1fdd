"""Roman numerals, strictly: `IIII` and `IC` are not numbers here."""

from __future__ import annotations

import re

_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_CANONICAL = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def to_roman(number: int) -> str:
    if not 1 <= number <= 3999:
        raise ValueError(f"{number} has no Roman numeral")
    out = []
    for value, letters in _VALUES:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int | None:
    """The value of a well-formed numeral (any case), or None."""
    upper = text.upper()
    if not upper or not _CANONICAL.match(upper):
        return None
    total, rest = 0, upper
    for value, letters in _VALUES:
        while rest.startswith(letters):
            total += value
            rest = rest[len(letters) :]
    return total


def number_span(numbers: list[int] | tuple[int, ...]) -> str:
    """`[1, 2, 3, 5]` -> `I–III, V`: how we tell a player which articles exist."""
    if not numbers:
        return "none"
    ordered = sorted(set(numbers))
    runs: list[tuple[int, int]] = []
    for n in ordered:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return ", ".join(to_roman(a) if a == b else f"{to_roman(a)}–{to_roman(b)}" for a, b in runs)
