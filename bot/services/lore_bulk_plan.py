"""What one transaction of a wiki import writes (bot/services/lore_bulk.py): each page in the
export's order, as LoreService.add or edit would take it after the pages before it."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from ..domain.references import normalise
from ..storage import lore_batch as batch
from ..storage.lore_names import NameRow
from .lore_bulk_pages import Prepared


@dataclass
class _Names:
    """The server's names as a plan sees them, page after page: those read, less the ones of
    the entries it updates, plus those of the entries it writes."""

    entries: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # name -> [(key, title)]
    names_of: dict[str, list[str]] = field(default_factory=dict)  # key -> its names

    @classmethod
    def of(cls, rows: list[NameRow]) -> _Names:
        names = cls()
        for row in rows:
            names.add(row.key, row.title, (row.name,))
        return names

    def add(self, key: str, title: str, names: tuple[str, ...]) -> None:
        for name in names:
            self.entries.setdefault(name, []).append((key, title))
            self.names_of.setdefault(key, []).append(name)

    def drop(self, key: str) -> None:
        for name in self.names_of.pop(key, []):
            self.entries[name] = [held for held in self.entries[name] if held[0] != key]

    def exact(self, name: str) -> tuple[str, str] | None:
        held = self.entries.get(name)
        return held[0] if held else None


class Plan:
    """What a batch's transaction writes: each page in order, as LoreService.add or edit would
    take it after the pages before it. A page titled like an earlier page of the batch (in any
    case) ends the transaction: it is planned again in the next one, which reads that page."""

    def __init__(self, items: list[tuple[int, Prepared]], canon: dict[str, tuple[str, str]]) -> None:
        self.items = items
        self.canon = canon
        self.planned = 0
        self.imported = self.updated = 0
        self.skipped: list[tuple[int, str]] = []

    def __call__(self, found: batch.Found) -> list[batch.Write]:
        names = _Names.of(found.named)
        titles: set[str] = set()
        writes: list[batch.Write] = []
        fresh = itertools.count()
        for at, item in self.items:
            draft = item.draft
            if draft.title.casefold() in titles:
                break
            self.planned += 1
            key = found.titled.get(draft.title)
            if (taken := self._taken(names, draft.title, draft.aliases, key)) is not None:
                self.skipped.append((at, taken))
                continue
            related = tuple(dict.fromkeys(k for n in item.links if (k := self._named(names, n)) is not None))
            write = batch.Write(replace(draft, related=related), item.analysed, key, item.stored)
            if key is None:
                key = batch.new_key(next(fresh))
                self.imported += 1
            else:
                names.drop(key)
                self.updated += 1
            names.add(key, draft.title, item.analysed.names)
            titles.add(draft.title.casefold())
            writes.append(write)
        return writes

    def _named(self, names: _Names, name: str) -> str | None:
        """The key of the entry a link names (`name` normalised): the server's first, then canon's."""
        held = names.exact(name) or self.canon.get(name)
        return held[0] if held is not None else None

    def _taken(self, names: _Names, title: str, aliases: tuple[str, ...], own: str | None) -> str | None:
        """Why a name of the page is not free (in LoreService's words), or None."""
        for name in (title, *aliases):
            folded = normalise(name)
            for held in (names.exact(folded), self.canon.get(folded)):
                if held is not None and held[0] != own:
                    return f"{name!r} is already the name of the entry {held[1]!r}. Pick another."
        return None
