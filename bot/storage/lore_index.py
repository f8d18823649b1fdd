"""The lore search index: term impacts per entry, words per scope, read in one sitting.

Scope 0 is canon; any other scope is the server whose lore it is. Writes happen inside the
transaction that writes the entry itself (bot/storage/lore.py), so the index never disagrees
with the entries. Reads are a handful of index ranges in one snapshot (Database.read_now; on
SQLite, run at once on the event loop's own connection).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import content_versions
from .backend import Conn, Database

CANON = 0
POSTINGS_INSERT = (
    "INSERT INTO lore_postings (scope, term, impact, entry) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
)
WORDS_INSERT = "INSERT INTO lore_words (scope, word) VALUES (?, ?) ON CONFLICT DO NOTHING"


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


async def write_entry(conn: Conn, scope: int, key: str, analysed: Analysed) -> None:
    """An entry's postings afresh, and its words added to its scope's."""
    await remove_entry(conn, key)
    await _insert_entry(conn, scope, key, analysed)


async def _insert_entry(conn: Conn, scope: int, key: str, analysed: Analysed) -> None:
    await conn.executemany(
        POSTINGS_INSERT, [(scope, t, round(i, 4), key) for t, i in analysed.impacts.items()]
    )
    await conn.executemany(WORDS_INSERT, [(scope, w) for w in analysed.words])


async def remove_entry(conn: Conn, key: str) -> None:
    """Its postings go; its words stay in the scope's vocabulary (other entries may share them)."""
    await conn.execute("DELETE FROM lore_postings WHERE entry = ?", (key,))


async def replace_canon(
    db: Database, entries: Iterable[tuple[str, Analysed]], marker: str, digest: str
) -> None:
    """Canon's postings and words afresh, and the marker of what they were built from, at once."""

    async def work(conn: Conn) -> None:
        await conn.execute("DELETE FROM lore_postings WHERE scope = ?", (CANON,))
        await conn.execute("DELETE FROM lore_words WHERE scope = ?", (CANON,))
        for key, analysed in entries:  # the scope is empty now: nothing of theirs to remove
            await _insert_entry(conn, CANON, key, analysed)
        await content_versions.record(conn, marker, digest)

    await db.write_now(work)


async def write_entries(db: Database, entries: Iterable[tuple[int, str, Analysed]]) -> None:
    """(scope, key, analysed) of entries already stored, indexed in one transaction."""

    async def work(conn: Conn) -> None:
        for scope, key, analysed in entries:
            await write_entry(conn, scope, key, analysed)

    await db.write_now(work)


async def retrieve(
    db: Database, scopes: Sequence[int], canon_size: int, terms: Sequence[str], best: int
) -> Retrieved:
    """How many entries `scopes` hold, and for each term how many hold it and the `best` of them
    by impact, read in one snapshot. On SQLite each range is a query of a few microseconds; on
    PostgreSQL every query is a round trip, so all of them are one statement."""
    if db.dialect.postgres:
        return await _retrieve_at_once(db, scopes, canon_size, terms, best)
    return await db.read_now(lambda conn: _retrieve(conn, scopes, canon_size, terms, best))


# Every (scope, term) pair: how many entries hold the term, and its best `best` entries; and the
# servers' sizes. One round trip instead of two per pair (45 for a long question).
AT_ONCE = """
WITH pairs AS MATERIALIZED (
    SELECT s.scope, t.term,
           (SELECT count(*) FROM lore_postings AS p
            WHERE p.scope = s.scope AND p.term = t.term COLLATE "C") AS held
    FROM unnest(?::bigint[]) AS s(scope), unnest(?::text[]) AS t(term)
)
SELECT pairs.scope, pairs.term, pairs.held, best.entry, best.impact,
       (SELECT count(*) FROM lore_entries WHERE guild_id = ANY(?::bigint[])) AS servers
FROM pairs LEFT JOIN LATERAL (
    SELECT entry, impact FROM lore_postings AS p
    WHERE p.scope = pairs.scope AND p.term = pairs.term COLLATE "C"
    ORDER BY impact DESC LIMIT ?
) AS best ON true
"""


async def _retrieve_at_once(
    db: Database, scopes: Sequence[int], canon_size: int, terms: Sequence[str], best: int
) -> Retrieved:
    servers = [scope for scope in scopes if scope != CANON]
    rows = await db.fetch_all(AT_ONCE, (list(scopes), list(terms), servers, best))
    frequency = dict.fromkeys(terms, 0)
    counted: set[tuple[int, str]] = set()
    impacts: dict[str, dict[str, float]] = {}
    for row in rows:
        if (row["scope"], row["term"]) not in counted:
            counted.add((row["scope"], row["term"]))
            frequency[row["term"]] += row["held"]
        if row["entry"] is not None:
            impacts.setdefault(row["entry"], {})[row["term"]] = row["impact"]
    entries = (canon_size if CANON in scopes else 0) + (rows[0]["servers"] if rows else 0)
    return Retrieved(entries, frequency, impacts)


async def _retrieve(
    conn: Conn, scopes: Sequence[int], canon_size: int, terms: Sequence[str], best: int
) -> Retrieved:
    """How many entries `scopes` hold, and for each term how many hold it and the `best` of them
    by impact (canon's size is known in memory; a server's is counted here)."""
    frequency: dict[str, int] = {}
    impacts: dict[str, dict[str, float]] = {}
    for term in terms:
        count = 0
        for scope in scopes:
            found = await conn.fetch_one(
                "SELECT count(*) FROM lore_postings WHERE scope = ? AND term = ?", (scope, term)
            )
            count += found[0] if found else 0
            rows = await conn.fetch_all(
                "SELECT entry, impact FROM lore_postings WHERE scope = ? AND term = ?"
                " ORDER BY impact DESC LIMIT ?",
                (scope, term, best),
            )
            for entry, impact in rows:
                impacts.setdefault(entry, {})[term] = impact
        frequency[term] = count
    entries = 0
    for scope in scopes:
        if scope == CANON:
            entries += canon_size
        elif size := await conn.fetch_one("SELECT count(*) FROM lore_entries WHERE guild_id = ?", (scope,)):
            entries += size[0]
    return Retrieved(entries, frequency, impacts)


async def words_near(db: Database, scopes: Sequence[int], word: str) -> list[str]:
    """The words of `scopes` sharing `word`'s first letter: what a typo may have meant."""
    return await db.read_now(lambda conn: _words_near(conn, scopes, word))


async def _words_near(conn: Conn, scopes: Sequence[int], word: str) -> list[str]:
    first = word[:1]
    if not first:
        return []
    found: list[str] = []
    for scope in scopes:
        found += [
            row[0]
            for row in await conn.fetch_all(
                "SELECT word FROM lore_words WHERE scope = ? AND word >= ? AND word < ?",
                (scope, first, first + "\U0010ffff"),
            )
        ]
    return found
