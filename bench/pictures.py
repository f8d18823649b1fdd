"""Drawing the pictures against Pillow drawing an empty canvas of the same size.

A diplomatic map of 8 powers and 50 accords (pairs, trios and quartets; some with a party
withdrawn, some dissolved), and a timeline of 300 entries cut into eras, a picture each that
reads at Discord's preview size (bot/domain/pictures/timeline_eras.py). Each is laid out and
drawn to PNG; the floor is `Image.new` of the same size encoded to PNG the same way, in the same
run. Median of the repeats. The timeline is timed twice: what a member's command or click costs
(cut into eras, then lay out and draw one picture), and every picture drawn.

    python bench/pictures.py [--repeats 15]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from bot.content.scenarios import canon_powers
from bot.domain.pictures.map_layout import layout_map
from bot.domain.pictures.timeline_eras import eras
from bot.domain.pictures.timeline_layout import Dated, layout_timeline
from bot.domain.pictures.web import Link, Standing
from bot.services.pictures import power_colours
from bot.ui.pictures import blank, draw_map, draw_timeline, measure


def median_seconds(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def accords(powers: list[str], count: int, rng: random.Random) -> list[Link]:
    links = []
    for i in range(count):
        parties = tuple(rng.sample(powers, rng.choice((2, 2, 2, 3, 4))))
        withdrawn = frozenset({parties[0]}) if i % 7 == 0 else frozenset()
        standing = Standing.DISSOLVED if i % 11 == 0 else Standing.IN_FORCE
        links.append(
            Link(f"Accord of the {i + 1}th conference", 2300 + i, parties, withdrawn, standing, True)
        )
    return links


def entries(count: int, factions: list[str], rng: random.Random) -> list[Dated]:
    out = []
    for i in range(count):
        start = rng.randint(2150, 2400)
        out.append(
            Dated(f"Event number {i + 1}", start, start + rng.choice((0, 0, 0, 3, 12)), rng.choice(factions))
        )
    return out


def main(repeats: int) -> None:
    rng = random.Random(2293)
    powers = [p.name for p in canon_powers().values()][:8]
    colours = power_colours()
    links = accords(powers, 50, rng)
    layout = layout_map(links, powers, colours, "The diplomatic web", measure)
    ours = median_seconds(lambda: draw_map(layout_map(links, powers, colours, "The web", measure)), repeats)
    floor = median_seconds(lambda: blank(layout.width, layout.height), repeats)
    print(f"map, 8 powers and 50 accords ({layout.width}x{layout.height}):")
    print(f"  ours {ours * 1e3:7.1f} ms   empty canvas {floor * 1e3:6.1f} ms   ratio {ours / floor:5.2f}x")

    timeline = entries(300, powers, rng)
    groups = eras(timeline, measure)
    layouts = [layout_timeline(g.entries, colours, f"Timeline, {g.name}", measure, g.years) for g in groups]

    def one() -> None:  # what a command or a click does: cut into eras, draw one of them
        first = eras(timeline, measure)[0]
        draw_timeline(layout_timeline(first.entries, colours, "Timeline", measure, first.years))

    def draw_all() -> None:
        for g in eras(timeline, measure):
            draw_timeline(layout_timeline(g.entries, colours, "Timeline", measure, g.years))

    def blanks() -> None:
        for each in layouts:
            blank(each.width, each.height)

    single = median_seconds(one, max(3, repeats // 3))
    ours = median_seconds(draw_all, max(3, repeats // 3))
    floor = median_seconds(blanks, max(3, repeats // 3))
    heights = sorted(each.height for each in layouts)
    size = f"{layouts[0].width} wide, {heights[0]} to {heights[-1]} high"
    print(f"timeline, 300 entries in {len(groups)} pictures, one an era ({size}):")
    blank_one = floor / len(layouts)
    print(
        f"  one picture (eras cut, one drawn) {single * 1e3:7.1f} ms   empty canvas {blank_one * 1e3:6.1f} ms"
        f"   ratio {single / blank_one:5.2f}x"
    )
    print(
        f"  every picture {ours * 1e3:7.1f} ms   empty canvases {floor * 1e3:6.1f} ms"
        f"   ratio {ours / floor:5.2f}x"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15)
    main(parser.parse_args().repeats)
