"""The rows a batch of lore entries writes (bot/storage/lore_batch.py), built apart from the
transaction: the index's postings, term counts, words, names and their keys, as
lore_index.write_entry would write them entry by entry, and the timeline's rows, collected to be
written one statement per table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..domain.lore import LoreEntry
from ..domain.name_grams import name_keys
from . import lore_timeline
from .backend import Conn, Dialect
from .lore import Draft
from .lore_index import Analysed, word_row

Posting = tuple[int, str, float, str]  # a row of lore_postings: scope, term, impact, entry


@dataclass
class IndexRows:
    """The rows of lore_index and lore_names that a batch changes, each list in index order."""

    gone: list[Posting] = field(default_factory=list)  # postings the updated entries lose
    postings: list[Posting] = field(default_factory=list)  # postings to add
    taken: list[tuple[int, int, str]] = field(default_factory=list)  # (fewer entries, scope, term)
    counted: list[tuple[int, str, int]] = field(default_factory=list)  # (scope, term, more entries)
    words: list[tuple[int, str, int, str]] = field(default_factory=list)
    names: list[tuple[int, int, str, str, str]] = field(default_factory=list)
    grams: list[tuple[int, str, int, int]] = field(default_factory=list)


def index_rows(
    scope: int, entries: list[tuple[str, Analysed]], held: set[Posting], ids: list[int]
) -> IndexRows:
    """What lore_index.write_entry writes for each entry (in a thread: pure work on many rows).
    Postings: `held` (the updated entries' postings) less those they lose, plus those they gain,
    with the term counts to match; removing every posting and adding the same back, as an entry
    written alone does, comes to the same rows and counts. Names take the ids `ids`, in order."""
    rows = IndexRows()
    postings = [(scope, t, round(i, 4), key) for key, found in entries for t, i in found.impacts.items()]
    gained: Counter[tuple[int, str]] = Counter()
    if held:
        had = {(s, t, key) for s, t, _i, key in held}
        has = {(s, t, key) for s, t, _i, key in postings}
        rows.gone = sorted(held.difference(postings))
        postings = [row for row in postings if row not in held]
        gained.subtract((s, t) for s, t, _i, key in rows.gone if (s, t, key) not in has)
        gained.update((s, t) for s, t, _i, key in postings if (s, t, key) not in had)
    else:
        gained.update((s, t) for s, t, _i, _key in postings)
    # in the primary key's order: by term alone, a term's rows came in page order and split its
    # B-tree pages at random places; at 100,000 entries the full sort (0.13 ms a page) saves
    # 0.2-0.35 ms a page of SQLite's CPU in inserts and commit
    rows.postings = sorted(postings)
    rows.taken = [(-n, s, t) for (s, t), n in sorted(gained.items()) if n < 0]
    rows.counted = [(s, t, n) for (s, t), n in sorted(gained.items()) if n > 0]
    rows.words = sorted(word_row(scope, w) for w in {w for _key, found in entries for w in found.words})
    named = ((key, found.title, name) for key, found in entries for name in dict.fromkeys(found.names))
    rows.names = [(at, scope, name, title, key) for at, (key, title, name) in zip(ids, named, strict=True)]
    rows.grams = sorted(
        (scope, gram, len(name), at) for at, _s, name, _t, _k in rows.names for gram in name_keys(name)
    )
    return rows


async def write_timeline(conn: Conn, guild_id: int, entries: list[tuple[Draft, str]]) -> None:
    """lore_timeline.write's rows of each entry (their old ones are gone), in one statement."""
    collected = Collected(conn.dialect)
    for draft, key in entries:
        shown = LoreEntry(
            key,
            draft.title,
            draft.kind,
            "",
            "",
            (),
            years=draft.years,
            factions=draft.factions,
            guild_id=guild_id,
        )
        await lore_timeline.write(collected, shown, fresh=True)
    for sql, rows in collected.statements.items():
        await conn.executemany(sql, rows)


class Collected:
    """A Conn that keeps the rows written through it, by statement, to be run as one each."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.statements: dict[str, list[Sequence[Any]]] = {}

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.statements.setdefault(sql, []).extend(rows)

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        self.statements.setdefault(sql, []).append(tuple(params))
        return 0

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        raise NotImplementedError("a batch collects writes only")

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        raise NotImplementedError("a batch collects writes only")
