"""The pictures' layouts, pure: what the data says is what is placed, and nothing collides (the
timeline's: test_timeline_layout.py and test_timeline_eras.py)."""

from __future__ import annotations

import math

import pytest

from bot.content.treaties import canon_treaties
from bot.domain.pictures.map_layout import NODE_RADIUS, WIDE, Line, layout_map, monogram
from bot.domain.pictures.timeline_layout import nice_step
from bot.domain.pictures.web import Link, Standing, powers_in, web_at
from bot.domain.treaties import Party, Treaty

UFP, KE, RSE, CU = "United Federation of Planets", "Klingon Empire", "Romulan Star Empire", "Cardassian Union"
ORDER = (UFP, KE, RSE, CU)


def measure(text: str, size: int) -> float:
    """A stand-in for the font: every character as wide as half the size."""
    return len(text) * size / 2


def treaty(name: str, year: int | None, *parties: str, **kw: object) -> Treaty:
    return Treaty(name.lower(), name, "", year, str(year), "", tuple(Party(p) for p in parties), (), **kw)  # type: ignore[arg-type]


def test_the_canon_web_changes_with_the_year() -> None:
    names = lambda links: {link.name: link for link in links}  # noqa: E731
    in_2270 = names(web_at(canon_treaties(), 2270))
    assert "Khitomer Accords" not in in_2270  # signed in 2293
    assert in_2270["Klingon–Romulan Alliance"].standing is Standing.IN_FORCE
    in_2372 = names(web_at(canon_treaties(), 2372))
    assert in_2372["Klingon–Romulan Alliance"].standing is Standing.DISSOLVED  # from 2271
    assert in_2372["Khitomer Accords"].withdrawn == {KE}  # Gowron's withdrawal
    assert names(web_at(canon_treaties(), 2373))["Khitomer Accords"].withdrawn == frozenset()  # reinstated
    only_romulans = names(web_at(canon_treaties(), None, RSE))
    assert set(only_romulans) == {"Klingon–Romulan Alliance", "Treaty of Algeron"}


def test_an_accords_withdrawals_are_today_s_and_undated_accords_wait_for_no_year() -> None:
    accord = treaty("Pact of Nimbus", None, KE, RSE, guild_id=5)
    (link,) = web_at([accord], None, None, {accord.key: frozenset({RSE})})
    assert link.accord and link.withdrawn == {RSE}
    assert web_at([accord], 2380) == []  # no in-universe year: not part of any year's web


def test_two_parties_are_joined_by_a_line_three_by_one_shape() -> None:
    links = [
        Link("Pair", 2293, (UFP, KE), frozenset({KE}), Standing.IN_FORCE, False),
        Link("Trio", 2300, (UFP, KE, RSE), frozenset(), Standing.IN_FORCE, False),
        Link("Old", 2267, (KE, RSE), frozenset(), Standing.DISSOLVED, False),
    ]
    layout = layout_map(links, powers_in(links, ORDER), {UFP: 0x3B7DD8}, "t", measure)
    assert [n.power for n in layout.nodes] == [UFP, KE, RSE]
    assert [n.monogram for n in layout.nodes] == ["UFP", "KE", "RSE"]
    (shape,) = layout.shapes  # only the treaty of three is a shape
    assert len(shape.points) == 3
    assert len(layout.legs) == 2 + 3 + 2
    pair_legs = layout.legs[:2]
    assert [leg.line for leg in pair_legs] == [Line.SOLID, Line.DASHED]  # the Klingons withdrew
    assert {leg.line for leg in layout.legs[5:]} == {Line.DOTTED}  # dissolved
    centres = {n.power: n.centre for n in layout.nodes}
    for leg in layout.legs:  # every stroke ends on the rim of a node
        assert any(math.isclose(math.dist(leg.end, c), NODE_RADIUS, abs_tol=0.01) for c in centres.values())
    assert [row.text for row in layout.legend] == ["Pair (2293) — withdrawn: Klingon Empire", "Trio (2300)",
                                                   "Old (2267) — dissolved"]  # fmt: skip
    assert [label.number for label in layout.labels] == [1, 2, 3]


def test_treaties_between_the_same_powers_do_not_overlap_and_the_legend_fits() -> None:
    name = "Accord number {} of a very long name indeed, signed at the end of a very long conference"
    links = [Link(name.format(i), None, (KE, RSE), frozenset(), Standing.IN_FORCE, True) for i in range(50)]
    layout = layout_map(links, [KE, RSE], {}, "t", measure)
    anchors = [label.centre for label in layout.labels]
    assert len(set(anchors)) == 50
    assert min(math.dist(a, b) for i, a in enumerate(anchors) for b in anchors[i + 1 :]) >= 15
    columns = {row.origin[0] for row in layout.legend}
    assert len(columns) == 2
    for row in layout.legend:
        assert row.origin[0] + 36 + measure(f"{row.number}. {row.text}", 20) <= layout.width == WIDE
        assert row.origin[1] + 28 <= layout.height
    assert all(row.text.endswith("…") for row in layout.legend)


def test_monograms() -> None:
    assert monogram("United Federation of Planets") == "UFP"
    assert monogram("Most other Alpha Quadrant powers (joined later)") == "MAQ"
    assert monogram("tholians") == "TH"


@pytest.mark.parametrize(
    ("span", "step"), [(1, 1), (8, 1), (9, 2), (27, 5), (78, 10), (320, 50), (4000, 500)]
)
def test_ticks_are_round(span: int, step: int) -> None:
    assert nice_step(span) == step


def test_fifty_accords_among_eight_powers_keep_their_numbers_apart() -> None:
    import random

    rng = random.Random(7)
    powers = [f"Power {letter}" for letter in "ABCDEFGH"]
    links = [
        Link(f"Accord {i}", 2300 + i, tuple(rng.sample(powers, rng.choice((2, 2, 3, 4)))), frozenset(),
             Standing.IN_FORCE, True)
        for i in range(50)
    ]  # fmt: skip
    layout = layout_map(links, powers, {}, "t", measure)
    numbers = [label.centre for label in layout.labels]
    closest = min(math.dist(a, b) for i, a in enumerate(numbers) for b in numbers[i + 1 :])
    assert closest >= 26  # the discs (26 px across) never cover each other
    for label in layout.labels:  # nor a power's circle
        assert all(math.dist(label.centre, node.centre) >= NODE_RADIUS + 13 for node in layout.nodes)


def test_power_names_stay_inside_the_picture() -> None:
    long_name = "Most other Alpha Quadrant powers (joined later) and a great many more besides"
    links = [Link("Wide", 2368, (UFP, long_name, KE), frozenset(), Standing.IN_FORCE, False)]
    layout = layout_map(links, [UFP, long_name, KE], {}, "t", measure)
    for node in layout.nodes:
        half = measure(node.name, 18) / 2
        assert half * 2 <= 300 and node.name_at[0] - half >= 0 and node.name_at[0] + half <= layout.width
    assert layout.nodes[1].name.endswith("…")
