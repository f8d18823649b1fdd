"""Where everything on the diplomatic map goes: powers on a ring, each treaty as lines (two
parties) or one shape (three or more) joining its parties, a number on it, and a legend."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from . import Measure, Point, fit
from .geometry import Box, along, around, outside, rim, ring, touches
from .web import Link, Standing

WIDTH = 800  # legible at Discord's 550-pixel preview
WIDE = 1100  # with more than a dozen treaties the legend takes two columns
RING_HEIGHT = 700  # the square-ish area the ring of powers sits in
NODE_RADIUS = 42
ROW = 28  # legend row height
FONT = 20
TITLE_FONT = 26
MARGIN = 24
PARALLEL_GAP = 16  # between two treaties joining the same pair of powers
NAME_FONT = 18
NAME_WIDTH = 300  # a power's name under its circle, at most
LEGEND_ROWS = 12  # rows in one column before the legend takes two
LABEL_CLEARANCE = 28  # between the centres of two treaty numbers (each is a 26-pixel disc)
GREY = 0x8A8F98


class Line(StrEnum):
    SOLID = "solid"  # in force
    DASHED = "dashed"  # the leg to a party that has withdrawn
    DOTTED = "dotted"  # dissolved


@dataclass(frozen=True, slots=True)
class Node:
    power: str
    monogram: str  # "UFP", "KE": emblems are emoji, which the bundled font cannot draw
    colour: int
    centre: Point
    radius: float
    name: str  # as drawn under the node: cut to fit
    name_at: Point  # the top middle of the name, kept inside the picture


@dataclass(frozen=True, slots=True)
class Leg:
    """A stroke from a treaty's anchor to one party."""

    start: Point
    end: Point
    line: Line
    colour: int


@dataclass(frozen=True, slots=True)
class Shape:
    """Three or more parties: one polygon joining them."""

    points: tuple[Point, ...]
    line: Line
    colour: int


@dataclass(frozen=True, slots=True)
class Label:
    number: int
    centre: Point


@dataclass(frozen=True, slots=True)
class LegendRow:
    number: int
    text: str
    line: Line
    colour: int
    origin: Point


@dataclass(frozen=True, slots=True)
class MapLayout:
    width: int
    height: int
    title: str
    nodes: tuple[Node, ...]
    shapes: tuple[Shape, ...]
    legs: tuple[Leg, ...]
    labels: tuple[Label, ...]
    legend: tuple[LegendRow, ...]
    key: tuple[tuple[Line, str], ...]  # what each kind of line means
    key_origin: Point
    empty: str = ""  # said in the middle when there is nothing to draw


def monogram(power: str) -> str:
    """Initials of the name's main words: "United Federation of Planets" -> "UFP"."""
    words = [w for w in power.replace("-", " ").split() if w[:1].isupper()]
    return "".join(w[0] for w in words)[:3] or power[:2].upper()


def layout_map(
    links: Sequence[Link],
    powers: Sequence[str],
    colours: Mapping[str, int],
    title: str,
    measure: Measure,
) -> MapLayout:
    top = MARGIN + TITLE_FONT + 16
    width = WIDTH if len(links) <= LEGEND_ROWS else WIDE
    centre = (width / 2, top + (RING_HEIGHT - top) / 2)
    radius = (RING_HEIGHT - top) / 2 - NODE_RADIUS - 34  # room for the names under the nodes
    places = dict(zip(powers, ring(len(powers), centre, radius), strict=True))
    nodes = tuple(_node(p, places[p], colours, measure, width) for p in powers)
    names = [_name_box(node, measure) for node in nodes]
    shapes: list[Shape] = []
    legs: list[Leg] = []
    labels: list[Label] = []
    seen: Counter[frozenset[str]] = Counter()
    repeats = Counter(frozenset(link.parties) for link in links)
    for number, link in enumerate(links, 1):
        parties = [p for p in link.parties if p in places]
        colour = GREY if link.standing is Standing.DISSOLVED else _colour_of(link, colours)
        group = frozenset(parties)
        nth, total = seen[group], repeats[group]
        seen[group] += 1
        points = [places[p] for p in parties]
        candidates = (
            along(points, nth, total, PARALLEL_GAP)
            if len(points) > 1
            else [outside(points[0], centre, nth, NODE_RADIUS + 26)]  # a one-party treaty's number
        )
        anchor = _free_spot(candidates, [label.centre for label in labels], list(places.values()), names)
        base = Line.DOTTED if link.standing is Standing.DISSOLVED else Line.SOLID
        if len(points) >= 3:
            shapes.append(Shape(tuple(around(points)), base, colour))
        for party, point in zip(parties, points, strict=True):
            line = Line.DASHED if party in link.withdrawn and base is Line.SOLID else base
            legs.append(Leg(anchor, rim(point, anchor, NODE_RADIUS), line, colour))
        labels.append(Label(number, anchor))
    legend, bottom = _legend(links, colours, RING_HEIGHT + 48, measure, width)
    key = ((Line.SOLID, "in force"), (Line.DASHED, "a party withdrew"), (Line.DOTTED, "dissolved"))
    return MapLayout(
        width,
        int(bottom + MARGIN),
        title,
        nodes,
        tuple(shapes),
        tuple(legs),
        tuple(labels),
        legend,
        key,
        (MARGIN, RING_HEIGHT + 10),
        "" if links else "No treaty or accord to show.",
    )


def _node(power: str, centre: Point, colours: Mapping[str, int], measure: Measure, width: int) -> Node:
    name = fit(power, NAME_WIDTH, measure, NAME_FONT)
    half = measure(name, NAME_FONT) / 2
    x = min(max(centre[0], MARGIN + half), width - MARGIN - half)
    return Node(power, monogram(power), colours.get(power, GREY), centre, NODE_RADIUS, name,
                (x, centre[1] + NODE_RADIUS + 6))  # fmt: skip


def _colour_of(link: Link, colours: Mapping[str, int]) -> int:
    """A treaty takes the colour of its first party; an accord the server's own gold."""
    return 0xD4A017 if link.accord else colours.get(link.parties[0], GREY) if link.parties else GREY


def _name_box(node: Node, measure: Measure) -> Box:
    half = measure(node.name, NAME_FONT) / 2
    x, y = node.name_at
    return (x - half, y, x + half, y + NAME_FONT + 4)


def _free_spot(
    candidates: Sequence[Point], taken: Sequence[Point], nodes: Sequence[Point], names: Sequence[Box]
) -> Point:
    """The first candidate clear of the numbers already placed, the powers' circles and their
    names."""
    for spot in candidates:
        if (
            all(math.dist(spot, other) >= LABEL_CLEARANCE for other in taken)
            and all(math.dist(spot, node) >= NODE_RADIUS + 14 for node in nodes)
            and not any(touches(spot, box, LABEL_CLEARANCE / 2) for box in names)
        ):
            return spot
    return candidates[0]


def _legend(
    links: Sequence[Link], colours: Mapping[str, int], top: float, measure: Measure, width: int
) -> tuple[tuple[LegendRow, ...], float]:
    """One row a treaty, in two columns when there are many; names cut to fit their column, the
    sample line beside each showing how it stands even when its words are cut."""
    columns = 1 if len(links) <= LEGEND_ROWS else 2
    column_width = (width - 2 * MARGIN) / columns
    per_column = math.ceil(len(links) / columns) if links else 0
    rows = []
    for i, link in enumerate(links):
        column, row = divmod(i, per_column) if per_column else (0, 0)
        standing = _standing_text(link)
        text = fit(f"{link.name}{f' ({link.year})' if link.year is not None else ''}{standing}",
                   column_width - 70, measure, FONT)  # fmt: skip
        line = (
            Line.DOTTED
            if link.standing is Standing.DISSOLVED
            else Line.DASHED
            if link.withdrawn
            else Line.SOLID
        )
        colour = GREY if link.standing is Standing.DISSOLVED else _colour_of(link, colours)
        rows.append(LegendRow(i + 1, text, line, colour, (MARGIN + column * column_width, top + row * ROW)))
    return tuple(rows), top + per_column * ROW


def _standing_text(link: Link) -> str:
    if link.standing is Standing.DISSOLVED:
        return " — dissolved"
    if link.withdrawn:
        return " — withdrawn: " + ", ".join(sorted(link.withdrawn))
    return ""
