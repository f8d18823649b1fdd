"""The drawing follows the layout: each power in its colour where the layout put it, the
timeline's marks on its axis, and text the bundled font cannot draw made drawable."""

from __future__ import annotations

import io

from PIL import Image

from bot.domain.pictures.map_layout import layout_map
from bot.domain.pictures.timeline_layout import Dated, layout_timeline
from bot.domain.pictures.web import Link, Standing
from bot.ui.pictures import BACKGROUND, blank, draw_map, draw_timeline, drawable, measure, rgb

KE, RSE = "Klingon Empire", "Romulan Star Empire"
COLOURS = {KE: 0x9E1B1B, RSE: 0x2E7D4F}


def test_each_power_is_drawn_in_its_colour_where_the_layout_puts_it() -> None:
    links = [Link("Pact", 2267, (KE, RSE), frozenset(), Standing.IN_FORCE, False)]
    layout = layout_map(links, [KE, RSE], COLOURS, "The web", measure)
    image = Image.open(io.BytesIO(draw_map(layout)))
    assert image.size == (layout.width, layout.height)
    for node in layout.nodes:  # a little off the centre, clear of the monogram's letters
        x, y = node.centre
        assert image.getpixel((int(x), int(y + node.radius * 0.7))) == rgb(COLOURS[node.power])
    assert image.getpixel((5, layout.height - 5)) == BACKGROUND


def test_a_timeline_marks_its_years_on_the_axis() -> None:
    entries = [Dated("Praxis", 2293, 2293, KE), Dated("Alliance", 2267, 2271, RSE)]
    layout = layout_timeline(entries, COLOURS, "Timeline", measure)
    image = Image.open(io.BytesIO(draw_timeline(layout)))
    assert image.size == (layout.width, layout.height)
    for mark in layout.marks:
        x, y = mark.start
        assert image.getpixel((int(x) + 1, int(y))) == rgb(COLOURS[KE if mark.title == "Praxis" else RSE])


def test_text_is_made_drawable_and_the_floor_is_an_empty_canvas() -> None:
    assert (
        drawable("Klingon–Romulan Alliance — Genève, Qo’noS") == "Klingon-Romulan Alliance - Geneve, Qo'noS"
    )
    assert drawable("🖖") == "?"
    assert Image.open(io.BytesIO(blank(40, 30))).size == (40, 30)
