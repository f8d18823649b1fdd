"""Where everything on a timeline picture goes: a year axis, each entry as a mark (a dot for a
year, a bar for a span) in its faction's colour, its label in the first free lane above."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import Measure, Point

WIDTH = 800
MARGIN = 28
FONT = 18
TITLE_FONT = 24
LANE = 26  # height of a row of labels
AXIS_GAP = 40  # from the last lane to the axis
LABEL_GAP = 10  # between two labels in one lane
PER_PICTURE = 30  # entries a picture can label readably at Discord's preview size
GREY = 0x8A8F98


@dataclass(frozen=True, slots=True)
class Dated:
    title: str
    start: int
    end: int
    faction: str  # the first faction, for the colour ("" when none)


@dataclass(frozen=True, slots=True)
class Mark:
    title: str
    start: Point  # on the axis
    end: Point  # the same as start for a single year
    colour: int
    label: Point  # top-left of the label
    label_width: float


@dataclass(frozen=True, slots=True)
class Tick:
    year: int
    at: Point


@dataclass(frozen=True, slots=True)
class TimelineLayout:
    width: int
    height: int
    title: str
    axis: tuple[Point, Point]
    ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]
    legend: tuple[tuple[str, int, Point], ...]  # faction, colour, where


def chunks(entries: Sequence[Dated], size: int = PER_PICTURE) -> list[Sequence[Dated]]:
    """Entries in chronological pictures of at most `size`."""
    ordered = sorted(entries, key=lambda d: (d.start, d.end, d.title))
    return [ordered[i : i + size] for i in range(0, len(ordered), size)] or [[]]


def nice_step(span: int, most: int = 10) -> int:
    """A round tick step (1, 2, 5 × 10^k) giving at most `most` ticks over `span` years."""
    raw = max(span, 1) / most
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def layout_timeline(
    entries: Sequence[Dated],
    colours: Mapping[str, int],
    title: str,
    measure: Measure,
    window: tuple[int | None, int | None] = (None, None),
) -> TimelineLayout:
    """`window`: the years asked for; an entry reaching outside them is cut at their edge, so
    one long span cannot squeeze everything else into a corner."""
    low_asked, high_asked = window
    entries = [
        Dated(
            d.title,
            max(d.start, low_asked) if low_asked is not None else d.start,
            min(d.end, high_asked) if high_asked is not None else d.end,
            d.faction,
        )
        for d in entries
    ]
    first = min((d.start for d in entries), default=0)
    last = max((d.end for d in entries), default=first + 1)
    step = nice_step(last - first)
    low, high = math.floor(first / step) * step, math.ceil(last / step) * step
    if high == low:
        high = low + step
    left, right = MARGIN + 8, WIDTH - MARGIN - 8

    def x_of(year: int) -> float:
        return left + (year - low) / (high - low) * (right - left)

    lanes: list[float] = []  # where each lane's last label ends
    placed: list[tuple[Dated, float, int, float]] = []
    for dated in sorted(entries, key=lambda d: (d.start, d.end, d.title)):
        width = measure(dated.title, FONT)
        x = min(max(x_of(dated.start) - 4, MARGIN), WIDTH - MARGIN - width)
        lane = next((i for i, end in enumerate(lanes) if end + LABEL_GAP <= x), None)
        if lane is None:
            lanes.append(0.0)
            lane = len(lanes) - 1
        lanes[lane] = x + width
        placed.append((dated, x, lane, width))
    top = MARGIN + TITLE_FONT + 18
    axis_y = top + len(lanes) * LANE + AXIS_GAP
    marks = tuple(
        Mark(
            d.title,
            (x_of(d.start), axis_y),
            (x_of(d.end), axis_y),
            colours.get(d.faction, GREY),
            (x, top + lane * LANE),
            width,
        )
        for d, x, lane, width in placed
    )
    ticks = tuple(Tick(year, (x_of(year), axis_y)) for year in range(low, high + 1, step))
    legend, bottom = _legend(entries, colours, axis_y + 44, measure)
    return TimelineLayout(
        WIDTH, int(bottom + MARGIN), title, ((left, axis_y), (right, axis_y)), ticks, marks, legend
    )


def _legend(
    entries: Sequence[Dated], colours: Mapping[str, int], top: float, measure: Measure
) -> tuple[tuple[tuple[str, int, Point], ...], float]:
    """Each faction shown, left to right, wrapping onto more rows."""
    factions = sorted({d.faction or "no faction" for d in entries})
    x, y, rows = float(MARGIN), top, []
    for faction in factions:
        width = 24 + measure(faction, FONT) + 24
        if x + width > WIDTH - MARGIN and x > MARGIN:
            x, y = float(MARGIN), y + LANE
        rows.append((faction, colours.get(faction, GREY), (x, y)))
        x += width
    return tuple(rows), y + (LANE if factions else 0)
