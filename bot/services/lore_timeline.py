"""/lore timeline a page at a time: a server's dated entries read by a keyset query of one page
(bot/storage/lore_timeline.py), canon's (a few hundred, in memory) merged into the same order.

The order is (first year, last year, title), canon before a server entry of the same title, then
by key or id. A page starts at the beginning or just after or before a place: a short token a
button can carry (`place_of`), checked as untrusted input when it comes back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.errors import InvalidInput
from ..domain.lore import LoreEntry, as_shown
from ..domain.references import normalise
from ..storage import Database
from ..storage import lore as lore_store
from ..storage import lore_timeline as store
from .factions import faction_named, filed_under

PAGE = 12  # entries of a page of text
_PLACE = re.compile(
    r"^(?:c(?P<key>[a-z0-9-]{1,60})|s(?P<id>[0-9]{1,18})\.(?P<first>-?[0-9]{1,6})\.(?P<last>-?[0-9]{1,6}))$"
)
SortKey = tuple[int, int, str, int, str | int]  # first, last, title, 0 canon / 1 server, key / id


@dataclass(frozen=True, slots=True)
class Asked:
    """What a member asked for: a faction as typed, a span of years, the source tiers shown."""

    faction: str | None = None
    low: int | None = None
    high: int | None = None
    tiers: frozenset[str] | None = None  # None: every tier


@dataclass(frozen=True, slots=True)
class At:
    """Where a page starts: at the beginning (no place), just after a place, or (`back`) just
    before it."""

    place: str = ""
    back: bool = False


START = At()


@dataclass(frozen=True, slots=True)
class Page:
    faction: str | None  # the faction resolved from what was typed
    entries: list[LoreEntry]  # in timeline order
    before: bool  # entries come before the first one
    after: bool  # entries come after the last one


def place_of(entry: LoreEntry) -> str:
    """A token for just after (or before) `entry` on the timeline: at most 37 characters."""
    if not entry.is_server_lore:
        return f"c{entry.key}"
    first, last = store.years_of(entry) or (0, 0)
    return f"s{lore_store.server_id_of(entry.key)}.{first}.{last}"


def sort_key(entry: LoreEntry) -> SortKey:
    start, end = entry.years.start, entry.years.end
    first = start if start is not None else end or 0
    last = end if end is not None else start or 0
    if entry.is_server_lore:
        return first, last, entry.title, 1, int(entry.key.removeprefix(lore_store.KEY_PREFIX))
    return first, last, entry.title, 0, entry.key


class Timeline:
    def __init__(self, db: Database, canon: Sequence[LoreEntry]) -> None:
        self.db = db
        self.canon = sorted((e for e in canon if store.years_of(e) is not None), key=sort_key)
        self.by_key = {e.key: e for e in self.canon}

    async def page(self, guild_id: int | None, asked: Asked, at: At = START, limit: int = PAGE) -> Page:
        """The faction resolved (or refused: faction_named) and up to `limit` of its dated,
        in-universe entries from `at` (a place that is not one reads as the beginning)."""
        low, high = asked.low, asked.high
        if low is not None and high is not None and low > high:
            raise InvalidInput("`from_year` comes after `to_year`.")
        faction, filed_as = await self._faction(guild_id, asked.faction)
        canon_at, place = self._origin(at.place)
        back = at.back and place is not None
        server: list[LoreEntry] = []
        if guild_id and filed_as != ():
            server, place = await store.page(
                self.db, guild_id, filed_as, low, high, place, backwards=back, limit=limit + 1
            )
        origin = canon_at or (
            None if place is None else (place.first, place.last, place.title or "", 1, place.entry_id)
        )
        canon = self._canon(faction, asked, origin, back, limit + 1)
        found = sorted([*canon, *server], key=sort_key, reverse=back)[: limit + 1]
        more, found = len(found) > limit, found[:limit]
        if back:
            return Page(faction, found[::-1], before=more, after=True)
        return Page(faction, found, before=origin is not None, after=more)

    async def _faction(
        self, guild_id: int | None, typed: str | None
    ) -> tuple[str | None, tuple[str, ...] | None]:
        """The faction `typed` names among canon's and this server's, and the names this server's
        entries file it under (None: no faction asked, every entry)."""
        if not typed:
            return None, None
        named = await store.factions_in(self.db, guild_id) if guild_id else []
        faction = faction_named(typed, named)
        filed = filed_under(faction)
        return faction, tuple(n for n in named if normalise(n) in filed)

    def _origin(self, token: str) -> tuple[SortKey | None, store.Place | None]:
        """The place a token names: a canon entry's sort key and place, or a server entry's place
        (its title is read with the page); (None, None) for the beginning or a token naming
        nothing."""
        match = _PLACE.match(token) if token else None
        if match is None:
            return None, None
        if match["key"] is None:
            return None, store.Place(int(match["first"]), int(match["last"]), None, int(match["id"]))
        entry = self.by_key.get(match["key"])
        if entry is None:
            return None, None
        key = sort_key(entry)
        return key, store.Place(key[0], key[1], key[2], 0)

    def _canon(
        self, faction: str | None, asked: Asked, origin: SortKey | None, back: bool, limit: int
    ) -> list[LoreEntry]:
        filed = filed_under(faction) if faction else None
        found = []
        for entry in reversed(self.canon) if back else self.canon:
            if origin is not None and (sort_key(entry) >= origin if back else sort_key(entry) <= origin):
                continue
            if not entry.years.overlaps(asked.low, asked.high):
                continue
            if filed is not None and not any(normalise(f) in filed for f in entry.factions):
                continue
            shown = entry if asked.tiers is None else as_shown(entry, asked.tiers)
            if shown is not None:
                found.append(shown)
                if len(found) == limit:
                    break
        return found
