"""Drawing the layouts of bot/domain/pictures with Pillow, into PNG bytes.

The font is the one Pillow carries (a scalable sans-serif it ships since 10.1), so a picture
looks the same on every machine and nothing has to be installed. Drawing is CPU work: callers
run it off the event loop (asyncio.to_thread).
"""

from __future__ import annotations

import io
import math
import unicodedata
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from ..domain.pictures import Point
from ..domain.pictures.map_layout import Line, MapLayout
from ..domain.pictures.timeline_labels import BULLET
from ..domain.pictures.timeline_layout import ARROW, DOT, LINE, MARGIN, TICK_FONT, Band, TimelineLayout
from ..domain.pictures.timeline_layout import FONT as TIMELINE_FONT
from ..domain.pictures.timeline_layout import TITLE_FONT as TIMELINE_TITLE

BACKGROUND = (24, 26, 32)
INK = (232, 234, 238)
FAINT = (150, 156, 168)
LEADER = (96, 102, 114)
WIDTHS = {Line.SOLID: 4, Line.DASHED: 4, Line.DOTTED: 3}
# The bundled font covers plain Latin letters only: dashes become hyphens, accented letters
# lose their accents, anything else it cannot draw becomes "?". Alt text keeps the exact words.
PLAIN = str.maketrans({"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "·": "-"})


def drawable(text: str) -> str:
    # a character at a time, each once: layouts measure many cuts of the same long names
    return text if text.isascii() else "".join(map(_drawable, text))


@cache
def _drawable(char: str) -> str:
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", char.translate(PLAIN)) if not unicodedata.combining(c)
    )
    return "".join(c if _has_glyph(c) else "?" for c in bare)


@cache
def _has_glyph(char: str) -> bool:
    if char.isascii():
        return True
    return bytes(font(20).getmask(char)) != bytes(font(20).getmask("\uffff"))


@cache
def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def measure(text: str, size: int) -> float:
    """Width of `text` in pixels at `size`: what the pure layouts lay text out with."""
    return float(font(size).getlength(drawable(text)))


def rgb(colour: int) -> tuple[int, int, int]:
    return (colour >> 16) & 255, (colour >> 8) & 255, colour & 255


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def stroke(draw: ImageDraw.ImageDraw, start: Point, end: Point, line: Line, colour: int) -> None:
    """A straight stroke: solid, dashed (12 on, 8 off) or dotted (3 on, 6 off)."""
    width = WIDTHS[line]
    if line is Line.SOLID:
        draw.line([start, end], fill=rgb(colour), width=width)
        return
    on, off = (12, 8) if line is Line.DASHED else (3, 6)
    length = math.dist(start, end)
    if length == 0:
        return
    ux, uy = (end[0] - start[0]) / length, (end[1] - start[1]) / length
    at = 0.0
    while at < length:
        stop = min(at + on, length)
        draw.line(
            [(start[0] + ux * at, start[1] + uy * at), (start[0] + ux * stop, start[1] + uy * stop)],
            fill=rgb(colour),
            width=width,
        )
        at += on + off


def draw_map(layout: MapLayout) -> bytes:
    image = Image.new("RGBA", (layout.width, layout.height), BACKGROUND)
    shade = Image.new("RGBA", image.size, (0, 0, 0, 0))
    shading = ImageDraw.Draw(shade)
    for shape in layout.shapes:  # translucent, so the strokes and other shapes show through
        shading.polygon(list(shape.points), fill=(*rgb(shape.colour), 48))
    image.alpha_composite(shade)
    draw = ImageDraw.Draw(image)
    draw.text((24, 20), drawable(layout.title), font=font(26), fill=INK)
    for leg in layout.legs:
        stroke(draw, leg.start, leg.end, leg.line, leg.colour)
    for node in layout.nodes:
        x, y = node.centre
        r = node.radius
        draw.ellipse([x - r, y - r, x + r, y + r], fill=rgb(node.colour), outline=INK, width=3)
        draw.text((x, y), node.monogram, font=font(24), fill=(255, 255, 255), anchor="mm")
        draw.text(node.name_at, drawable(node.name), font=font(18), fill=INK, anchor="ma")
    for label in layout.labels:
        x, y = label.centre
        draw.ellipse([x - 13, y - 13, x + 13, y + 13], fill=BACKGROUND, outline=INK, width=2)
        draw.text((x, y), str(label.number), font=font(16), fill=INK, anchor="mm")
    kx, ky = layout.key_origin
    for line, meaning in layout.key:
        stroke(draw, (kx, ky + 12), (kx + 40, ky + 12), line, 0xC8CCD4)
        draw.text((kx + 48, ky + 2), meaning, font=font(18), fill=FAINT)
        kx += 56 + measure(meaning, 18) + 24
    for row in layout.legend:
        x, y = row.origin
        stroke(draw, (x, y + 12), (x + 28, y + 12), row.line, row.colour)
        draw.text((x + 36, y + 2), drawable(f"{row.number}. {row.text}"), font=font(20), fill=INK)
    if layout.empty:
        draw.text((layout.width / 2, 380), layout.empty, font=font(24), fill=FAINT, anchor="mm")
    return png(image.convert("RGB"))


def draw_timeline(layout: TimelineLayout) -> bytes:
    image = Image.new("RGB", (layout.width, layout.height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN + 4, 14), drawable(layout.title), font=font(TIMELINE_TITLE), fill=INK)
    (left, axis_y), (right, _) = layout.axis
    draw.line([(left, axis_y), (right, axis_y)], fill=FAINT, width=3)
    for tick in layout.ticks:
        x, y = tick.at
        draw.line([(x, y - 6), (x, y + 6)], fill=FAINT, width=2)
        draw.text((x, y + 10), str(tick.year), font=font(TICK_FONT), fill=FAINT, anchor="ma")
    for callout in layout.callouts:
        draw.line(list(callout.leader), fill=LEADER, width=2)
        box_left, top = callout.box[0], callout.box[1]
        for row, line in enumerate(callout.lines):
            y = top + row * LINE
            for label in line:
                x = box_left + label.at
                if label.colour is not None:
                    draw.ellipse([x + 1, y + 7, x + 13, y + 19], fill=rgb(label.colour))
                draw.text((x + BULLET, y + 1), drawable(label.text), font=font(TIMELINE_FONT), fill=INK)
    for dot in layout.dots:
        x, y = dot.at
        r = DOT
        draw.ellipse([x - r, y - r, x + r, y + r], fill=rgb(dot.colour), outline=BACKGROUND, width=1)
    for band in layout.bands:
        _band(draw, band)
    for faction, colour, (x, y) in layout.legend:
        draw.ellipse([x + 1, y + 7, x + 13, y + 19], fill=rgb(colour))
        draw.text((x + BULLET, y + 2), drawable(faction), font=font(TICK_FONT), fill=INK)
    return png(image)


def _band(draw: ImageDraw.ImageDraw, band: Band) -> None:
    """A span's bar (its colour dimmed, so its name reads over it), a solid edge where it begins
    and ends in the picture, an arrow where it runs on beyond, and its name."""
    (x1, y), (x2, _) = band.start, band.end
    half = LINE / 2 - 2
    dim = tuple(round(c * 0.55 + b * 0.45) for c, b in zip(rgb(band.colour), BACKGROUND, strict=True))
    draw.rectangle([x1, y - half, x2, y + half], fill=dim)
    if band.open_before:
        draw.polygon([(x1, y - half), (x1 - ARROW, y), (x1, y + half)], fill=rgb(band.colour))
    else:
        draw.rectangle([x1, y - half, x1 + 3, y + half], fill=rgb(band.colour))
    if band.open_after:
        draw.polygon([(x2, y - half), (x2 + ARROW, y), (x2, y + half)], fill=rgb(band.colour))
    else:
        draw.rectangle([x2 - 3, y - half, x2, y + half], fill=rgb(band.colour))
    draw.text((band.box[0], band.box[1] + 1), drawable(band.text), font=font(TIMELINE_FONT), fill=INK)


def blank(width: int, height: int) -> bytes:
    """An empty canvas of that size, encoded the same way: the benchmark's floor."""
    return png(Image.new("RGB", (width, height), BACKGROUND))
