"""A server's lore names (titles and aliases, normalised) and their trigrams, kept with the
entry in the transaction that writes it (bot/storage/lore_index.py), so a lookup is an index
range whatever the server's size: exact, by prefix, or near a misspelling through the rarest
trigrams it shares.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.name_grams import trigrams
from .backend import Conn, Database

RARE = 250  # a trigram held by fewer names than this is read whole; a commoner one barely counts
COMMON_WEIGHT = 0.1  # what sharing a common trigram is worth against a rare one
ENOUGH_RARE = 3  # with this many rare trigrams, the common ones are not read at all


@dataclass(frozen=True, slots=True)
class NameRow:
    name: str  # normalised
    title: str
    key: str


async def write(conn: Conn, scope: int, key: str, title: str, names: Iterable[str]) -> None:
    """The entry's names and their trigrams (its old ones removed first)."""
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
            [(scope, gram, len(name), row[0]) for gram in trigrams(name)],
        )


async def remove(conn: Conn, key: str) -> None:
    await conn.execute(
        "DELETE FROM lore_name_grams WHERE name IN (SELECT id FROM lore_names WHERE entry = ?)", (key,)
    )
    await conn.execute("DELETE FROM lore_names WHERE entry = ?", (key,))


@dataclass(frozen=True, slots=True)
class Wanted:
    """What one lookup reads: names typed exactly, names starting with a prefix, and names near
    a misspelling (its trigrams, and the lengths a near name can have)."""

    exact: Sequence[str] = ()
    prefix: str = ""
    prefix_rows: int = 0
    grams: Sequence[str] = ()
    lengths: tuple[int, int] = (1, 1000)
    near: int = 0


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
    if wanted.grams and wanted.near:
        found += await _near(conn, scope, list(wanted.grams), wanted.lengths, wanted.near)
    return found


def _rows(found: Iterable[Any]) -> list[NameRow]:
    return [NameRow(r["name"], r["title"], r["entry"]) for r in found]


_PROBE = (
    "SELECT * FROM (SELECT {what} FROM lore_name_grams"
    " WHERE scope = ? AND gram = ? AND length BETWEEN ? AND ? LIMIT ?) AS g{i}"
)


def _probes(what: str, count: int) -> str:
    """One capped index range per trigram, as one statement (one round trip on PostgreSQL)."""
    return " UNION ALL ".join(_PROBE.format(what=what, i=i) for i in range(count))


async def _near(
    conn: Conn, scope: int, grams: list[str], lengths: tuple[int, int], best: int
) -> list[NameRow]:
    low, high = lengths
    probes = _probes("CAST(? AS TEXT) AS gram", len(grams))
    counted = await conn.fetch_all(
        f"SELECT gram, count(*) FROM ({probes}) AS held GROUP BY gram",
        [v for gram in grams for v in (gram, scope, gram, low, high, RARE)],
    )
    held = {row[0]: int(row[1]) for row in counted}
    probed = [g for g in grams if g in held]
    if not probed:
        return []
    rare = [g for g in probed if held[g] < RARE]
    if len(rare) >= ENOUGH_RARE:  # the name is among these: reading common grams only costs
        probed = rare
    weighted = [(1.0 if held[g] < RARE else COMMON_WEIGHT, g) for g in probed]
    found = await conn.fetch_all(
        "SELECT n.name, n.title, n.entry FROM (SELECT name, sum(weight) AS shared FROM ("
        + _probes("name, CAST(? AS DOUBLE PRECISION) AS weight", len(weighted))
        + ") AS hits GROUP BY name ORDER BY shared DESC, name LIMIT ?) AS top"
        " JOIN lore_names AS n ON n.id = top.name ORDER BY top.shared DESC, n.name",
        [*(v for w, g in weighted for v in (w, scope, g, low, high, RARE)), best],
    )
    return _rows(found)
