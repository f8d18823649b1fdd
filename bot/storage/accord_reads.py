"""Reading a server's accords by key, by name and a page at a time (the rows of migration 0016).

Nothing here reads every accord of a server: a name is an index lookup (exact, a prefix, or the
few names beside it in spelling order, forwards and backwards, for a near spelling), a quote
reads its accord's head and the articles it shows, a list reads one page after a key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..domain.treaties import Article, HistoryEvent, Party, Treaty
from .accords import NewAccord, accord_key, as_treaty
from .backend import Conn, Database

HEAD = (
    "a.id, a.guild_id, a.game_id, a.name, a.aliases, a.summary, a.year, a.date_text, a.place, a.status,"
    " a.parties, a.history"
)
# An accord's articles are numbered 1 … n: its last number is how many it has (one index seek).
COUNT = "(SELECT number FROM accord_articles WHERE accord_id = a.id ORDER BY number DESC LIMIT 1)"
LAST = "\U0010ffff"  # after every character: a prefix's range ends before prefix + LAST


def head(row: Any, articles: Iterable[Article] = ()) -> Treaty:
    """An accord from its head columns (HEAD), carrying the articles given."""
    accord = NewAccord(
        guild_id=int(row["guild_id"]),
        name=row["name"],
        summary=row["summary"],
        date_text=row["date_text"],
        place=row["place"],
        parties=tuple(Party(p["name"], tuple(p["signed_by"])) for p in json.loads(row["parties"])),
        articles=tuple(articles),
        year=row["year"],
        aliases=tuple(json.loads(row["aliases"])),
        game_id=row["game_id"],
    )
    history = [HistoryEvent(e["year"], e["kind"], e["text"]) for e in json.loads(row["history"])]
    return as_treaty(int(row["id"]), accord, history, row["status"])


LIGHT = "a.id, a.guild_id, a.name, a.aliases, a.year, a.status"


def light(row: Any) -> Treaty:
    """An accord by its names only (LIGHT): what finding it by name and autocomplete read."""
    return Treaty(
        key=accord_key(int(row["id"])),
        name=row["name"],
        summary="",
        year=row["year"],
        date_text="",
        place="",
        parties=(),
        articles=(),
        aliases=tuple(json.loads(row["aliases"])),
        guild_id=int(row["guild_id"]),
        status=row["status"],
    )


def _window(alias: str, where: str, order: str, limit: int) -> str:
    return (
        f"SELECT accord_id FROM (SELECT accord_id FROM accord_names WHERE guild_id = ? AND {where}"
        f" ORDER BY {order} LIMIT {int(limit)}) AS {alias}"
    )


async def candidates(
    db: Database,
    guild_id: int,
    names: Sequence[str],
    *,
    prefix: int = 8,
    shortest: int = 3,
    tails: int = 0,
    near: int = 0,
    first: int = 0,
) -> list[Treaty]:
    """The accords a player may mean by each of `names` (normalised), oldest first, in one query:
    every accord of that exact name; `prefix` names starting with it (at least `shortest`
    letters); `tails` whose later words start with it; the `near` names either side of it in
    spelling order and in reversed spelling order (a typo leaves the start or the end intact);
    and the server's `first` accords. Only their names are read (LIGHT), not their articles."""
    parts: list[str] = []
    params: list[Any] = []
    for n, wanted in enumerate(dict.fromkeys(w for w in names if w)):
        parts.append("SELECT accord_id FROM accord_names WHERE guild_id = ? AND whole = 1 AND name = ?")
        params += [guild_id, wanted]
        windows = []
        if prefix and len(wanted) >= shortest:
            windows.append(("whole = 1 AND name >= ? AND name < ?", "name", prefix, [wanted, wanted + LAST]))
        if tails:
            windows.append(("whole = 0 AND name >= ? AND name < ?", "name", tails, [wanted, wanted + LAST]))
        if near:
            back = wanted[::-1]
            windows += [
                ("whole = 1 AND name >= ?", "name", near, [wanted]),
                ("whole = 1 AND name < ?", "name DESC", near, [wanted]),
                ("reversed IS NOT NULL AND reversed >= ?", "reversed", near, [back]),
                ("reversed IS NOT NULL AND reversed < ?", "reversed DESC", near, [back]),
            ]
        for i, (where, order, limit, values) in enumerate(windows):
            parts.append(_window(f"w{n}_{i}", where, order, limit))
            params += [guild_id, *values]
    if first:
        parts.append(
            f"SELECT id FROM (SELECT id FROM accords WHERE guild_id = ? ORDER BY id LIMIT {int(first)}) AS f"
        )
        params.append(guild_id)
    if not parts:
        return []
    found = " UNION ALL ".join(parts)
    sql = f"SELECT {LIGHT} FROM accords AS a WHERE a.guild_id = ? AND a.id IN ({found}) ORDER BY a.id"
    return [light(row) for row in await db.read_now(lambda conn: conn.fetch_all(sql, (guild_id, *params)))]


async def quoted(db: Database, guild_id: int, accord_id: int, numbers: Sequence[int] | None) -> Treaty | None:
    """An accord carrying the articles `numbers` that exist (None: all of them), in one query;
    None if this server has no such accord."""
    if numbers is None:
        chosen = ""
    else:
        chosen = f" AND t.number IN ({', '.join('?' * len(numbers))})" if numbers else " AND 1 = 0"
    sql = (
        f"SELECT {HEAD}, t.number, t.title, t.text FROM accords AS a"
        f" LEFT JOIN accord_articles AS t ON t.accord_id = a.id{chosen}"
        " WHERE a.id = ? AND a.guild_id = ? ORDER BY t.number"
    )
    params = (*(numbers or ()), accord_id, guild_id)
    rows = await db.read_now(lambda conn: conn.fetch_all(sql, params))
    if not rows:
        return None
    found = [Article(int(r["number"]), r["title"], r["text"]) for r in rows if r["number"] is not None]
    return head(rows[0], found)


async def outline(db: Database, guild_id: int, accord_id: int) -> Treaty | None:
    """An accord with its articles' numbers and titles (their texts are not read)."""

    async def work(conn: Conn) -> Treaty | None:
        row = await conn.fetch_one(
            f"SELECT {HEAD} FROM accords AS a WHERE a.id = ? AND a.guild_id = ?", (accord_id, guild_id)
        )
        if row is None:
            return None
        titles = await conn.fetch_all(
            "SELECT number, title FROM accord_articles WHERE accord_id = ? ORDER BY number", (accord_id,)
        )
        return head(row, (Article(int(t["number"]), t["title"], "") for t in titles))

    return await db.read_now(work)


async def whole_named(db: Database, guild_id: int, names: Sequence[str]) -> list[Treaty]:
    """The accords (with every article) called exactly one of `names` (normalised), oldest first."""
    if not names:
        return []
    marks = ", ".join("?" * len(names))

    async def work(conn: Conn) -> list[Treaty]:
        heads = await conn.fetch_all(
            f"SELECT {HEAD} FROM accords AS a WHERE a.guild_id = ? AND a.id IN (SELECT accord_id FROM"
            f" accord_names WHERE guild_id = ? AND whole = 1 AND name IN ({marks})) ORDER BY a.id",
            (guild_id, guild_id, *names),
        )
        if not heads:
            return []
        ids = [int(row["id"]) for row in heads]
        articles: dict[int, list[Article]] = {i: [] for i in ids}
        for row in await conn.fetch_all(
            "SELECT accord_id, number, title, text FROM accord_articles"
            f" WHERE accord_id IN ({', '.join('?' * len(ids))}) ORDER BY accord_id, number",
            ids,
        ):
            articles[int(row["accord_id"])].append(Article(int(row["number"]), row["title"], row["text"]))
        return [head(row, articles[int(row["id"])]) for row in heads]

    return await db.read_now(work)


async def articles_at(
    db: Database, guild_id: int, wanted: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], tuple[Treaty, Article]]:
    """(accord, number) -> the accord (without its other articles) and that article."""
    if not wanted:
        return {}
    pairs = " OR ".join("(t.accord_id = ? AND t.number = ?)" for _ in wanted)
    sql = (
        f"SELECT {HEAD}, t.number, t.title, t.text FROM accord_articles AS t JOIN accords AS a"
        f" ON a.id = t.accord_id WHERE a.guild_id = ? AND ({pairs})"
    )
    rows = await db.read_now(lambda conn: conn.fetch_all(sql, (guild_id, *(v for p in wanted for v in p))))
    found = {}
    for row in rows:
        article = Article(int(row["number"]), row["title"], row["text"])
        found[(int(row["id"]), article.number)] = (head(row), article)
    return found


async def listed(
    db: Database, guild_id: int, *, after: int | None = None, before: int | None = None, limit: int
) -> list[tuple[Treaty, int]]:
    """A page of a server's accords, oldest first, each with how many articles it has: the
    `limit` after the accord `after`, or the `limit` before the accord `before`."""
    if before is not None:
        where, order, key = "a.id < ?", "a.id DESC", before
    else:
        where, order, key = "a.id > ?", "a.id", after or 0
    sql = (
        f"SELECT {HEAD}, {COUNT} AS articles FROM accords AS a WHERE a.guild_id = ? AND {where}"
        f" ORDER BY {order} LIMIT ?"
    )
    rows = await db.read_now(lambda conn: conn.fetch_all(sql, (guild_id, key, int(limit))))
    found = [(head(row), int(row["articles"] or 0)) for row in rows]
    return found[::-1] if before is not None else found


async def for_map(
    db: Database, guild_id: int, year: int | None, power: str | None, limit: int
) -> list[Treaty]:
    """The latest `limit` accords the map shows (no articles): ratified last, or with `year`
    the latest dated up to it; with `power`, only those binding it. Each reads one index range."""
    params: list[Any] = [guild_id]
    if power is None:
        source, dated, order = "accords AS a WHERE a.guild_id = ?", "a.year", "a.id"
    else:
        source = (
            "accord_parties AS p JOIN accords AS a ON a.id = p.accord_id WHERE p.guild_id = ? AND p.power = ?"
        )
        params.append(power)
        dated, order = "p.year", "p.accord_id"
    if year is not None:
        source += f" AND {dated} <= ?"
        params.append(year)
        order = f"{dated} DESC, {order} DESC"
    else:
        order += " DESC"
    sql = f"SELECT {HEAD} FROM {source} ORDER BY {order} LIMIT ?"
    return [head(row) for row in await db.read_now(lambda conn: conn.fetch_all(sql, (*params, int(limit))))]
