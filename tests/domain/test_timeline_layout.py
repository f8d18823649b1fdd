"""The timeline picture's layout, pure: over any set of dated entries, no label covers another,
no leader line crosses a label other than its own or another leader, and spans keep to their
own rows below the axis, cut at the picture's years with the years they really have."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.pictures.geometry import Box
from bot.domain.pictures.timeline_layout import (
    FONT,
    GREY,
    MARGIN,
    MAX_HEIGHT,
    TITLE_FONT,
    WIDTH,
    Dated,
    TimelineLayout,
    layout_timeline,
    picture_title,
)

Point = tuple[float, float]
KE, UFP = "Klingon Empire", "United Federation of Planets"


def measure(text: str, size: int) -> float:
    """A stand-in for the font: wide capitals, narrow spaces."""
    return sum(size * (0.3 if c == " " else 0.75 if c.isupper() else 0.55) for c in text)


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _side(p: Point, q: Point, r: Point) -> float:
    return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])


def _on(p: Point, q: Point, r: Point) -> bool:
    """Whether r, collinear with p and q, lies on the segment pq."""
    return min(p[0], q[0]) <= r[0] <= max(p[0], q[0]) and min(p[1], q[1]) <= r[1] <= max(p[1], q[1])


def segments_meet(a: tuple[Point, Point], b: tuple[Point, Point]) -> bool:
    (p1, p2), (q1, q2) = a, b
    d1, d2, d3, d4 = _side(q1, q2, p1), _side(q1, q2, p2), _side(p1, p2, q1), _side(p1, p2, q2)
    if ((d1 > 0) != (d2 > 0) and d1 and d2) and ((d3 > 0) != (d4 > 0) and d3 and d4):
        return True
    return (
        (d1 == 0 and _on(q1, q2, p1))
        or (d2 == 0 and _on(q1, q2, p2))
        or (d3 == 0 and _on(p1, p2, q1))
        or (d4 == 0 and _on(p1, p2, q2))
    )


def segment_meets_box(segment: tuple[Point, Point], box: Box) -> bool:
    left, top, right, bottom = box
    inside = [left <= x <= right and top <= y <= bottom for x, y in segment]
    corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
    edges = [(corners[i], corners[(i + 1) % 4]) for i in range(4)]
    return any(inside) or any(segments_meet(segment, edge) for edge in edges)


def assert_readable(layout: TimelineLayout) -> None:
    """Every label box apart, each leader meeting no label but its own and no other leader,
    points above the axis and spans below it, all inside the picture."""
    axis_y = layout.axis[0][1]
    boxes = [c.box for c in layout.callouts] + [b.box for b in layout.bands]
    for a, b in itertools.combinations(boxes, 2):
        assert not overlap(a, b), (a, b)
    for box in boxes:
        assert box[0] >= 0 and box[2] <= layout.width and box[1] >= 0 and box[3] <= layout.height, box
    for i, callout in enumerate(layout.callouts):
        assert callout.box[3] < axis_y and callout.leader[0][1] < axis_y
        assert callout.box[0] <= callout.leader[1][0] <= callout.box[2]
        for j, box in enumerate(boxes):
            if j != i:
                assert not segment_meets_box(callout.leader, box), (callout.lines, box)
    for one, other in itertools.combinations([c.leader for c in layout.callouts], 2):
        assert not segments_meet(one, other), (one, other)
    for band in layout.bands:
        assert band.start[1] > axis_y and band.box[1] > axis_y  # spans apart from the points
        assert band.start[0] <= band.end[0]
    rows: dict[float, list[tuple[float, float]]] = {}
    for band in layout.bands:  # in a row of spans, no bar or label over another's
        reach = (min(band.start[0], band.box[0]), max(band.end[0], band.box[2]))
        rows.setdefault(band.start[1], []).append(reach)
    for spans in rows.values():
        spans.sort()
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans)), spans


titles = st.text(alphabet="abcdefghij KLMNO-'", min_size=1, max_size=70).filter(lambda t: t.strip() != "")


@st.composite
def dated_sets(draw: st.DrawFn) -> list[Dated]:
    low = draw(st.sampled_from([2150, 2360, -10_000]))
    reach = draw(st.sampled_from([1, 5, 40, 250, 20_000]))
    out = []
    for _ in range(draw(st.integers(1, 45))):
        start = draw(st.integers(low, low + reach))
        length = draw(st.sampled_from([0, 0, 0, 1, 3, 12, 150]))
        faction = draw(st.sampled_from([KE, UFP, "", "Gorn Hegemony"]))
        out.append(Dated(draw(titles), start, start + length, faction))
    return out


@settings(max_examples=150, deadline=None)
@given(dated_sets())
def test_no_label_is_covered_or_crossed_over_any_dated_entries(entries: list[Dated]) -> None:
    assert_readable(layout_timeline(entries, {KE: 1, UFP: 2}, "Timeline", measure))


@settings(max_examples=60, deadline=None)
@given(dated_sets(), st.integers(-10_000, 2400), st.integers(0, 300))
def test_a_picture_of_some_of_the_years_still_never_crosses_a_label(
    entries: list[Dated], first: int, length: int
) -> None:
    inside = [d for d in entries if d.start <= first + length and d.end >= first]
    layout = layout_timeline(inside, {}, "Timeline", measure, (first, first + length))
    assert_readable(layout)
    assert len(layout.dots) + len(layout.bands) == len(inside)


def test_a_span_over_centuries_is_a_row_of_its_own_cut_at_the_picture_s_years() -> None:
    entries = [
        Dated("Enterprise (NX-01)", 2151, 2161, "Earth"),
        Dated("Klaang", 2151, 2151, KE),
        Dated("Rura Penthe", 2152, 2293, KE),
        Dated("Battle of Cheron", 2160, 2160, ""),
    ]
    layout = layout_timeline(entries, {KE: 1}, "Timeline, 2151–2161", measure, (2151, 2161))
    assert_readable(layout)
    (_, axis_y), (right, _) = layout.axis
    penthe = next(b for b in layout.bands if b.text.startswith("Rura Penthe"))
    assert penthe.text == "Rura Penthe (until 2293)" and penthe.open_after and not penthe.open_before
    assert penthe.end[0] <= right  # cut at 2161, the picture's last year, with an arrow onward
    ship = next(b for b in layout.bands if b.text.startswith("Enterprise"))
    assert ship.text == "Enterprise (NX-01)" and not ship.open_after
    assert penthe.start[1] != ship.start[1] or penthe.box[0] >= ship.box[2]
    assert sorted(label.text for c in layout.callouts for line in c.lines for label in line) == [
        "Battle of Cheron",
        "Klaang",
    ]
    assert all(c.box[3] < axis_y for c in layout.callouts)


def test_entries_of_one_year_share_one_leader_their_titles_side_by_side() -> None:
    entries = [Dated(f"Praxis aftermath {i}", 2293, 2293, KE) for i in range(5)]
    layout = layout_timeline(entries, {KE: 7}, "Timeline, 2293", measure)
    (callout,) = layout.callouts
    labels = [label for line in callout.lines for label in line]
    assert [label.text for label in labels] == [f"Praxis aftermath {i}" for i in range(5)]
    assert [label.colour for label in labels] == [7] * 5
    assert [len(line) for line in callout.lines] == [2, 2, 1]  # two to a line of at most 480 px
    assert len(layout.dots) == 5 and {d.at for d in layout.dots} == {layout.dots[0].at}


def test_a_long_title_wraps_and_the_text_reads_at_discords_preview_size() -> None:
    title = "Nimbus III ambassadorial station of the Planet of Galactic Peace and all its envoys"
    layout = layout_timeline([Dated(title, 2268, 2268, "")], {}, "Timeline, 2268", measure)
    (callout,) = layout.callouts
    assert [label.colour for line in callout.lines for label in line] == [GREY, None]  # wrapped once
    assert callout.box[2] <= layout.width
    assert FONT * 550 / WIDTH >= 15 and layout.width == WIDTH and layout.height <= MAX_HEIGHT


def test_a_title_cuts_a_long_faction_name_and_keeps_the_years() -> None:
    name = "Most Serene and Everlasting Confederacy of the Outer Marches and Their Protectorates"
    title = picture_title(name, "2266–2293", measure)
    assert title.startswith("Timeline of Most Serene") and title.endswith("…, 2266–2293")
    assert measure(title, TITLE_FONT) <= WIDTH - 2 * MARGIN
    assert picture_title(None, "2372", measure) == "Timeline, 2372"
    assert picture_title("Klingon Empire", "2372", measure) == "Timeline of Klingon Empire, 2372"
