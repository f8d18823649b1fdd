"""Cutting text to fit a picture: the same cut as taking one character off at a time, found with
a few measurements (each is a font lookup), so a map of long names lays out quickly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.pictures import fit
from bot.domain.pictures.map_layout import layout_map
from bot.domain.pictures.web import Link, Standing


def width(text: str, size: int) -> float:
    """A stand-in for the font: wide letters, narrow spaces, a narrow ellipsis."""
    return sum(size * (0.3 if c in " …" else 0.9 if c.isupper() else 0.55) for c in text)


def cut_one_at_a_time(text: str, room: float, size: int) -> str:
    if width(text, size) <= room:
        return text
    while text and width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


@given(
    st.text(alphabet="aB …xy", max_size=120), st.floats(min_value=0, max_value=900), st.sampled_from([18, 20])
)
def test_the_cut_is_the_longest_that_fits(text: str, room: float, size: int) -> None:
    assert fit(text, room, width, size) == cut_one_at_a_time(text, room, size)


def test_a_map_of_long_names_measures_each_a_few_times() -> None:
    calls: list[str] = []

    def counting(text: str, size: int) -> float:
        calls.append(text)
        return width(text, size)

    powers = ["Klingon Empire", "Romulan Star Empire"]
    links = [
        Link(f"{n} " + "Concord of Everlasting Friendship " * 3, 2300 + n, tuple(powers), frozenset(),
             Standing.IN_FORCE, True)
        for n in range(31)
    ]  # fmt: skip
    layout = layout_map(links, powers, {}, "The web", counting)
    assert all(row.text.endswith("…") for row in layout.legend)
    assert len(calls) <= 31 * 10  # a hundred characters: about log2(100) measurements each, not 60
