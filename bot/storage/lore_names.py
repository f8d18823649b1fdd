"""A server's lore names (titles and aliases, normalised) and their keys (bot/domain/name_grams.py:
each word, and each word with a letter dropped), kept with the entry in the transaction that
writes it (bot/storage/lore_index.py), so a lookup is a few index ranges whatever the server's
size: exact, by prefix, or near a misspelling through the keys it shares with a name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.name_grams import name_keys
from .backend import Conn, Database, Reads

RARE = 200  # a typed word whose keys find fewer names than this is read whole; a commoner one
COMMON_WEIGHT = 0.1  # ("battle", "treaty") is read this far and counts this much against a rare one
DROPPED_WEIGHT = 0.8  # a word found through a key with a letter dropped, against the word itself
BOTH = 400  # names holding two common words, read when no word is rare


@dataclass(frozen=True, slots=True)
class NameRow:
    name: str  # normalised
    title: str
    key: str


async def write(conn: Conn, scope: int, key: str, title: str, names: Iterable[str]) -> None:
    """The entry's names and their keys (its old ones removed first)."""
    await remove(conn, key)
    for name in dict.fromkeys(names):
        row = await conn.fetch_one(
            "INSERT INTO lore_names (scope, name, title, entry) VALUES (?, ?, ?, ?) RETURNING id",
            (scope, name, title, key),
        )
        assert row is not None
        await conn.executemany(
            "INSERT INTO lore_name_grams (scope, gram, length, name) VALUES (?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            [(scope, key, len(name), row[0]) for key in name_keys(name)],
        )


async def remove(conn: Conn, key: str) -> None:
    await conn.execute(
        "DELETE FROM lore_name_grams WHERE name IN (SELECT id FROM lore_names WHERE entry = ?)", (key,)
    )
    await conn.execute("DELETE FROM lore_names WHERE entry = ?", (key,))


@dataclass(frozen=True, slots=True)
class Wanted:
    """What one lookup reads: names typed exactly, names starting with a prefix, and the `near`
    names sharing the most keys with a misspelling (`words`: each typed word's keys), unless a
    name read is `unless` (the misspelling is no misspelling: its near names are not wanted)."""

    exact: Sequence[str] = ()
    prefix: str = ""
    prefix_rows: int = 0
    words: Sequence[Sequence[str]] = ()
    near: int = 0
    unless: str = ""


async def lookup(db: Database, scope: int, wanted: Wanted) -> list[NameRow]:
    """The names of `scope` that `wanted` asks for. On SQLite in one snapshot, at once on the
    loop's connection (a few index ranges cost less than a hop to a thread); on PostgreSQL each
    statement in its own: BEGIN and COMMIT would be two of an autocomplete's three round trips,
    and the names read are only candidates, judged again against the entries read after them."""
    if db.dialect.postgres:
        return await _lookup(db, scope, wanted)
    return await db.read_now(lambda conn: _lookup(conn, scope, wanted))


async def _lookup(conn: Reads, scope: int, wanted: Wanted) -> list[NameRow]:
    found: list[NameRow] = []
    if names := list(dict.fromkeys(n for n in wanted.exact if n)):
        among, values = conn.dialect.among("name", names)
        found += _rows(
            await conn.fetch_all(
                f"SELECT name, title, entry FROM lore_names WHERE scope = ? AND {among}", (scope, *values)
            )
        )
    if wanted.prefix_rows:  # an empty prefix: the first names in order
        found += _rows(
            await conn.fetch_all(
                "SELECT name, title, entry FROM lore_names WHERE scope = ? AND name >= ? AND name < ?"
                " ORDER BY name LIMIT ?",
                (scope, wanted.prefix, wanted.prefix + "\U0010ffff", wanted.prefix_rows),
            )
        )
    # A title typed exactly in a big server: its common words ("accords", "battle") would read
    # thousands of keys for names nobody looks at.
    typed_whole = bool(wanted.unless) and any(row.name == wanted.unless for row in found)
    if wanted.words and wanted.near and not typed_whole:
        found += await _near(conn, scope, wanted.words, wanted.near)
    return found


def _rows(found: Iterable[Any]) -> list[NameRow]:
    return [NameRow(r["name"], r["title"], r["entry"]) for r in found]


_PROBE = "SELECT * FROM (SELECT CAST(? AS INTEGER) AS word, name FROM lore_name_grams WHERE scope = ? AND gram = ? LIMIT ?) AS k{i}"  # noqa: E501
# The same probes on PostgreSQL, as arrays: one text for any number of keys (prepared once per
# connection, where a UNION ALL of each count was prepared and planned anew).
_PROBES = (
    "SELECT p.n AS word, k.name FROM unnest(?::integer[], ?::text[]) AS p(n, gram)"
    " CROSS JOIN LATERAL (SELECT name FROM lore_name_grams WHERE scope = ? AND gram = p.gram LIMIT ?) AS k"
)


async def _near(conn: Reads, scope: int, words: Sequence[Sequence[str]], best: int) -> list[NameRow]:
    """The `best` names holding the most typed words (or words a letter off them): a word few
    names hold counts 1, a common one COMMON_WEIGHT. Each key is one capped index range, all of
    them one statement; then the chosen names by id."""
    probes = [(at, key) for at, keys in enumerate(words) for key in keys]
    if conn.dialect.postgres:
        hits = await conn.fetch_all(
            _PROBES, (list(range(len(probes))), [k for _at, k in probes], scope, RARE)
        )
    else:
        hits = await conn.fetch_all(
            " UNION ALL ".join(_PROBE.format(i=i) for i in range(len(probes))),
            [v for n, (_at, key) in enumerate(probes) for v in (n, scope, key, RARE)],
        )
    by_probe: dict[int, list[int]] = {}
    for row in hits:
        by_probe.setdefault(int(row[0]), []).append(int(row[1]))
    # each typed word counts once per name, by its best key: the word itself over a letter
    # dropped (which also reaches words two letters off), a key few names hold over a common one
    best_of_word: dict[tuple[int, int], float] = {}
    for n, names in by_probe.items():
        at, key = probes[n]
        weight = (1.0 if key == words[at][0] else DROPPED_WEIGHT) * (
            1.0 if len(names) < RARE else COMMON_WEIGHT
        )
        for name in names:
            if weight > best_of_word.get((at, name), 0.0):
                best_of_word[(at, name)] = weight
    shared: dict[int, float] = {}
    for (_at, name), weight in best_of_word.items():
        shared[name] = shared.get(name, 0.0) + weight
    if max(shared.values(), default=0.0) < 1.0 and len(words) > 1:
        # every word is common ("treaty", "mekto"): the names holding two of them, whole
        for name in await _holding_both(conn, scope, words, lambda at: _all_read(probes, by_probe, at)):
            shared[name] = shared.get(name, 0.0) + 1.0
    chosen = sorted(shared, key=lambda name: (-shared[name], name))[:best]
    if not chosen:
        return []
    among, values = conn.dialect.among("id", chosen)
    return _rows(await conn.fetch_all(f"SELECT name, title, entry FROM lore_names WHERE {among}", values))


def _all_read(probes: Sequence[tuple[int, str]], by_probe: dict[int, list[int]], at: int) -> set[int] | None:
    """Every name holding the typed word `at` (or a word a letter off it), if its probes read them
    all (none reached its cap); None if they did not."""
    names: set[int] = set()
    for n, (word, _key) in enumerate(probes):
        if word == at:
            if len(found := by_probe.get(n, [])) >= RARE:
                return None
            names.update(found)
    return names


async def _holding_both(
    conn: Reads, scope: int, words: Sequence[Sequence[str]], all_read: Callable[[int], set[int] | None]
) -> list[int]:
    """The names holding the two longest typed words (or words a letter off them), read whole:
    where each word alone is too common to tell names apart. A word whose names the probes read
    whole (`all_read`; the longest is often the words typed together, which no name holds) leaves
    only those names to check: none, or those holding the other word."""
    first_at, second_at = sorted(range(len(words)), key=lambda at: -len(words[at][0]))[:2]
    read = {first_at: all_read(first_at), second_at: all_read(second_at)}
    few = [(at, side) for at, side in read.items() if side is not None and len(side) <= BOTH]
    if few:
        at, side = min(few, key=lambda pair: len(pair[1]))
        if not side or None not in read.values():  # none, or both words' names known
            return list(side.intersection(*(s for s in read.values() if s is not None)))
        keys = words[second_at if at == first_at else first_at]
        held, grams = conn.dialect.among("gram", keys)
        among, ids = conn.dialect.among("name", sorted(side))
        found = await conn.fetch_all(
            f"SELECT DISTINCT name FROM lore_name_grams WHERE scope = ? AND {held} AND {among}",
            (scope, *grams, *ids),
        )
        return [int(row[0]) for row in found]
    first, second = words[first_at], words[second_at]
    (one, ones), (other, others) = (conn.dialect.among("gram", keys) for keys in (first, second))
    rows = await conn.fetch_all(
        f"SELECT name FROM lore_name_grams WHERE scope = ? AND {one}"
        f" INTERSECT SELECT name FROM lore_name_grams WHERE scope = ? AND {other} LIMIT ?",
        (scope, *ones, scope, *others, BOTH),
    )
    return [int(row[0]) for row in rows]
