"""The drawing follows the layout: each power in its colour where the layout put it, the
timeline's marks on its axis, and text the bundled font cannot draw made drawable."""

from __future__ import annotations

import io

from PIL import Image

from bot.domain.pictures.map_layout import layout_map
from bot.domain.pictures.timeline_layout import Dated, layout_timeline
from bot.domain.pictures.web import Link, Standing
from bot.ui.pictures import BACKGROUND, LEADER, blank, draw_map, draw_timeline, drawable, measure, rgb

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


def test_a_timeline_draws_points_on_the_axis_and_spans_in_their_own_rows() -> None:
    entries = [
        Dated("Praxis", 2293, 2293, KE),
        Dated("Alliance", 2267, 2271, RSE),
        Dated("Raid", 2280, 2280, RSE),
    ]
    layout = layout_timeline(entries, COLOURS, "Timeline, 2267–2293", measure)
    image = Image.open(io.BytesIO(draw_timeline(layout))).convert("RGB")
    assert image.size == (layout.width, layout.height)
    for dot in layout.dots:
        x, y = dot.at
        assert image.getpixel((int(x), int(y))) == rgb(dot.colour)
    for callout in layout.callouts:  # the leader runs from the axis up to its labels
        (x, low), (_, high) = callout.leader
        assert image.getpixel((int(x), int((low + high) / 2))) == LEADER
    (band,) = layout.bands
    (x1, y), (x2, _) = band.start, band.end
    dimmed = tuple(round(c * 0.55 + b * 0.45) for c, b in zip(rgb(COLOURS[RSE]), BACKGROUND, strict=True))
    assert image.getpixel((int(x2) - 10, int(band.box[3]) - 3)) == dimmed  # under the name, past its text
    assert image.getpixel((int(x1) + 1, int(y))) == rgb(COLOURS[RSE])  # a solid edge where it begins
    assert y > layout.axis[0][1]  # below the axis, apart from the points


def test_text_is_made_drawable_and_the_floor_is_an_empty_canvas() -> None:
    assert (
        drawable("Klingon–Romulan Alliance — Genève, Qo’noS") == "Klingon-Romulan Alliance - Geneve, Qo'noS"
    )
    assert drawable("🖖") == "?"
    assert Image.open(io.BytesIO(blank(40, 30))).size == (40, 30)
