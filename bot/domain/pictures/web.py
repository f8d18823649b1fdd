"""The diplomatic web: which powers each treaty and accord binds, as it stood in a given year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from ..treaties import Treaty


class Standing(StrEnum):
    IN_FORCE = "in force"
    DISSOLVED = "dissolved"


@dataclass(frozen=True, slots=True)
class Link:
    """One treaty or accord: the powers it joins, and those that had left it."""

    name: str
    year: int | None
    parties: tuple[str, ...]
    withdrawn: frozenset[str]
    standing: Standing
    accord: bool  # signed by this server's players


def web_at(
    treaties: Iterable[Treaty],
    year: int | None = None,
    power: str | None = None,
    withdrawals: Mapping[str, frozenset[str]] | None = None,
) -> list[Link]:
    """Each treaty as it stood at the end of `year` (None: today), oldest first; with `power`,
    only those binding it. Treaties signed later, or undated ones asked about a year, are left
    out. `withdrawals`: the parties that have left each accord today, by treaty key."""
    links = []
    for treaty in treaties:
        if year is not None and (treaty.year is None or treaty.year > year):
            continue
        parties = tuple(p.name for p in treaty.parties)
        if power is not None and power not in parties:
            continue
        links.append(
            Link(
                treaty.name,
                treaty.year,
                parties,
                _withdrawn(treaty, year, (withdrawals or {}).get(treaty.key, frozenset())),
                _standing(treaty, year),
                treaty.is_accord,
            )
        )
    return sorted(links, key=lambda link: (link.year is None, link.year or 0, link.name))


def _withdrawn(treaty: Treaty, year: int | None, today: frozenset[str]) -> frozenset[str]:
    if year is None and treaty.is_accord:
        return today
    out: set[str] = set()
    for event in sorted(treaty.history, key=lambda e: e.year or 0):
        if event.year is None or (year is not None and event.year > year):
            continue
        if event.kind == "withdrawn":
            out.add(event.party)
        elif event.kind == "reinstated":
            out.discard(event.party)
    return frozenset(out)


def _standing(treaty: Treaty, year: int | None) -> Standing:
    if treaty.status != "dissolved":
        return Standing.IN_FORCE
    ends = [e.year for e in treaty.history if e.kind == "dissolved"]
    if year is None or any(end is not None and end <= year for end in ends):
        return Standing.DISSOLVED
    return Standing.IN_FORCE


def powers_in(links: Iterable[Link], order: Iterable[str]) -> list[str]:
    """The powers the links join, in `order` (data/powers.toml). A party that is no power
    ("most other Alpha Quadrant powers") gets no circle; the legend and alt text still name it."""
    present = {party for link in links for party in link.parties}
    return [p for p in order if p in present]
