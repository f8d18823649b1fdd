"""The labels of a timeline's points: the entries of one place on the axis in one box of lines
above it, joined to the axis by one upright leader, each box as low as it may go.

Boxes are placed from the right end of the axis to the left, each box starting just left of its
own leader and running right. So a box only ever reaches over the leaders of boxes already
placed (to its right), and goes above those boxes; and its own leader meets nothing placed
before it, whose boxes all start right of it. Leaders are upright and at least MIN_SEP apart,
so no two cross: a layout with no leader across a label and no label over another, for any
entries, at the cost of height (timeline_eras.py cuts a timeline into pictures that stay low).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import Measure, fit

LEAD_IN = 3.0  # a leader runs this far inside the left edge of its box
CLEAR = 4.0  # the least room between a leader and another box
GAP = 10.0  # between two boxes side by side
MIN_SEP = LEAD_IN + CLEAR + 3.0  # points closer on the axis than this share one box
BULLET = 18  # an entry's colour before its title
SIDE_BY_SIDE = 14  # between two titles on one line


@dataclass(frozen=True, slots=True)
class Label:
    """An entry's title, or the rest of a title too long for one line (colour None), `at` its
    offset from the left of its box (where its colour goes, BULLET before the text)."""

    text: str
    colour: int | None
    at: float


Line = tuple[Label, ...]


@dataclass(frozen=True, slots=True)
class Stack:
    """The lines of the entries at one place on the axis, `x`, and how wide they are."""

    x: float
    lines: tuple[Line, ...]
    width: float

    @property
    def left(self) -> float:
        return self.x - LEAD_IN

    @property
    def right(self) -> float:
        return self.x - LEAD_IN + self.width


def wrap(text: str, width: float, measure: Measure, size: int, most: int = 2) -> list[str]:
    """`text` in at most `most` lines of at most `width` (broken between words; the last line
    cut with an ellipsis when the rest does not fit)."""
    if measure(text, size) <= width:
        return [text]
    words, lines, current = text.split(), [], ""
    for i, word in enumerate(words):
        trial = f"{current} {word}" if current else word
        if not current or measure(trial, size) <= width:
            current = trial
            continue
        lines.append(current)
        if len(lines) == most - 1:
            current = " ".join(words[i:])
            break
        current = word
    lines.append(current)
    return [fit(line, width, measure, size) for line in lines[:most]]


def stack(
    x: float, titles: Sequence[tuple[str, int]], room: float, one: float, measure: Measure, size: int
) -> Stack:
    """The titles (with their colours) at `x` in lines at most `room` wide: side by side while
    they fit, a title wider than `one` (or `room`) wrapped onto lines of its own."""
    lines: list[Line] = []
    current: list[Label] = []
    at = 0.0
    for title, colour in titles:
        wide = BULLET + measure(title, size)
        if wide > min(one, room):
            lines += [tuple(current)] if current else []
            parts = wrap(title, min(one, room) - BULLET, measure, size)
            lines += [(Label(part, colour if not n else None, 0.0),) for n, part in enumerate(parts)]
            current, at = [], 0.0
            continue
        if current and at + wide > room:
            lines.append(tuple(current))
            current, at = [], 0.0
        current.append(Label(title, colour, at))
        at += wide + SIDE_BY_SIDE
    lines += [tuple(current)] if current else []
    width = max(label.at + BULLET + measure(label.text, size) for line in lines for label in line)
    return Stack(x, tuple(lines), width)


def place(stacks: Sequence[Stack], most_rows: int | None = None) -> list[int] | None:
    """The row of each stack's bottom line (0: just above the axis; stacks in order along the
    axis, at least MIN_SEP apart), or None as soon as one would reach past `most_rows` rows."""
    rows: list[int] = [0] * len(stacks)
    placed: list[int] = []  # indices, right to left
    for i in range(len(stacks) - 1, -1, -1):
        stack, height = stacks[i], len(stacks[i].lines)
        beside = [
            j for j in placed if stack.left < stacks[j].right + GAP and stacks[j].left < stack.right + GAP
        ]
        # a leader under this box: the box goes above the leader's own box
        floor = max(
            (
                rows[j] + len(stacks[j].lines)
                for j in placed
                if stack.left - CLEAR <= stacks[j].x <= stack.right + CLEAR
            ),
            default=0,
        )
        tops = {rows[j] + len(stacks[j].lines) for j in beside}
        row = min(  # the highest of these always fits: above everything beside it
            r
            for r in {floor} | {t for t in tops if t > floor}
            if all(r + height <= rows[j] or rows[j] + len(stacks[j].lines) <= r for j in beside)
        )
        if most_rows is not None and row + height > most_rows:
            return None
        rows[i] = row
        placed.append(i)
    return rows
