"""What a timeline picture is made of (timeline_layout.py puts it together): its sizes, a dated
entry, the factions' colours and their legend, and the spans (entries with a first and a last
year), each a bar in the first row below the axis with room for it and its name.

A span is cut at the picture's years: an arrow at a cut end and its real year in its name
("Rura Penthe (until 2293)"), so a faction that lasts centuries is one row, not a bar that
drowns the picture of a decade.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from . import Measure, Point, fit
from .geometry import Box
from .timeline_labels import BULLET

# Discord shows an attached picture scaled down to fit about 550 × 350 px on a desktop until it
# is opened (about 400 px wide on a phone): a picture WIDTH px wide shows at about 0.69 of its
# size, so labels are FONT px (15 px on the screen, 11 on a phone), and a picture stays within
# MAX_HEIGHT, the shape of that box, so that its width sets the scale and not its height.
WIDTH = 800
MAX_HEIGHT = 510
MARGIN = 16
FONT = 22  # labels
TITLE_FONT = 28
TICK_FONT = 20
LINE = 26  # a row of labels
MAX_LABEL = 360  # the widest title before it wraps
MAX_STACK = 480  # the widest line of titles of one year side by side
TOP = 58  # the first row of labels, under the title
AXIS_GAP = 16  # from the lowest labels to the axis
TICKS = 38  # the ticks and their years under the axis
DOT = 6  # a year's dot on the axis
ARROW = 10  # how far an arrow reaches past a cut span
SPAN_GAP = 12  # between two spans in a row
AXIS_LEFT = 30.0  # room for the first tick's year
GREY = 0x8A8F98  # no faction
# the colours of factions that are not powers (the powers' come from data)
OTHERS = (0x8E5BB5, 0x2A9D8F, 0xC2577A, 0xA0785A, 0x4F9FBF, 0xB0B33A, 0x7F6FD1, 0xD17F9B)


@dataclass(frozen=True, slots=True)
class Dated:
    title: str
    start: int
    end: int
    faction: str  # the first faction, for the colour ("" when none)


@dataclass(frozen=True, slots=True)
class Band:
    """A span: a bar from `start` to `end` (on its row's middle line), its name in `box`."""

    text: str
    start: Point
    end: Point
    colour: int
    box: Box
    open_before: bool  # it began before the picture's first year: an arrow on the left
    open_after: bool  # it lasted past the picture's last year: an arrow on the right


def colours_of(entries: Sequence[Dated], known: Mapping[str, int]) -> dict[str, int]:
    """The powers' colours, and one of OTHERS for each other faction in the picture: the same
    one in every picture where it can be (by its name), never one another faction here has."""
    out = dict(known)
    taken = set(known.values())
    for faction in sorted({d.faction for d in entries} - set(known) - {""}):
        first = zlib.crc32(faction.encode()) % len(OTHERS)
        free = [OTHERS[(first + i) % len(OTHERS)] for i in range(len(OTHERS))]
        out[faction] = next((c for c in free if c not in taken), GREY)
        taken.add(out[faction])
    return out


def place_spans(
    spans: Sequence[Dated],
    years: tuple[int, int],
    x_of: Callable[[int], float],
    top: float,
    colours: Mapping[str, int],
    measure: Measure,
) -> tuple[tuple[Band, ...], int]:
    """Each span a bar in the first row below the axis with room for it and its name, cut at
    `years`; and how many rows they take."""
    first, last = years
    placed: list[tuple[float, float, Dated, str, float, float, float, float]] = []
    for dated in spans:
        start, end = x_of(max(dated.start, first)), x_of(min(dated.end, last))
        end = max(end, start + 8)  # a span of a year or two still shows as a bar
        before, after = dated.start < first, dated.end > last
        text = span_name(dated, before, after)
        text = fit(text, WIDTH - 2 * MARGIN, measure, FONT)
        width = measure(text, FONT)
        label = start + 6
        if label + width > WIDTH - MARGIN:  # before the bar, ending where it begins; or over it
            label = start - (ARROW if before else 0) - 6 - width
            label = label if label >= MARGIN else max(MARGIN, WIDTH - MARGIN - width)
        reach = (
            min(start - (ARROW if before else 0), label),
            max(end + (ARROW if after else 0), label + width),
        )
        placed.append((*reach, dated, text, start, end, label, width))
    rows: list[float] = []  # where each row's last span ends
    bands = []
    for reach_left, reach_right, dated, text, start, end, label, width in sorted(placed, key=lambda p: p[:2]):
        row = next((i for i, ends in enumerate(rows) if ends + SPAN_GAP <= reach_left), len(rows))
        if row == len(rows):
            rows.append(0.0)
        rows[row] = reach_right
        y = top + row * LINE
        bands.append(
            Band(
                text,
                (start, y + LINE / 2),
                (end, y + LINE / 2),
                colours.get(dated.faction, GREY),
                (label, y, label + width, y + LINE),
                dated.start < first,
                dated.end > last,
            )
        )
    return tuple(bands), len(rows)


def span_name(dated: Dated, before: bool, after: bool) -> str:
    if before and after:
        return f"{dated.title} ({dated.start} to {dated.end})"
    if before:
        return f"{dated.title} (since {dated.start})"
    return f"{dated.title} (until {dated.end})" if after else dated.title


def legend_of(
    entries: Sequence[Dated], colours: Mapping[str, int], measure: Measure
) -> tuple[tuple[tuple[str, int, Point], ...], int]:
    """Each faction shown, left to right, wrapping onto more rows (tops from 0), and the rows."""
    factions = sorted({d.faction or "no faction" for d in entries})
    x, y, rows = float(MARGIN), 0.0, []
    for faction in factions:
        shown = fit(faction, WIDTH - 2 * MARGIN - BULLET - 24, measure, TICK_FONT)
        width = BULLET + measure(shown, TICK_FONT) + 24
        if x + width > WIDTH - MARGIN and x > MARGIN:
            x, y = float(MARGIN), y + LINE
        rows.append((shown, colours.get(faction, GREY), (x, y)))
        x += width
    return tuple(rows), int(y // LINE) + 1 if factions else 0
