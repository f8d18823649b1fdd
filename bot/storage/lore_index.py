"""The lore search index: term impacts per entry, words per scope, read in one sitting.

Scope 0 is canon; any other scope is the server whose lore it is. Writes happen inside the
transaction that writes the entry itself (bot/storage/lore.py), so the index never disagrees
with the entries. Reads are a handful of index ranges run synchronously (Database.read_now).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

CANON = 0
POSTINGS_INSERT = "INSERT OR REPLACE INTO lore_postings (scope, term, impact, entry) VALUES (?, ?, ?, ?)"
WORDS_INSERT = "INSERT OR IGNORE INTO lore_words (scope, word) VALUES (?, ?)"


@dataclass(frozen=True, slots=True)
class Analysed:
    """What the index keeps of one entry: its terms' impacts and its words."""

    impacts: Mapping[str, float]
    words: Iterable[str]


@dataclass(frozen=True, slots=True)
class Retrieved:
    entries: int  # in the scopes asked
    frequency: dict[str, int]  # term -> entries holding it
    impacts: dict[str, dict[str, float]]  # entry key -> term -> impact, for the best few of each term


def write_entry(conn: sqlite3.Connection, scope: int, key: str, analysed: Analysed) -> None:
    conn.execute("DELETE FROM lore_postings WHERE entry = ?", (key,))
    conn.executemany(POSTINGS_INSERT, [(scope, t, round(i, 4), key) for t, i in analysed.impacts.items()])
    conn.executemany(WORDS_INSERT, [(scope, w) for w in analysed.words])


def remove_entry(conn: sqlite3.Connection, key: str) -> None:
    """Its postings go; its words stay in the scope's vocabulary (other entries may share them)."""
    conn.execute("DELETE FROM lore_postings WHERE entry = ?", (key,))


def replace_scope(conn: sqlite3.Connection, scope: int, entries: Iterable[tuple[str, Analysed]]) -> None:
    conn.execute("DELETE FROM lore_postings WHERE scope = ?", (scope,))
    conn.execute("DELETE FROM lore_words WHERE scope = ?", (scope,))
    for key, analysed in entries:
        write_entry(conn, scope, key, analysed)


def retrieve(
    conn: sqlite3.Connection, scopes: Sequence[int], canon_size: int, terms: Sequence[str], best: int
) -> Retrieved:
    """How many entries `scopes` hold, and for each term how many hold it and the `best` of them
    by impact (canon's size is known in memory; a server's is counted here)."""
    frequency: dict[str, int] = {}
    impacts: dict[str, dict[str, float]] = {}
    for term in terms:
        count = 0
        for scope in scopes:
            count += conn.execute(
                "SELECT count(*) FROM lore_postings WHERE scope = ? AND term = ?", (scope, term)
            ).fetchone()[0]
            rows = conn.execute(
                "SELECT entry, impact FROM lore_postings WHERE scope = ? AND term = ?"
                " ORDER BY impact DESC LIMIT ?",
                (scope, term, best),
            )
            for entry, impact in rows:
                impacts.setdefault(entry, {})[term] = impact
        frequency[term] = count
    entries = sum(
        canon_size
        if scope == CANON
        else conn.execute("SELECT count(*) FROM lore_entries WHERE guild_id = ?", (scope,)).fetchone()[0]
        for scope in scopes
    )
    return Retrieved(entries, frequency, impacts)


def words_near(conn: sqlite3.Connection, scopes: Sequence[int], word: str) -> list[str]:
    """The words of `scopes` sharing `word`'s first letter: what a typo may have meant."""
    first = word[:1]
    if not first:
        return []
    found: list[str] = []
    for scope in scopes:
        found += [
            row[0]
            for row in conn.execute(
                "SELECT word FROM lore_words WHERE scope = ? AND word >= ? AND word < ?",
                (scope, first, first + "\U0010ffff"),
            )
        ]
    return found
