"""Many entries of one server written in one transaction (`khitomer import-wiki`): the rows
bot/storage/lore.py's add and update write entry by entry, and nothing else — the entry, its
postings, term counts and words (bot/storage/lore_index.py), its names and their keys
(lore_names.py), its timeline rows (lore_timeline.py), the server's size — each table's rows in
one statement, and one notice for the server.

What the server already holds of the batch's titles and names is read inside the same
transaction and handed to a plan (the service's rules for names and links: it may not read or
write anything itself), so what it decides still holds when it is written. Keys of the entries
a batch adds are only known once written: a plan names them `new_key(n)` (the n-th new entry of
its writes), in links as well, and they are replaced with the real keys before anything is stored.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from ..domain.lore_facts import Facts
from . import lore_floors, lore_index
from .backend import LORE_NOTICE, Conn, Database
from .lore import Draft, _columns, _facts_json, server_id_of, server_key
from .lore_batch_rows import Posting, index_rows, write_timeline
from .lore_index import POSTINGS_INSERT, WORDS_INSERT, Analysed, impacts_json, impacts_of
from .lore_names import NameRow

T = TypeVar("T")
CHUNK = 500  # values bound in one statement on SQLite (it allows 32,766)
_NEW = "\x00new:"  # no key starts with a NUL
# SQLite's page cache of the importing connection, at most (it fills only as pages are read): at
# 100,000 entries a batch touches tens of thousands of the postings' B-tree pages, which the
# default 2 MB read again and spilled to the WAL as the batch went on (0.3 ms a page of SQLite's
# CPU, inserting the postings 1.5 ms a page instead of 1.0). The connection keeps it:
# batches come one after another, and `khitomer import-wiki` closes the database when done.
IMPORT_CACHE_KIB = 512 * 1024
ENTRY_INSERT = (
    "INSERT INTO lore_entries (id, guild_id, title, kind, aliases, year_start, year_end, factions,"
    " summary, body, author_id, created_at, updated_at, related, facts, postings)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
ENTRY_UPDATE = (  # bot/storage/lore.py's update and lore_index's postings, row for row
    "UPDATE lore_entries SET title = ?, kind = ?, aliases = ?, year_start = ?, year_end = ?,"
    " factions = ?, summary = ?, body = ?, updated_at = ?, related = coalesce(?, related),"
    " facts = coalesce(?, facts), postings = ? WHERE id = ? AND guild_id = ?"
)
TERMS_COUNT = (
    "INSERT INTO lore_terms (scope, term, entries) VALUES (?, ?, ?)"
    " ON CONFLICT (scope, term) DO UPDATE SET entries = lore_terms.entries + excluded.entries"
)
TERMS_TAKE = "UPDATE lore_terms SET entries = entries - ? WHERE scope = ? AND term = ?"
POSTING_DELETE = "DELETE FROM lore_postings WHERE scope = ? AND term = ? AND impact = ? AND entry = ?"
NAMES_INSERT = "INSERT INTO lore_names (id, scope, name, title, entry) VALUES (?, ?, ?, ?, ?)"
GRAMS_INSERT = (
    "INSERT INTO lore_name_grams (scope, gram, length, name) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
)


def new_key(number: int) -> str:
    """The key a plan gives the `number`-th new entry of its writes (0 first), until it is stored."""
    return f"{_NEW}{number}"


@dataclass(frozen=True, slots=True)
class Found:
    """What the server holds of a batch, read in the batch's transaction."""

    titled: dict[str, str]  # a title asked for -> the key of the server's entry of that title, in any case
    named: list[NameRow]  # the server's names among those asked for (normalised)


@dataclass(frozen=True, slots=True)
class Write:
    """One entry written: a new one (`key` None) or an update of the server's entry `key`.
    `analysed` is bot.services.lore.analysed of the entry as stored."""

    draft: Draft
    analysed: Analysed
    key: str | None = None
    stored: str | None = None  # lore_index.impacts_json of its impacts, when made beforehand


async def write_batch(
    db: Database,
    guild_id: int,
    author_id: int,
    titles: Sequence[str],
    names: Sequence[str],
    plan: Callable[[Found], list[Write]],
) -> list[str]:
    """In one transaction: read which of `titles` the server has (as key_titled does) and its
    entries named any of `names` (normalised), let `plan` decide the writes, and write them.
    The keys written, in the plan's order."""

    # db.transaction: on SQLite, aiosqlite's own thread runs it (megabytes of rows, off the loop)
    async with db.transaction(guild=guild_id) as conn:
        if not conn.dialect.postgres:  # PostgreSQL's cache is the server's shared buffers
            await conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
        found = Found(await _titled(conn, guild_id, titles), await _named(conn, guild_id, names))
        writes = plan(found)
        if not writes:
            return []
        keys = await _write(conn, guild_id, author_id, writes)
        await db.notify(conn, LORE_NOTICE, guild_id)  # the server's lore changed (many entries)
        return keys


# -- reads -----------------------------------------------------------------------------------


def _chunks(values: Sequence[T]) -> Iterable[Sequence[T]]:
    return (values[at : at + CHUNK] for at in range(0, len(values), CHUNK))


async def _titled(conn: Conn, guild_id: int, titles: Sequence[str]) -> dict[str, str]:
    """Each of `titles` the server has an entry of, in any case (its unique index), -> its key."""
    found: dict[str, str] = {}
    for part in _chunks(list(dict.fromkeys(titles))):
        if conn.dialect.postgres:
            rows = await conn.fetch_all(
                "SELECT w.t AS wanted, e.id FROM unnest(?::text[]) AS w(t)"
                " JOIN lore_entries AS e ON e.guild_id = ? AND lower(e.title) = lower(w.t)",
                (list(part), guild_id),
            )
        else:
            rows = await conn.fetch_all(
                f"WITH w(t) AS (VALUES {', '.join(['(?)'] * len(part))}) SELECT w.t AS wanted, e.id"
                " FROM w JOIN lore_entries AS e ON e.guild_id = ? AND e.title = w.t COLLATE NOCASE",
                (*part, guild_id),
            )
        found.update((row["wanted"], server_key(int(row["id"]))) for row in rows)
    return found


async def _named(conn: Conn, guild_id: int, names: Sequence[str]) -> list[NameRow]:
    """The server's names among `names` (normalised), as lore_names.lookup reads them exactly."""
    found: list[NameRow] = []
    for part in _chunks([n for n in dict.fromkeys(names) if n]):
        where, values = _among(conn, "name", part)
        rows = await conn.fetch_all(
            f"SELECT name, title, entry FROM lore_names WHERE scope = ? AND {where}", (guild_id, *values)
        )
        found += [NameRow(row["name"], row["title"], row["entry"]) for row in rows]
    return found


def _among(conn: Conn, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """`column` is one of `values` (at most CHUNK of them), as SQL and its parameters."""
    if conn.dialect.postgres:
        return f"{column} = ANY(?)", [list(values)]
    return f"{column} IN ({', '.join('?' * len(values))})", list(values)


# -- writes ----------------------------------------------------------------------------------


async def _write(conn: Conn, guild_id: int, author_id: int, writes: list[Write]) -> list[str]:
    """Every write of the batch; the keys written, in order."""
    now = datetime.now(UTC).isoformat()
    fresh = await _reserve(conn, "lore_entries", sum(w.key is None for w in writes))
    real = {new_key(n): server_key(entry_id) for n, entry_id in enumerate(fresh)}
    numbers = itertools.count()
    keys = [w.key or real[new_key(next(numbers))] for w in writes]
    drafts = [_keyed(w.draft, real) for w in writes]
    updated = [(d, k) for w, d, k in zip(writes, drafts, keys, strict=True) if w.key is not None]
    added = [(d, k) for w, d, k in zip(writes, drafts, keys, strict=True) if w.key is None]
    held = await _remove(conn, [k for _d, k in updated])
    analyses = [(k, w.analysed) for w, k in zip(writes, keys, strict=True)]
    postings = {k: w.stored or impacts_json(w.analysed.impacts) for w, k in zip(writes, keys, strict=True)}
    await conn.executemany(
        ENTRY_UPDATE,
        (
            (*_columns(d), now, None if d.related is None else _json(d.related),
             None if d.facts is None else _facts_json(d.facts), postings[k], server_id_of(k), guild_id)
            for d, k in updated
        ),
    )  # fmt: skip
    await conn.executemany(
        ENTRY_INSERT,
        (
            (server_id_of(k), guild_id, *_columns(d), author_id, now, now, _json(d.related or ()),
             _facts_json(d.facts or Facts()), postings[k])
            for d, k in added
        ),
    )  # fmt: skip
    named = await _reserve(conn, "lore_names", sum(len(dict.fromkeys(found.names)) for _k, found in analyses))
    rows = await asyncio.to_thread(index_rows, guild_id, analyses, held, named)  # 100,000s of rows
    await conn.executemany(POSTING_DELETE, rows.gone)
    # a term many entries hold keeps only its best postings (bot/storage/lore_floors.py)
    floors = await lore_floors.raise_floors(conn, guild_id, {term for _s, term, _i, _k in rows.postings})
    kept = await asyncio.to_thread(_kept, rows.postings, floors) if floors else rows.postings
    await _many(conn, POSTINGS_INSERT, kept, "bigint text float8 text")
    await lore_floors.refill(conn, guild_id, {term for _s, term, _i, _k in rows.gone})
    await conn.executemany(TERMS_TAKE, rows.taken)
    await _many(conn, TERMS_COUNT, rows.counted, "bigint text integer")
    await _many(conn, WORDS_INSERT, rows.words, "bigint text integer text")
    await _many(conn, NAMES_INSERT, rows.names, "bigint bigint text text text")
    await _many(conn, GRAMS_INSERT, rows.grams, "bigint text integer bigint")
    await write_timeline(conn, guild_id, list(zip(drafts, keys, strict=True)))
    if added:
        await lore_index.count_entry(conn, guild_id, len(added))
    return keys


def _kept(postings: list[Posting], floors: dict[str, float]) -> list[Posting]:
    """The postings at or above their terms' floors (100,000s of rows: in a thread)."""
    return [row for row in postings if row[2] >= floors.get(row[1], 0.0)]


def _keyed(draft: Draft, real: dict[str, str]) -> Draft:
    if not draft.related or not any(key.startswith(_NEW) for key in draft.related):
        return draft
    return replace(draft, related=tuple(real.get(key, key) for key in draft.related))


_VALUES = re.compile(r"VALUES \(\?(?:, \?)*\)")


async def _many(conn: Conn, sql: str, rows: Iterable[Sequence[Any]], types: str) -> None:
    """conn.executemany(sql, rows); on PostgreSQL, the INSERT as one statement over arrays of its
    columns (of `types`), one round trip instead of one a row."""
    if not conn.dialect.postgres:
        await conn.executemany(sql, rows)
    elif columns := [list(column) for column in zip(*rows, strict=True)]:
        arrays = ", ".join(f"?::{kind}[]" for kind in types.split())
        await conn.execute(_VALUES.sub(f"SELECT * FROM unnest({arrays})", sql), columns)


def _json(values: Iterable[str]) -> str:
    return json.dumps(list(values))


async def _reserve(conn: Conn, table: str, count: int) -> list[int]:
    """The ids the next `count` rows of `table` would be given, in order, taken for explicit use."""
    if count == 0:
        return []
    if conn.dialect.postgres:
        rows = await conn.fetch_all(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) AS id"
            " FROM generate_series(1, ?) ORDER BY 1",
            (count,),
        )
        return [int(row["id"]) for row in rows]
    # SQLite gives a new row max(rowid) + 1 (no AUTOINCREMENT); the transaction holds the lock
    row = await conn.fetch_one(f"SELECT coalesce(max(id), 0) FROM {table}")
    first = int(row[0]) + 1 if row else 1
    return list(range(first, first + count))


async def _remove(conn: Conn, keys: list[str]) -> set[Posting]:
    """What lore_index.remove_entry and lore_timeline.remove do to each entry of `keys` but its
    postings, which are returned: index_rows changes only those that change."""
    held: set[Posting] = set()
    for part in _chunks(keys):
        where, values = _among(conn, "id", [server_id_of(key) for key in part])
        rows = await conn.fetch_all(f"SELECT id, guild_id, postings FROM lore_entries WHERE {where}", values)
        for row in rows:
            key = server_key(int(row[0]))
            held.update((int(row[1]), t, i, key) for t, i in impacts_of(row[2]).items())
        where, values = _among(conn, "entry", part)
        await conn.execute(
            f"DELETE FROM lore_name_grams WHERE name IN (SELECT id FROM lore_names WHERE {where})", values
        )
        await conn.execute(f"DELETE FROM lore_names WHERE {where}", values)
        where, values = _among(conn, "entry_id", [server_id_of(key) for key in part])
        await conn.execute(f"DELETE FROM lore_timeline WHERE {where}", values)
    return held
