"""Lore entries as plain values, and the rules for ones moderators write."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

from .errors import InvalidInput
from .lore_facts import YEAR_RANGE, Facts
from .treaties import Source, SourceTier


class Kind(StrEnum):
    EVENT = "event"
    TREATY = "treaty"
    BATTLE = "battle"
    PERSON = "person"
    PLACE = "place"
    SHIP = "ship"
    FACTION = "faction"
    SPECIES = "species"
    TECHNOLOGY = "technology"
    SOURCE = "source"


@dataclass(frozen=True, slots=True)
class Years:
    start: int | None = None
    end: int | None = None

    def __str__(self) -> str:
        if self.start is None and self.end is None:
            return "undated"
        if self.start is None:
            return f"until {self.end}"
        if self.end is None or self.end == self.start:
            return str(self.start)
        return f"{self.start}–{self.end}"

    @property
    def known(self) -> bool:
        return self.start is not None or self.end is not None

    def overlaps(self, low: int | None, high: int | None) -> bool:
        first = self.start if self.start is not None else self.end
        last = self.end if self.end is not None else self.start
        if first is None or last is None:
            return False
        return (low is None or last >= low) and (high is None or first <= high)


@dataclass(frozen=True, slots=True)
class LoreEntry:
    key: str  # canon: the file's slug; server lore: "server-<id>"
    title: str
    kind: Kind
    summary: str
    body: str
    sources: tuple[Source, ...]
    aliases: tuple[str, ...] = ()
    years: Years = field(default_factory=Years)
    factions: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    guild_id: int | None = None  # None: canon; else server lore of that server
    hidden_sources: tuple[SourceTier, ...] = ()  # tiers of the sources a server's setting hides
    facts: Facts = field(default_factory=Facts)  # structured facts (bot/domain/lore_facts.py)

    @property
    def is_server_lore(self) -> bool:
        return self.guild_id is not None

    @property
    def years_span(self) -> tuple[int | None, int | None]:
        return self.years.start, self.years.end


def as_shown(entry: LoreEntry, tiers: frozenset[str]) -> LoreEntry | None:
    """The entry with only the sources of the tiers a server shows (and how many it hides);
    None only when none is left: tiers hide sources, not people. Server lore is always shown:
    its moderators wrote it."""
    if entry.is_server_lore:
        return entry
    sources = tuple(s for s in entry.sources if s.tier.value in tiers)
    if not sources:
        return None
    hidden = tuple(s.tier for s in entry.sources if s.tier.value not in tiers)
    return entry if not hidden else replace(entry, sources=sources, hidden_sources=hidden)


# --- limits for server lore -------------------------------------------------------------------

MAX_TITLE = 100
MAX_ALIASES = 10
MAX_SUMMARY = 1000
MAX_BODY = 50_000
MAX_FILE_BYTES = 1_000_000
_YEARS = re.compile(r"^\s*(-?\d{1,5})\s*(?:(?:-|–|—|to)\s*(-?\d{1,5})\s*)?$")


def parse_years(text: str) -> Years:
    """`2267`, `2267-2271`, `2267 to 2271` or empty -> Years; anything else is refused."""
    if not text.strip():
        return Years()
    match = _YEARS.match(text)
    if match is None:
        raise InvalidInput("Years must look like `2293` or `2267-2271`.")
    start = int(match[1])
    end = int(match[2]) if match[2] else None
    for year in (start, end):
        if year is not None and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            raise InvalidInput("That year is out of range.")
    if end is not None and end < start:
        raise InvalidInput("The end year comes before the start year.")
    return Years(start, end)


def clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise InvalidInput("An entry needs a title.")
    if len(title) > MAX_TITLE:
        raise InvalidInput(f"Titles can be at most {MAX_TITLE} characters (this one has {len(title)}).")
    return title


def clean_aliases(text: str) -> tuple[str, ...]:
    aliases = tuple(dict.fromkeys(" ".join(a.split()) for a in text.split(",") if a.strip()))
    if len(aliases) > MAX_ALIASES:
        raise InvalidInput(f"At most {MAX_ALIASES} aliases, separated by commas.")
    if any(len(a) > MAX_TITLE for a in aliases):
        raise InvalidInput(f"Each alias can be at most {MAX_TITLE} characters.")
    return aliases


def clean_summary(summary: str) -> str:
    summary = " ".join(summary.split())
    if not summary:
        raise InvalidInput("An entry needs a one-paragraph summary.")
    if len(summary) > MAX_SUMMARY:
        raise InvalidInput(
            f"Summaries can be at most {MAX_SUMMARY} characters (this one has {len(summary)})."
        )
    return summary


def clean_body(body: str) -> str:
    body = body.strip()
    if len(body) > MAX_BODY:
        raise InvalidInput(f"The body can be at most {MAX_BODY:,} characters (this one has {len(body):,}).")
    return body
