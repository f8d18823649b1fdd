"""The pictures' content: the diplomatic web of a server and its timeline, as plans (what each
picture shows, read, with its alt text) that lay themselves out (pure layouts from
bot/domain/pictures); bot/ui/pictures.py draws the layouts.

Laying out measures every text with the font, which takes a while for long names (hundreds of
milliseconds for a map of long names in a script the font lacks): callers lay out and draw in
one worker call (cogs/_pictures.py, cogs/lore/_timeline_pictures.py), never on the event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..content.scenarios import canon_powers
from ..content.treaties import canon_treaties
from ..domain.lore import LoreEntry
from ..domain.paging import clip
from ..domain.pictures import Measure
from ..domain.pictures.map_layout import MapLayout, layout_map
from ..domain.pictures.timeline_eras import Era, eras
from ..domain.pictures.timeline_layout import Dated, TimelineLayout, layout_timeline, picture_title
from ..domain.pictures.web import Link, Standing, powers_in, web_at
from ..storage import Database, accord_reads, accords

ALT_LIMIT = 1024  # Discord's longest attachment description
MAP_ACCORDS = 24  # a server's accords on one map: two legend columns of twelve beside the canon
TIMELINE_MOST = 300  # entries the timeline pictures show at most (a dozen eras or more)


@cache
def power_colours() -> dict[str, int]:
    """Each power's colour, under its name and every alias (lore factions use either)."""
    colours: dict[str, int] = {}
    for power in canon_powers().values():
        for name in (power.name, *power.aliases):
            colours[name] = power.colour
    return colours


@dataclass(frozen=True, slots=True)
class MapPlan:
    """A map as read: its title, the treaties it shows (oldest first), the powers they join and
    the picture in words."""

    title: str
    links: tuple[Link, ...]
    powers: tuple[str, ...]
    alt: str

    def layout(self, measure: Measure) -> MapLayout:
        """Where everything goes: CPU work, for a worker thread."""
        return layout_map(self.links, self.powers, power_colours(), self.title, measure)


async def map_plan(db: Database, guild_id: int | None, year: int | None, power: str | None) -> MapPlan:
    """This server's diplomatic web (canon treaties and its accords) as it stood in `year`: its
    latest MAP_ACCORDS accords (by ratification, or with `year` by their own years), read by an
    index range each; a picture of more would not be read anyway."""
    shown = await accord_reads.for_map(db, guild_id, year, power, MAP_ACCORDS + 1) if guild_id else []
    more = len(shown) > MAP_ACCORDS
    shown = shown[:MAP_ACCORDS]
    withdrawals = await accords.withdrawals_in(db, guild_id, [t.key for t in shown]) if guild_id else {}
    links = web_at([*canon_treaties(), *shown[::-1]], year, power, withdrawals)
    powers = powers_in(links, canon_powers())
    whose = f" of the {power}" if power else ""
    title = f"The diplomatic web{whose}" + (f" in {year}" if year is not None else "")
    if more:
        title += f" (latest {MAP_ACCORDS} accords)"
    return MapPlan(title, tuple(links), tuple(powers), map_alt(title, links))


async def map_layout(
    db: Database, guild_id: int | None, year: int | None, power: str | None, measure: Measure
) -> tuple[MapLayout, str]:
    """The map laid out (in a worker thread), with its alt text: for what measures without
    drawing (benchmarks, tests); a command lays out and draws in one worker call instead."""
    plan = await map_plan(db, guild_id, year, power)
    return await asyncio.to_thread(plan.layout, measure), plan.alt


def map_alt(title: str, links: Sequence[Link]) -> str:
    """The picture in words, for screen readers: each treaty, whom it joins, how it stands."""
    if not links:
        return f"{title}: no treaty or accord to show."
    parts = []
    for number, link in enumerate(links, 1):
        standing = "dissolved" if link.standing is Standing.DISSOLVED else "in force"
        if link.withdrawn and standing == "in force":
            standing = f"in force, {', '.join(sorted(link.withdrawn))} withdrawn"
        parts.append(f"{number}. {link.name} joins {', '.join(link.parties)} ({standing})")
    return clip(f"{title}. " + "; ".join(parts) + ".", ALT_LIMIT)


@dataclass(frozen=True, slots=True)
class TimelinePicture:
    """One era of a timeline as read: its title as drawn (naming the era's years), the era, and
    the picture in words (with the title in full)."""

    title: str
    era: Era
    alt: str

    def layout(self, measure: Measure) -> TimelineLayout:
        """Where everything goes: CPU work, for a worker thread."""
        return layout_timeline(self.era.entries, power_colours(), self.title, measure, self.era.years)


def dated(entries: Sequence[LoreEntry]) -> list[Dated]:
    """The entries with a year, as the timeline pictures place them."""
    return [
        Dated(e.title, start, end if end >= start else start, e.factions[0] if e.factions else "")
        for e in entries
        if (start := e.years.start if e.years.start is not None else e.years.end) is not None
        and (end := e.years.end if e.years.end is not None else start) is not None
    ]


def timeline_pictures(
    entries: Sequence[Dated],
    faction: str | None,
    measure: Measure,
    window: tuple[int | None, int | None] = (None, None),
) -> list[TimelinePicture]:
    """The timeline of `entries` (of `faction`, or of all) in eras, a picture each that reads at
    Discord's preview size (bot/domain/pictures/timeline_eras.py): CPU work
    that measures every title many times, for a worker process (a second or more for hundreds
    of long titles: in a thread, that long a hold on the GIL stalls the event loop)."""
    out = []
    for era in eras(entries, measure, window):
        title = f"Timeline{f' of {faction}' if faction else ''}, {era.name}"
        alt = "; ".join(f"{_years(d)} {d.title}" for d in era.entries)
        drawn = picture_title(faction, era.name, measure)
        out.append(TimelinePicture(drawn, era, clip(f"{title}: {alt}.", ALT_LIMIT)))
    return out


def _years(dated: Dated) -> str:
    return str(dated.start) if dated.start == dated.end else f"{dated.start}–{dated.end}"
