"""Where everything on a timeline picture goes: a year axis; above it, the entries of a single
year, their labels joined to the axis by leaders that cross no label (timeline_labels.py);
below it, in rows of their own, the spans (entries with a first and a last year) as bars with
their names, cut at the picture's years (timeline_parts.py); then the factions' colours.

Sized to read at Discord's preview size (timeline_parts.py says how), no taller than MAX_HEIGHT:
timeline_eras.py cuts a timeline into such pictures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from . import Measure, Point, fit
from .geometry import Box
from .timeline_labels import BULLET, LEAD_IN, MIN_SEP, Line, Stack, place, stack
from .timeline_parts import (
    ARROW,
    AXIS_GAP,
    AXIS_LEFT,
    DOT,
    FONT,
    GREY,
    LINE,
    MARGIN,
    MAX_HEIGHT,
    MAX_LABEL,
    MAX_STACK,
    TICK_FONT,
    TICKS,
    TITLE_FONT,
    TOP,
    WIDTH,
    Band,
    Dated,
    colours_of,
    legend_of,
    place_spans,
)

__all__ = [  # what pictures are drawn and tested with, from one place
    "ARROW", "DOT", "FONT", "GREY", "LINE", "MARGIN", "MAX_HEIGHT", "TICK_FONT", "TITLE_FONT", "WIDTH",
    "Band", "Callout", "Dated", "Dot", "Tick", "TimelineLayout", "fits", "height_of", "is_span",
    "layout_timeline", "nice_step", "picture_title",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Callout:
    """The labels of one place on the axis, and the leader from the axis up to them."""

    lines: tuple[Line, ...]
    box: Box
    leader: tuple[Point, Point]  # from the axis to the box's bottom


@dataclass(frozen=True, slots=True)
class Dot:
    at: Point
    colour: int


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
    dots: tuple[Dot, ...]
    callouts: tuple[Callout, ...]
    bands: tuple[Band, ...]
    legend: tuple[tuple[str, int, Point], ...]  # faction, colour, where


def nice_step(span: int, most: int = 8) -> int:
    """A round tick step (1, 2, 5 × 10^k) giving at most `most` ticks over `span` years."""
    raw = max(span, 1) / most
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def height_of(rows_above: int, rows_below: int, legend_rows: int) -> int:
    below = rows_below * LINE + 6 if rows_below else 0
    return TOP + rows_above * LINE + AXIS_GAP + TICKS + below + 8 + legend_rows * LINE + 12


def is_span(dated: Dated) -> bool:
    return dated.end > dated.start


def layout_timeline(
    entries: Sequence[Dated],
    colours: Mapping[str, int],
    title: str,
    measure: Measure,
    years: tuple[int, int] | None = None,
) -> TimelineLayout:
    """The picture of `entries` over `years` (their own first to last when not given): a span
    reaching outside them is cut there, with an arrow."""
    plan = _plan(entries, colours, measure, years, None)
    assert plan is not None  # only a limit of rows gives up
    return _finish(plan, title)


def fits(entries: Sequence[Dated], measure: Measure, years: tuple[int, int]) -> bool:
    """Whether the picture of `entries` over `years` stays within MAX_HEIGHT: what
    timeline_eras.py asks of each cut, giving up as soon as the labels reach too high."""
    most = (MAX_HEIGHT - height_of(0, 0, 1)) // LINE
    plan = _plan(entries, {}, measure, years, most)
    return plan is not None and plan.height <= MAX_HEIGHT


@dataclass(frozen=True, slots=True)
class _Plan:
    height: int
    axis: tuple[float, float, float]  # left, right, y
    ticks: tuple[Tick, ...]
    dots: tuple[Dot, ...]
    callouts: tuple[Callout, ...]
    bands: tuple[Band, ...]
    legend: tuple[tuple[str, int, Point], ...]


def _plan(
    entries: Sequence[Dated],
    colours: Mapping[str, int],
    measure: Measure,
    years: tuple[int, int] | None,
    most_rows: int | None,
) -> _Plan | None:
    if years is None:
        years = min((d.start for d in entries), default=0), max((d.end for d in entries), default=0)
    first, last = years
    colours = colours_of(entries, colours)
    step = nice_step(last - first)
    low, high = math.floor(first / step) * step, math.ceil(last / step) * step
    high = max(high, low + step)
    points = sorted((d for d in entries if not is_span(d)), key=lambda d: (d.start, d.title))
    spans = sorted((d for d in entries if is_span(d)), key=lambda d: (d.start, d.end, d.title))
    right = _axis_end(points, (low, high), measure)

    def x_of(year: int) -> float:
        year = min(max(year, low), high)
        return AXIS_LEFT + (year - low) / (high - low) * (right - AXIS_LEFT)

    stacks = _stacks(points, x_of, colours, measure)
    rows = place(stacks, most_rows)
    if rows is None:
        return None
    above = max((row + len(s.lines) for s, row in zip(stacks, rows, strict=True)), default=0)
    axis_y = TOP + above * LINE + AXIS_GAP
    bands, below = place_spans(spans, (first, last), x_of, axis_y + TICKS, colours, measure)
    legend, legend_rows = legend_of(entries, colours, measure)
    height = height_of(above, below, legend_rows)
    if most_rows is not None and height > MAX_HEIGHT:
        return None
    legend_top = height - 12 - legend_rows * LINE
    return _Plan(
        height,
        (AXIS_LEFT, right, axis_y),
        tuple(Tick(year, (x_of(year), axis_y)) for year in range(low, high + 1, step)),
        tuple(Dot((x_of(d.start), axis_y), colours.get(d.faction, GREY)) for d in points),
        tuple(_callout(s, row, axis_y) for s, row in zip(stacks, rows, strict=True)),
        bands,
        tuple((f, c, (x, y + legend_top)) for f, c, (x, y) in legend),
    )


def _finish(plan: _Plan, title: str) -> TimelineLayout:
    left, right, y = plan.axis
    axis = ((left, y), (right, y))
    return TimelineLayout(
        WIDTH, plan.height, title, axis, plan.ticks, plan.dots, plan.callouts, plan.bands, plan.legend
    )


def picture_title(faction: str | None, years: str, measure: Measure) -> str:
    """The title a picture shows, `Timeline of <faction>, <years>` (or `Timeline, <years>`), the
    faction's name cut short to fit the width, never the years."""
    if not faction:
        return f"Timeline, {years}"
    room = WIDTH - 2 * MARGIN - measure(f"Timeline of , {years}", TITLE_FONT)
    return f"Timeline of {fit(faction, room, measure, TITLE_FONT)}, {years}"


def _axis_end(points: Sequence[Dated], years: tuple[int, int], measure: Measure) -> float:
    """Where the axis ends: far enough from the right edge that each year's label fits beside
    its leader, but no shorter than 60 % of the width (labels beyond that wrap or are cut)."""
    low, high = years
    room = WIDTH - MARGIN - AXIS_LEFT + LEAD_IN
    end = WIDTH - AXIS_LEFT
    for dated in points:
        share = (dated.start - low) / (high - low)
        wide = BULLET + min(MAX_LABEL, measure(dated.title, FONT))
        if share > 0:
            end = min(end, AXIS_LEFT + (room - wide) / share)
    return max(end, AXIS_LEFT + 0.6 * (WIDTH - MARGIN - AXIS_LEFT))


def _stacks(
    points: Sequence[Dated], x_of: Callable[[int], float], colours: Mapping[str, int], measure: Measure
) -> list[Stack]:
    """The points' labels, a stack for each place on the axis (points closer than MIN_SEP share
    one, each title then led by its year)."""
    groups: list[tuple[float, list[Dated]]] = []
    for dated in points:
        x = x_of(dated.start)
        if groups and x - groups[-1][0] < MIN_SEP:
            groups[-1][1].append(dated)
        else:
            groups.append((x, [dated]))
    out = []
    for x, group in groups:
        several_years = group[0].start != group[-1].start
        titles = [
            (f"{d.start} {d.title}" if several_years else d.title, colours.get(d.faction, GREY))
            for d in group
        ]
        room = min(MAX_STACK, WIDTH - MARGIN - (x - LEAD_IN))
        out.append(stack(x, titles, room, MAX_LABEL, measure, FONT))
    return out


def _callout(stack: Stack, row: int, axis_y: float) -> Callout:
    bottom = axis_y - AXIS_GAP - row * LINE
    box = (stack.left, bottom - len(stack.lines) * LINE, stack.right, bottom)
    return Callout(stack.lines, box, ((stack.x, axis_y - DOT - 2), (stack.x, bottom)))
