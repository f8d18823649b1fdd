"""The lore search index: term impacts per entry, words per scope, read in one sitting.

Scope 0 is canon; any other scope is the server whose lore it is. Writes happen inside the
transaction that writes the entry itself (bot/storage/lore.py), so the index never disagrees
with the entries. Reads are a handful of index ranges in one snapshot (Database.read_now; on
SQLite, run at once on the event loop's own connection).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import content_versions, lore_floors, lore_names
from .backend import Conn, Database, Reads, lock_guild
from .lore_keys import server_id_of

CANON = 0
ENTRIES = ""  # lore_terms' term for the number of entries of a scope
TERMS_ADD = (
    "INSERT INTO lore_terms (scope, term, entries) VALUES (?, ?, 1)"
    " ON CONFLICT (scope, term) DO UPDATE SET entries = lore_terms.entries + 1"
)
POSTINGS_INSERT = (
    "INSERT INTO lore_postings (scope, term, impact, entry) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
)
WORDS_INSERT = (
    "INSERT INTO lore_words (scope, first, length, word) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
)


def word_row(scope: int, word: str) -> tuple[int, str, int, str]:
    """A row of lore_words: the word keyed by its first letter and length (for typo repair)."""
    return (scope, word[:1], len(word), word)


@dataclass(frozen=True, slots=True)
class Analysed:
    """What the index keeps of one entry: its terms' impacts and its words."""

    impacts: Mapping[str, float]
    words: Iterable[str]
    title: str = ""
    names: tuple[str, ...] = ()  # title and aliases, normalised: a server's go to lore_names


@dataclass(frozen=True, slots=True)
class Retrieved:
    entries: int  # in the scopes asked
    frequency: dict[str, int]  # term -> entries holding it
    impacts: dict[str, dict[str, float]]  # entry key -> term -> impact, for the best few of each term

    @property
    def by_term(self) -> dict[str, list[tuple[str, float]]]:
        """The same impacts by term: term -> (entry key, impact)."""
        found: dict[str, list[tuple[str, float]]] = {}
        for key, impacts in self.impacts.items():
            for term, impact in impacts.items():
                found.setdefault(term, []).append((key, impact))
        return found


async def write_entry(
    conn: Conn, scope: int, key: str, analysed: Analysed, *, refill: bool = True
) -> set[str]:
    """An entry's postings, term counts and (a server's) names afresh; its words added to its
    scope's. The terms it had (`refill` False: the caller refills them, lore_floors.refill)."""
    had = await remove_entry(conn, key, refill=refill)
    await _insert_entry(conn, scope, key, analysed)
    return had


def impacts_json(impacts: Mapping[str, float]) -> str:
    """lore_entries.postings: an entry's postings as written (term -> impact, rounded as stored),
    so that they are found again by the entry's key."""
    return json.dumps({t: round(i, 4) for t, i in impacts.items()}, separators=(",", ":"))


def impacts_of(stored: str | None) -> dict[str, float]:
    return {t: float(i) for t, i in json.loads(stored).items()} if stored else {}


async def _insert_entry(conn: Conn, scope: int, key: str, analysed: Analysed) -> None:
    postings = [(scope, t, round(i, 4), key) for t, i in analysed.impacts.items()]
    if scope != CANON:  # a server's common terms keep only their best (lore_floors)
        floors = await lore_floors.floors_of(conn, scope, analysed.impacts)
        postings = [row for row in postings if row[2] >= floors.get(row[1], 0.0)]
    await conn.executemany(POSTINGS_INSERT, postings)
    await conn.executemany(TERMS_ADD, [(scope, t) for t in analysed.impacts])
    await conn.executemany(WORDS_INSERT, [word_row(scope, w) for w in analysed.words])
    if scope != CANON:  # canon's few hundred names are kept in memory, its postings by scope
        await conn.execute(
            "UPDATE lore_entries SET postings = ? WHERE id = ?",
            (impacts_json(analysed.impacts), server_id_of(key)),
        )
        await lore_names.write(conn, scope, key, analysed.title, analysed.names)


async def remove_entry(conn: Conn, key: str, *, refill: bool = True) -> set[str]:
    """Its postings (as its row keeps them), term counts and names go; its words stay in the
    scope's vocabulary (other entries may share them). The terms it had; with `refill`, those its
    removal left short have what their floor left out put back (lore_floors)."""
    entry_id = server_id_of(key)
    row = None
    if entry_id is not None:
        row = await conn.fetch_one("SELECT guild_id, postings FROM lore_entries WHERE id = ?", (entry_id,))
    if row is None:  # no server entry: a canon one, whose scope is a few hundred entries
        held = await conn.fetch_all(
            "SELECT scope, term, impact FROM lore_postings WHERE scope = ? AND entry = ?", (CANON, key)
        )
        postings = [(int(r[0]), r[1], r[2]) for r in held]
    else:
        postings = [(int(row[0]), t, i) for t, i in impacts_of(row[1]).items()]
    await conn.executemany(
        "DELETE FROM lore_postings WHERE scope = ? AND term = ? AND impact = ? AND entry = ?",
        [(*posting, key) for posting in postings],
    )
    await conn.executemany(
        "UPDATE lore_terms SET entries = entries - 1 WHERE scope = ? AND term = ?",
        [(scope, term) for scope, term, _impact in postings],
    )
    had = {term for _scope, term, _impact in postings}
    if refill and row is not None and postings:  # a server's terms may have left postings out
        await lore_floors.refill(conn, postings[0][0], had, leaving=entry_id)
    await lore_names.remove(conn, key)
    return had


async def count_entry(conn: Conn, scope: int, change: int) -> None:
    """A server gained (1) or lost (-1) an entry: its size, read by every question, kept as a row."""
    await conn.execute(
        "INSERT INTO lore_terms (scope, term, entries) VALUES (?, ?, ?)"
        " ON CONFLICT (scope, term) DO UPDATE SET entries = lore_terms.entries + excluded.entries",
        (scope, ENTRIES, change),
    )


async def replace_canon(
    db: Database, entries: Iterable[tuple[str, Analysed]], marker: str, digest: str
) -> None:
    """Canon's postings and words afresh, and the marker of what they were built from, at once:
    off the event loop (on SQLite, aiosqlite's thread), as a few hundred entries' rows held it
    for 40 ms at a first start."""

    async def work(conn: Conn) -> None:
        await conn.execute("DELETE FROM lore_postings WHERE scope = ?", (CANON,))
        await conn.execute("DELETE FROM lore_terms WHERE scope = ?", (CANON,))
        await conn.execute("DELETE FROM lore_words WHERE scope = ?", (CANON,))
        for key, analysed in entries:  # the scope is empty now: nothing of theirs to remove
            await _insert_entry(conn, CANON, key, analysed)
        await content_versions.record(conn, marker, digest)

    async with db.transaction() as conn:
        await work(conn)


async def write_entries(db: Database, entries: Iterable[tuple[int, str, Analysed]]) -> None:
    """(scope, key, analysed) of entries already stored, indexed in one transaction, off the event
    loop (a batch of 500 held it for a tenth of a second). Each server's lock is held, as its own
    writes take it, and a term its rewritten entries left short is refilled once for the batch
    (lore_floors), not at each entry: a refill reads the server's rows."""
    entries = list(entries)
    async with db.transaction() as conn:
        servers = sorted({scope for scope, _key, _analysed in entries if scope != CANON})
        for scope in servers:
            await lock_guild(conn, scope)
        had: dict[int, set[str]] = {scope: set() for scope in servers}
        for scope, key, analysed in entries:
            had.setdefault(scope, set()).update(await write_entry(conn, scope, key, analysed, refill=False))
        for scope in servers:
            await lore_floors.refill(conn, scope, had[scope])


async def retrieve(
    db: Database, scopes: Sequence[int], canon_size: int, terms: Sequence[str], best: int
) -> Retrieved:
    """How many entries `scopes` hold, and for each term how many hold it and the `best` of them
    by impact, read in one snapshot. On SQLite each range is a query of a few microseconds; on
    PostgreSQL every query is a round trip, so all of them are one statement. `best` is at most
    lore_floors.READ_AT_MOST: past that, a term may have left postings out."""
    if best > lore_floors.READ_AT_MOST:
        raise ValueError(f"a read takes at most {lore_floors.READ_AT_MOST} postings a term, not {best}")
    if db.dialect.postgres:
        return await _retrieve_at_once(db, scopes, canon_size, terms, best)
    return await db.read_now(lambda conn: _retrieve(conn, scopes, canon_size, terms, best))


# Every term's count in every scope, and the best `best` entries of each (scope, term) pair:
# one round trip instead of two per pair (45 for a long question).
AT_ONCE = """
SELECT pairs.scope, pairs.term, coalesce(held.entries, 0) AS held, best.entry, best.impact
FROM unnest(?::bigint[]) AS s(scope) CROSS JOIN unnest(?::text[]) AS t(term)
CROSS JOIN LATERAL (SELECT s.scope, t.term COLLATE "C" AS term) AS pairs
LEFT JOIN lore_terms AS held ON held.scope = pairs.scope AND held.term = pairs.term
LEFT JOIN LATERAL (
    SELECT entry, impact FROM lore_postings AS p
    WHERE p.scope = pairs.scope AND p.term = pairs.term
    ORDER BY impact DESC LIMIT ?
) AS best ON true
"""


async def _retrieve_at_once(
    db: Database, scopes: Sequence[int], canon_size: int, terms: Sequence[str], best: int
) -> Retrieved:
    servers = [scope for scope in scopes if scope != CANON]
    rows = await db.fetch_all(AT_ONCE, (list(scopes), [ENTRIES, *terms], best))
    frequency = dict.fromkeys(terms, 0)
    counted: set[tuple[int, str]] = set()
    impacts: dict[str, dict[str, float]] = {}
    entries = canon_size if CANON in scopes else 0
    for row in rows:
        if (row["scope"], row["term"]) not in counted:
            counted.add((row["scope"], row["term"]))
            if row["term"] != ENTRIES:
                frequency[row["term"]] += row["held"]
            elif row["scope"] in servers:
                entries += row["held"]
        if row["entry"] is not None:
            impacts.setdefault(row["entry"], {})[row["term"]] = row["impact"]
    return Retrieved(entries, frequency, impacts)


async def _retrieve(
    conn: Conn, scopes: Sequence[int], canon_size: int, terms: Sequence[str], best: int
) -> Retrieved:
    """How many entries `scopes` hold, and for each term how many hold it and the `best` of them
    by impact (canon's size is known in memory; a server's is a row of lore_terms)."""
    frequency: dict[str, int] = {}
    impacts: dict[str, dict[str, float]] = {}
    for term in terms:
        count = 0
        for scope in scopes:
            count += await _count(conn, scope, term)
            rows = await conn.fetch_all(
                "SELECT entry, impact FROM lore_postings WHERE scope = ? AND term = ?"
                " ORDER BY impact DESC LIMIT ?",
                (scope, term, best),
            )
            for entry, impact in rows:
                impacts.setdefault(entry, {})[term] = impact
        frequency[term] = count
    entries = sum([canon_size if scope == CANON else await _count(conn, scope, ENTRIES) for scope in scopes])
    return Retrieved(entries, frequency, impacts)


async def _count(conn: Conn, scope: int, term: str) -> int:
    found = await conn.fetch_one("SELECT entries FROM lore_terms WHERE scope = ? AND term = ?", (scope, term))
    return int(found[0]) if found else 0


async def entries_of(db: Database, scope: int) -> int:
    """How many entries a server holds (a row, not a count)."""
    return await db.read_now(lambda conn: _count(conn, scope, ENTRIES))


async def words_near(db: Database, scopes: Sequence[int], word: str, lengths: tuple[int, int]) -> list[str]:
    """The words of `scopes` sharing `word`'s first letter, of a length within `lengths`: what a
    typo may have meant (one statement: an index range per scope; on PostgreSQL outside any
    transaction, which would add two round trips to the one)."""
    if db.dialect.postgres:
        return await _words_near(db, scopes, word, lengths)
    return await db.read_now(lambda conn: _words_near(conn, scopes, word, lengths))


async def _words_near(conn: Reads, scopes: Sequence[int], word: str, lengths: tuple[int, int]) -> list[str]:
    if not word or not scopes:
        return []
    among, values = conn.dialect.among("scope", scopes)
    rows = await conn.fetch_all(
        f"SELECT word FROM lore_words WHERE {among} AND first = ? AND length BETWEEN ? AND ?",
        (*values, word[:1], *lengths),
    )
    return [row[0] for row in rows]
