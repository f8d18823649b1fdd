"""The rows the bot's lore index keeps beside the postings, for benches that bulk-load a database
instead of writing entry by entry: each server name with its keys (bot/domain/name_grams.py), and
the term counts."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import count

from bot.domain.lore import LoreEntry
from bot.domain.name_grams import name_keys
from bot.storage.lore_index import Analysed

# The term counts, once the postings and entries are in (as migration 0015 fills them).
TERM_COUNTS = (
    "INSERT INTO lore_terms (scope, term, entries) SELECT scope, term, count(*) FROM lore_postings"
    " WHERE scope <> 0 GROUP BY scope, term",  # canon's are counted as the bot indexes it
    "INSERT INTO lore_terms (scope, term, entries) SELECT guild_id, '', count(*) FROM lore_entries"
    " GROUP BY guild_id",
)
NAMES_INSERT = "INSERT INTO lore_names (id, scope, name, title, entry) VALUES (?, ?, ?, ?, ?)"
GRAMS_INSERT = "INSERT INTO lore_name_grams (scope, gram, length, name) VALUES (?, ?, ?, ?)"


Row = tuple[object, ...]


class NameRows:
    """Ids for names across batches, and each batch's rows for lore_names and lore_name_grams."""

    def __init__(self) -> None:
        self._ids = count(1)
        self.last = 0  # the last id given

    def of(self, made: Iterable[tuple[LoreEntry, Analysed]]) -> tuple[list[Row], list[Row]]:
        names: list[tuple[object, ...]] = []
        grams: list[tuple[object, ...]] = []
        for entry, found in made:
            scope = entry.guild_id or 0
            for name in found.names:
                at = self.last = next(self._ids)
                names.append((at, scope, name, entry.title, entry.key))
                grams += [(scope, gram, len(name), at) for gram in name_keys(name)]
        return names, grams
