"""A server's lore in timeline order (table lore_timeline, migration 0017): a page at a time.

Each entry has a row under faction '' (the whole timeline) if it is dated and not a source, and
one under each faction it is filed under, written in the transaction that writes the entry
(bot/storage/lore.py). A page is one index range read with LIMIT after a place (keyset paging);
an entry's body is never read. The order is (first year, last year, title, id), titles by code
point (SQLite's BINARY; COLLATE "C" on PostgreSQL), as Python compares them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.lore import Kind, LoreEntry, Years
from ..domain.treaties import Source, SourceTier
from . import lore
from .backend import Conn, Database

EVERY = ""  # the faction of the whole timeline's rows
INSERT = (
    "INSERT INTO lore_timeline (entry_id, guild_id, faction, year_first, year_last, span, title)"
    " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
)
# What the timeline shows of an entry: no body, aliases, links or facts (a test checks the rest is
# what bot/storage/lore.py reads).
SHOWN = "e.id, e.guild_id, e.title, e.kind, e.year_start, e.year_end, e.factions, e.summary"
SOURCES = (Source("Written by this server's moderators", SourceTier.SERVER),)
# A server's factions, one index lookup each (a loose index scan: neither database skips
# through an index by itself for DISTINCT).
FACTIONS = (
    "WITH RECURSIVE named (faction) AS ("
    " SELECT min(faction) FROM lore_timeline WHERE guild_id = ? AND faction > ''"
    " UNION ALL"
    " SELECT (SELECT min(t.faction) FROM lore_timeline AS t"
    " WHERE t.guild_id = ? AND t.faction > named.faction)"
    " FROM named WHERE named.faction IS NOT NULL"
    ") SELECT faction FROM named WHERE faction IS NOT NULL"
)


@dataclass(frozen=True, slots=True)
class Place:
    """A position in a server's timeline: just after (or, going back, just before) an entry with
    these years and title; `entry_id` 0 places it before every server entry of that title. A
    title of None is read from the entry `entry_id` (its years are kept in case it is gone)."""

    first: int
    last: int
    title: str | None
    entry_id: int = 0


def years_of(entry: LoreEntry) -> tuple[int, int] | None:
    """(first year, last year) of an entry on the timeline; None for an undated one or a source."""
    start, end = entry.years.start, entry.years.end
    first = start if start is not None else end
    last = end if end is not None else start
    if entry.kind is Kind.SOURCE or first is None or last is None:
        return None
    return first, last


async def write(conn: Conn, entry: LoreEntry, *, fresh: bool = False) -> None:
    """A server entry's rows afresh (`fresh`: it is new, there is nothing to remove first)."""
    entry_id = lore.server_id_of(entry.key)
    if entry_id is None or entry.guild_id is None:
        raise ValueError(f"{entry.key!r} is not a server's entry")
    if not fresh:
        await remove(conn, entry_id)
    years = years_of(entry)
    first, last, span = (years[0], years[1], years[1] - years[0]) if years else (None, None, None)
    factions = [f for f in dict.fromkeys(entry.factions) if f]
    rows = [(entry_id, entry.guild_id, f, first, last, span, entry.title) for f in factions]
    if years is not None:
        rows.append((entry_id, entry.guild_id, EVERY, first, last, span, entry.title))
    await conn.executemany(INSERT, rows)


async def remove(conn: Conn, entry_id: int) -> None:
    await conn.execute("DELETE FROM lore_timeline WHERE entry_id = ?", (entry_id,))


async def factions_in(db: Database, guild_id: int) -> list[str]:
    """Every faction a server's entries are filed under, as they file it, in code point order."""
    rows = await db.read_now(lambda conn: conn.fetch_all(FACTIONS, (guild_id, guild_id)))
    return [row[0] for row in rows]


async def page(
    db: Database,
    guild_id: int,
    factions: Sequence[str] | None,
    low: int | None,
    high: int | None,
    after: Place | None = None,
    *,
    backwards: bool = False,
    limit: int,
) -> tuple[list[LoreEntry], Place | None]:
    """Up to `limit` dated entries of a server overlapping [low, high], filed under one of
    `factions` (None: any), in timeline order from just after `after` (`backwards`: the ones just
    before it, nearest first), and `after` with its title. Each faction's rows are one index
    range read with LIMIT."""
    if factions is not None and not factions:
        return [], after
    names = [EVERY] if factions is None else list(dict.fromkeys(factions))

    async def work(conn: Conn) -> tuple[list[LoreEntry], Place | None]:
        placed = place = await _placed(conn, guild_id, after) if after is not None else None
        start = None if low is None else low - await _longest(conn, guild_id, names)
        parts: list[str] = []
        params: list[object] = []
        for name in names:
            sql, values = _range(guild_id, name, start, low, high, place, backwards, limit)
            parts.append(f"SELECT * FROM ({sql}) AS p{len(parts)}")
            params += values
        rows = await conn.fetch_all(
            f"SELECT {SHOWN} FROM ({' UNION ALL '.join(parts)}) AS t"
            f" JOIN lore_entries AS e ON e.id = t.entry_id ORDER BY {_order('t.', backwards)} LIMIT ?",
            (*params, limit * len(names)),
        )
        entries, seen = [], set()
        for row in rows:  # an entry filed under two names of one faction comes twice
            if row["id"] not in seen:
                seen.add(row["id"])
                entries.append(_shown(row))
        return entries[:limit], placed

    return await db.read_now(work)


def _shown(row: Any) -> LoreEntry:
    return LoreEntry(
        key=lore.server_key(int(row["id"])),
        title=row["title"],
        kind=Kind(row["kind"]),
        summary=row["summary"],
        body="",
        sources=SOURCES,
        years=Years(row["year_start"], row["year_end"]),
        factions=tuple(json.loads(row["factions"])),
        guild_id=int(row["guild_id"]),
    )


async def _placed(conn: Conn, guild_id: int, place: Place) -> Place:
    """`place` with its title, read from its entry if it has none (an entry since removed or
    undated keeps its years and is placed before every title of them)."""
    if place.title is not None:
        return place
    row = await conn.fetch_one(
        "SELECT title FROM lore_timeline WHERE entry_id = ? AND faction = ? AND guild_id = ?",
        (place.entry_id, EVERY, guild_id),
    )
    return Place(place.first, place.last, str(row[0]) if row else "", place.entry_id if row else 0)


async def _longest(conn: Conn, guild_id: int, names: Sequence[str]) -> int:
    """The longest span among these factions' rows: how far before `low` a row reaching it may
    start (one index lookup per faction)."""
    one = "SELECT max(span) AS m FROM lore_timeline WHERE guild_id = ? AND faction = ?"
    row = await conn.fetch_one(
        f"SELECT max(m) FROM ({' UNION ALL '.join([one] * len(names))}) AS spans",
        [v for name in names for v in (guild_id, name)],
    )
    return max(0, int(row[0])) if row and row[0] is not None else 0


def _range(
    guild_id: int,
    faction: str,
    start: int | None,
    low: int | None,
    high: int | None,
    after: Place | None,
    backwards: bool,
    limit: int,
) -> tuple[str, list[object]]:
    """One faction's rows as one index range: from `after` on (or back), starting no earlier than
    `start`, the first year a row reaching `low` can have, and no later than `high`. Each end of
    the range gets one bound, the tighter: given two, SQLite may seek by the looser one."""
    Bound = tuple[str, list[object]]
    lower: Bound = ("year_first IS NOT NULL", []) if start is None else ("year_first >= ?", [start])
    upper: Bound | None = None if high is None else ("year_first <= ?", [high])
    if after is not None:  # otherwise every row within the bounds lies beyond it anyway
        keyset: Bound = (
            f"(year_first, year_last, title, entry_id) {'<' if backwards else '>'} (?, ?, ?, ?)",
            [after.first, after.last, after.title, after.entry_id],
        )
        if not backwards and (start is None or after.first >= start):
            lower = keyset
        elif backwards and (high is None or after.first <= high):
            upper = keyset
    where = ["guild_id = ? AND faction = ?", lower[0]]
    params: list[object] = [guild_id, faction, *lower[1]]
    if upper is not None:
        where.append(upper[0])
        params += upper[1]
    if low is not None:
        where.append("year_last >= ?")
        params.append(low)
    sql = (
        "SELECT entry_id, year_first, year_last, title FROM lore_timeline"
        f" WHERE {' AND '.join(where)} ORDER BY {_order('', backwards)} LIMIT ?"
    )
    return sql, [*params, limit]


def _order(prefix: str, backwards: bool) -> str:
    way = " DESC" if backwards else ""
    return ", ".join(f"{prefix}{c}{way}" for c in ("year_first", "year_last", "title", "entry_id"))
