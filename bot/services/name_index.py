"""Names for autocomplete and typo repair: prefix by bisection, fuzzy by rapidfuzz. Canon's
few hundred names are kept in one; a server's are read from its index per request, a few names
at a time (bot/services/server_names.py)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.references import normalise
from .lazy import fuzz, process

FUZZY_CUTOFF = 80
FUZZY_MIN_LENGTH = 4
PREFIX_SCAN = 2000  # below this, near spellings are mostly noise ("kor" ~ "sector")
# near() answers remembered per index: canon's lives as long as the bot, and questions share
# their runs of words ("klingon empire"); a few hundred bytes each, forgotten when full or changed
NEAR_REMEMBERED = 4096


@dataclass(frozen=True, slots=True)
class Named:
    name: str  # normalised
    title: str  # as shown
    key: str


class NameIndex:
    """Every title and alias of one scope (canon, or one server), sorted by normalised name."""

    def __init__(self) -> None:
        self._names: list[str] = []
        self._items: list[Named] = []
        self._titles: dict[str, str] = {}
        self._near: dict[tuple[str, int], list[str]] = {}

    def __len__(self) -> int:
        return len(self._titles)

    def add(self, key: str, title: str, aliases: Iterable[str] = ()) -> None:
        self._near.clear()
        self._titles[key] = title
        for name in {normalise(title), *(normalise(a) for a in aliases)} - {""}:
            at = bisect.bisect_left(self._names, name)
            self._names.insert(at, name)
            self._items.insert(at, Named(name, title, key))

    def add_many(self, rows: Iterable[tuple[str, str, Iterable[str]]]) -> set[str]:
        """Bulk load (key, title, aliases): one sort instead of an insertion per name.
        Returns the normalised names."""
        self._near.clear()
        items = list(self._items)
        added: set[str] = set()
        for key, title, aliases in rows:
            self._titles[key] = title
            names = {normalise(title), *(normalise(a) for a in aliases)} - {""}
            added |= names
            items += [Named(n, title, key) for n in names]
        items.sort(key=lambda item: item.name)
        self._items = items
        self._names = [item.name for item in items]
        return added

    def add_rows(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """(normalised name, title, key) as the server's name index holds them."""
        self._near.clear()
        items = {(item.name, item.key): item for item in self._items}
        for name, title, key in rows:
            self._titles[key] = title
            items[(name, key)] = Named(name, title, key)
        self._items = sorted(items.values(), key=lambda item: item.name)
        self._names = [item.name for item in self._items]

    def title(self, key: str) -> str | None:
        return self._titles.get(key)

    def exact(self, text: str) -> str | None:
        name = normalise(text)
        at = bisect.bisect_left(self._names, name)
        return self._items[at].key if at < len(self._names) and self._names[at] == name else None

    def prefix(self, text: str, limit: int) -> list[Named]:
        """Names starting with `text`, one per entry, shortest first (typing "k" should offer
        Kor before Klingon augmentation virus), then alphabetically. Reads at most
        PREFIX_SCAN names, so one letter in a large server costs the same as three."""
        start = normalise(text)
        found: dict[str, Named] = {}
        at = bisect.bisect_left(self._names, start)
        end = min(len(self._names), at + PREFIX_SCAN)
        while at < end and self._names[at].startswith(start):
            item = self._items[at]
            if item.key not in found or len(item.name) < len(found[item.key].name):
                found[item.key] = item
            at += 1
        return sorted(found.values(), key=lambda item: (len(item.name), item.name))[:limit]

    def near(self, text: str, cutoff: int) -> list[str]:
        """Keys whose whole name is within `cutoff` (0-100) of `text`, closest first."""
        query = normalise(text)
        if len(query) < FUZZY_MIN_LENGTH or not self._names:
            return []
        if (known := self._near.get((query, cutoff))) is not None:
            return list(known)
        best = process.extractOne(query, self._names, scorer=fuzz.ratio, score_cutoff=cutoff)
        found = [] if best is None else [self._items[best[2]].key]
        if len(self._near) >= NEAR_REMEMBERED:
            self._near.clear()
        self._near[(query, cutoff)] = found
        return list(found)

    def fuzzy(self, text: str, limit: int, *, strict: bool = False) -> list[Named]:
        """Near spellings, best first (for "Kitomer", "Gowran"). `strict` compares whole names
        (for resolving a topic); otherwise partial matches count too (for suggestions)."""
        query = normalise(text)
        if len(query) < FUZZY_MIN_LENGTH or not self._names:
            return []
        matches = process.extract(
            query,
            self._names,
            scorer=fuzz.ratio if strict else fuzz.WRatio,
            limit=limit * 3,
            score_cutoff=FUZZY_CUTOFF,
        )
        found: dict[str, Named] = {}
        for _name, _score, at in matches:
            found.setdefault(self._items[at].key, self._items[at])
        return list(found.values())[:limit]
