"""A timeline cut into eras, a picture each, as few as stay readable at Discord's preview size
(timeline_layout.fits): the whole timeline when it fits, else cut at its widest gap between
years (a cut near the middle preferred to one that leaves a picture of one entry), and each side
again until every picture fits. A single year too crowded for one picture goes on in the next,
"continued".

An entry belongs to the era its first year falls in (the first year asked for, when it began
before). An era's years run from its first entry's year to its last one's, or to the end of a
span that ends before the next era begins (and not long after the era's own years), so the
picture's title names the years it shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from . import Measure
from .timeline_layout import Dated, fits

REACH = 10  # years a span may carry an era's last year beyond its last entry's first year
APART = 25  # years between two eras that are never joined into one picture


@dataclass(frozen=True, slots=True)
class Era:
    years: tuple[int, int]  # the first and the last year its picture shows
    entries: tuple[Dated, ...]  # in order
    continued: bool = False  # a later part of a year too crowded for one picture

    @property
    def name(self) -> str:
        first, last = self.years
        years = str(first) if first == last else f"{first}–{last}"
        return f"{years}, continued" if self.continued else years


def eras(
    entries: Sequence[Dated], measure: Measure, window: tuple[int | None, int | None] = (None, None)
) -> list[Era]:
    """`entries` in eras, in order; `window`, the years asked for, bounds every era's years."""
    known: dict[tuple[str, int], float] = {}

    def measured(text: str, size: int) -> float:  # a layout is tried a few times per cut
        if (text, size) not in known:
            known[text, size] = measure(text, size)
        return known[text, size]

    cutter = _Cutter(measured, window)
    ordered = sorted(entries, key=lambda d: (cutter.start(d), d.end, d.title, d.faction))
    return cutter.join(cutter.split(ordered, None)) if ordered else []


class _Cutter:
    def __init__(self, measure: Measure, window: tuple[int | None, int | None]) -> None:
        self.measure = measure
        self.low, self.high = window

    def start(self, dated: Dated) -> int:
        return dated.start if self.low is None else max(dated.start, self.low)

    def years(self, items: Sequence[Dated], next_start: int | None) -> tuple[int, int]:
        """From the first entry's year to the last entry's, or to the end of a span that ends
        before `next_start` (the next era's first year) and within REACH years of the era's
        length after its last entry's year."""
        first, latest = self.start(items[0]), self.start(items[-1])
        cap = latest + max(latest - first, REACH)
        if next_start is not None:
            cap = min(cap, next_start - 1)
        if self.high is not None:
            cap = min(cap, self.high)
        return first, max([latest, *(d.end for d in items if d.end <= cap)])

    def fits(self, items: Sequence[Dated], next_start: int | None) -> bool:
        return fits(items, self.measure, self.years(items, next_start))

    def split(self, items: Sequence[Dated], next_start: int | None) -> list[Era]:
        if self.fits(items, next_start):
            return [Era(self.years(items, next_start), tuple(items))]
        starts = [self.start(d) for d in items]
        cuts = [i for i in range(1, len(items)) if starts[i] > starts[i - 1]]
        if not cuts:
            return self.crowded(items, next_start)
        count = len(items)
        best = max(
            cuts,
            key=lambda i: (
                (starts[i] - starts[i - 1]) * math.sqrt(min(i, count - i) / count),
                -abs(count - 2 * i),
            ),
        )
        return self.split(items[:best], starts[best]) + self.split(items[best:], next_start)

    def join(self, found: list[Era]) -> list[Era]:
        """Neighbouring eras in one picture where it fits: cutting at the widest gaps leaves
        small eras on either side of an earlier cut. Never across APART years, nor a crowded
        year's parts."""
        out = [found[0]]
        for i, era in enumerate(found[1:], 1):
            last = out[-1]
            after = self.start(found[i + 1].entries[0]) if i + 1 < len(found) else None
            items = [*last.entries, *era.entries]
            gap = self.start(era.entries[0]) - self.start(last.entries[-1])
            if 0 < gap < APART and not last.continued and not era.continued and self.fits(items, after):
                out[-1] = Era(self.years(items, after), tuple(items))
            else:
                out.append(era)
        return out

    def crowded(self, items: Sequence[Dated], next_start: int | None) -> list[Era]:
        """The entries of one year, as many to a picture as fit, in order."""
        year = self.start(items[0])
        out: list[Era] = []
        rest = list(items)
        while rest:
            if self.fits(rest, next_start):
                taken = len(rest)
            else:
                low, high = 1, len(rest) - 1  # items[:low] fits (or is one entry); none past high
                while low < high:
                    middle = (low + high + 1) // 2
                    if self.fits(rest[:middle], year):
                        low = middle
                    else:
                        high = middle - 1
                taken = low
            part, rest = rest[:taken], rest[taken:]
            out.append(Era(self.years(part, year if rest else next_start), tuple(part), bool(out)))
        return out
