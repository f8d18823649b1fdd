"""A server's lore names (titles and aliases, normalised) and their keys (bot/domain/name_grams.py:
each word, and each word with a letter dropped), kept with the entry in the transaction that
writes it (bot/storage/lore_index.py), so a lookup is a few index ranges whatever the server's
size: exact, by prefix, or near a misspelling through the keys it shares with a name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.name_grams import name_keys
from .backend import Conn, Database

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
    """The names of `scope` that `wanted` asks for, read in one snapshot (on SQLite at once on
    the loop's connection: a few index ranges cost less than a hop to a thread)."""
    return await db.read_now(lambda conn: _lookup(conn, scope, wanted))


async def _lookup(conn: Conn, scope: int, wanted: Wanted) -> list[NameRow]:
    found: list[NameRow] = []
    if names := list(dict.fromkeys(n for n in wanted.exact if n)):
        marks = ", ".join("?" * len(names))
        found += _rows(
            await conn.fetch_all(
                f"SELECT name, title, entry FROM lore_names WHERE scope = ? AND name IN ({marks})",
                (scope, *names),
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


async def _near(conn: Conn, scope: int, words: Sequence[Sequence[str]], best: int) -> list[NameRow]:
    """The `best` names holding the most typed words (or words a letter off them): a word few
    names hold counts 1, a common one COMMON_WEIGHT. Each key is one capped index range, all of
    them one statement; then the chosen names by id."""
    probes = [(at, key) for at, keys in enumerate(words) for key in keys]
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
        for name in await _holding_both(conn, scope, words):
            shared[name] = shared.get(name, 0.0) + 1.0
    chosen = sorted(shared, key=lambda name: (-shared[name], name))[:best]
    if not chosen:
        return []
    marks = ", ".join("?" * len(chosen))
    return _rows(
        await conn.fetch_all(f"SELECT name, title, entry FROM lore_names WHERE id IN ({marks})", chosen)
    )


async def _holding_both(conn: Conn, scope: int, words: Sequence[Sequence[str]]) -> list[int]:
    """The names holding the two longest typed words (or words a letter off them), read whole:
    where each word alone is too common to tell names apart."""
    first, second = sorted(words, key=lambda keys: -len(keys[0]))[:2]
    marks = [", ".join("?" * len(keys)) for keys in (first, second)]
    rows = await conn.fetch_all(
        f"SELECT name FROM lore_name_grams WHERE scope = ? AND gram IN ({marks[0]})"
        f" INTERSECT SELECT name FROM lore_name_grams WHERE scope = ? AND gram IN ({marks[1]})"
        " LIMIT ?",
        (scope, *first, scope, *second, BOTH),
    )
    return [int(row[0]) for row in rows]
