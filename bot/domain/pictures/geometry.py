"""Plane geometry for the layouts: points on a ring, where a stroke meets a circle, polygons that
do not cross themselves, spots clear of boxes, and where a treaty's number may go."""

from __future__ import annotations

import math
from collections.abc import Sequence

from . import Point

Box = tuple[float, float, float, float]  # left, top, right, bottom


def ring(count: int, centre: Point, radius: float) -> list[Point]:
    """`count` points evenly on a circle, the first at the top."""
    if count == 1:
        return [centre]
    return [
        (
            centre[0] + radius * math.cos(-math.pi / 2 + 2 * math.pi * i / count),
            centre[1] + radius * math.sin(-math.pi / 2 + 2 * math.pi * i / count),
        )
        for i in range(count)
    ]


def along(points: Sequence[Point], nth: int, total: int, gap: float) -> list[Point]:
    """Where a treaty's number may go, best first: along the line between two parties (moved
    `gap` across it for each other treaty joining the same two), or around the middle of three
    or more."""
    shift = (nth - (total - 1) / 2) * gap if total > 1 else 0.0
    if len(points) == 2:
        (ax, ay), (bx, by) = points
        length = math.hypot(bx - ax, by - ay) or 1.0
        across = (-(by - ay) / length * shift, (bx - ax) / length * shift)
        return [
            (ax + (bx - ax) * t + across[0], ay + (by - ay) * t + across[1])
            for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.45, 0.55, 0.35, 0.65, 0.25, 0.75)
        ]
    x = sum(p[0] for p in points) / len(points) + shift
    y = sum(p[1] for p in points) / len(points)
    return [(x, y)] + [
        (x + r * math.cos(a * math.pi / 4), y + r * math.sin(a * math.pi / 4))
        for r in (30, 60, 90)
        for a in range(8)
    ]


def outside(point: Point, centre: Point, nth: int, reach: float) -> Point:
    """A spot `reach` away from `point`, away from the ring's `centre`; the `nth` of several
    turns a little further round, so they fan out."""
    dx, dy = point[0] - centre[0], point[1] - centre[1]
    length = math.hypot(dx, dy)
    ux, uy = (dx / length, dy / length) if length else (0.0, -1.0)
    turn = 0.5 * nth
    ux, uy = ux * math.cos(turn) - uy * math.sin(turn), ux * math.sin(turn) + uy * math.cos(turn)
    return (point[0] + ux * reach, point[1] + uy * reach)


def touches(spot: Point, box: Box, reach: float) -> bool:
    """Whether a disc of radius `reach` around `spot` reaches into `box`."""
    x = min(max(spot[0], box[0]), box[2])
    y = min(max(spot[1], box[1]), box[3])
    return math.dist(spot, (x, y)) < reach


def rim(point: Point, towards: Point, radius: float) -> Point:
    """Where a stroke from `towards` meets the circle of `radius` around `point`, so strokes end
    at its edge."""
    dx, dy = towards[0] - point[0], towards[1] - point[1]
    length = math.hypot(dx, dy)
    if length <= radius:
        return point
    return (point[0] + dx / length * radius, point[1] + dy / length * radius)


def around(points: Sequence[Point]) -> list[Point]:
    """The points in order around their centre, so the polygon does not cross itself."""
    cx = sum(p[0] for p in points) / len(points)
    cy = sum(p[1] for p in points) / len(points)
    return sorted(points, key=lambda p: math.atan2(p[1] - cy, p[0] - cx))
