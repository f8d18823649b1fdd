"""Server lore rows, written together with their search index (bot/storage/lore_index.py)."""

from __future__ import annotations

import contextlib
import json
import logging
import random
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TypeVar

from ..domain.errors import InvalidInput
from ..domain.inert import quoted
from ..domain.lore import Kind, LoreEntry, Years
from ..domain.lore_facts import Facts, parse_facts
from ..domain.treaties import Source, SourceTier
from . import lore_floors, lore_index, lore_timeline
from .backend import LORE_NOTICE, Conn, Database
from .lore_index import Analysed
from .lore_keys import KEY_PREFIX as KEY_PREFIX  # where the key's callers have always found it
from .lore_keys import server_id_of as server_id_of
from .lore_keys import server_key as server_key

log = logging.getLogger(__name__)
# What an entry is, as read: every column but `postings` (its index rows, kept for lore_index).
ENTRY_COLUMNS = (
    "id, guild_id, title, kind, aliases, year_start, year_end, factions, summary, body, author_id,"
    " created_at, updated_at, related, facts"
)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Draft:
    """What a moderator wrote, already checked by bot.domain.lore."""

    title: str
    kind: Kind
    summary: str
    body: str
    aliases: tuple[str, ...] = ()
    years: Years = field(default_factory=Years)
    factions: tuple[str, ...] = ()
    related: tuple[str, ...] | None = None  # keys of linked entries; None: leave them as they are
    facts: Facts | None = None  # bot.domain.lore_facts; None: leave them as they are


# --- server lore ----------------------------------------------------------------------------


def _entry(row: Any) -> LoreEntry:
    return LoreEntry(
        key=server_key(int(row["id"])),
        title=row["title"],
        kind=Kind(row["kind"]),
        summary=row["summary"],
        body=row["body"],
        sources=(Source("Written by this server's moderators", SourceTier.SERVER),),
        aliases=tuple(json.loads(row["aliases"])),
        years=Years(row["year_start"], row["year_end"]),
        factions=tuple(json.loads(row["factions"])),
        related=tuple(json.loads(row["related"])),
        guild_id=int(row["guild_id"]),
        facts=_facts(row),
    )


@lru_cache(maxsize=1024)
def _clean_facts(text: str) -> Facts:
    """The facts of a stored JSON text that reads cleanly, kept: a question reads ~20 rows,
    most holding the same few texts ("{}"), and Facts is immutable, so one may be shared.
    Raises for any other text (not kept: _facts logs it on every read)."""
    raw = json.loads(text)
    if not isinstance(raw, dict):
        raise ValueError("facts are not a JSON object")
    return parse_facts(raw)


def _facts(row: Any) -> Facts:
    """The stored facts, checked as they are read: one a later release no longer knows (or a
    row edited by hand) is left out rather than making the entry unreadable."""
    with contextlib.suppress(ValueError, InvalidInput):
        return _clean_facts(row["facts"] or "{}")
    try:
        raw = json.loads(row["facts"] or "{}")
    except ValueError:
        raw = None
    if not isinstance(raw, dict):
        log.warning("lore entry %s: facts are not a JSON object; left out", row["id"])
        return Facts()
    try:
        return parse_facts(raw)
    except InvalidInput as error:
        log.warning("lore entry %s: %s; that fact is left out", row["id"], error.message)
    kept: dict[str, Any] = {}
    for name, value in raw.items():
        with contextlib.suppress(InvalidInput):
            kept[name] = parse_facts({name: value}).as_dict()[name]
    return parse_facts(kept)


async def _title_taken(conn: Conn, guild_id: int, title: str, except_id: int | None) -> bool:
    found = await conn.fetch_one(
        f"SELECT 1 FROM lore_entries WHERE guild_id = ? AND {conn.dialect.same_text('title')} AND id <> ?",
        (guild_id, title, except_id or 0),
    )
    return found is not None


Analyse = Callable[[LoreEntry], Analysed]
LOOP_BODY = 4_000  # characters: a body the form can hold is written on the loop's connection, at once
# entries: a server this small is written on the loop's connection too; in a bigger one, a removal
# may put back a term's postings from the rows of every entry holding it (bot/storage/lore_floors.py,
# which decodes more than this many in a thread), and deleting an imported page's thousand index
# rows held the loop 20-90 ms
LOOP_ENTRIES = lore_floors.DECODED_AT_ONCE


async def _written(db: Database, guild_id: int, body: str, work: Callable[[Conn], Awaitable[T]]) -> T:
    """write_now for an entry of the form's size in a server of at most LOOP_ENTRIES entries;
    anything longer or bigger in a transaction whose SQL runs on the database's own thread (an
    imported page: a thousand index rows, 15-60 ms at 100,000 entries)."""
    if len(body) <= LOOP_BODY and (
        db.dialect.postgres  # write_now is a transaction there too: no SQL on the loop's thread
        or await lore_index.entries_of(db, guild_id) <= LOOP_ENTRIES
    ):
        return await db.write_now(work, guild=guild_id)
    async with db.transaction(guild=guild_id) as conn:
        return await work(conn)


async def add(db: Database, guild_id: int, author_id: int, draft: Draft, analyse: Analyse) -> LoreEntry:
    """Store a new entry and index it (`analyse` gives its terms), in one transaction."""
    now = datetime.now(UTC).isoformat()

    async def work(conn: Conn) -> LoreEntry:
        if await _title_taken(conn, guild_id, draft.title, None):
            raise InvalidInput(f"This server already has an entry called {quoted(draft.title)}.")
        row = await conn.fetch_one(
            "INSERT INTO lore_entries (guild_id, title, kind, aliases, year_start, year_end, factions,"
            " summary, body, author_id, created_at, updated_at, related, facts)"
            f" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {ENTRY_COLUMNS}",
            (
                guild_id,
                *_columns(draft),
                author_id,
                now,
                now,
                json.dumps(list(draft.related or ())),
                _facts_json(draft.facts or Facts()),
            ),
        )
        entry = _entry(row)
        await lore_index.write_entry(conn, guild_id, entry.key, analyse(entry))
        await lore_index.count_entry(conn, guild_id, 1)
        await lore_timeline.write(conn, entry, fresh=True)
        await db.notify(conn, LORE_NOTICE, guild_id, entry.key)
        return entry

    return await _written(db, guild_id, draft.body, work)


async def update(db: Database, guild_id: int, entry_id: int, draft: Draft, analyse: Analyse) -> LoreEntry:
    async def work(conn: Conn) -> LoreEntry:
        if await _title_taken(conn, guild_id, draft.title, entry_id):
            raise InvalidInput(f"This server already has an entry called {quoted(draft.title)}.")
        row = await conn.fetch_one(
            "UPDATE lore_entries SET title = ?, kind = ?, aliases = ?, year_start = ?, year_end = ?,"
            " factions = ?, summary = ?, body = ?, updated_at = ?, related = coalesce(?, related),"
            f" facts = coalesce(?, facts) WHERE id = ? AND guild_id = ? RETURNING {ENTRY_COLUMNS}",
            (
                *_columns(draft),
                datetime.now(UTC).isoformat(),
                None if draft.related is None else json.dumps(list(draft.related)),
                None if draft.facts is None else _facts_json(draft.facts),
                entry_id,
                guild_id,
            ),
        )
        if row is None:
            raise InvalidInput("That entry no longer exists.")
        entry = _entry(row)
        await lore_index.write_entry(conn, guild_id, entry.key, analyse(entry))
        await lore_timeline.write(conn, entry)
        await db.notify(conn, LORE_NOTICE, guild_id, entry.key)
        return entry

    return await _written(db, guild_id, draft.body, work)


async def remove(db: Database, guild_id: int, entry_id: int) -> bool:
    async def work(conn: Conn) -> bool:
        held = "SELECT 1 FROM lore_entries WHERE id = ? AND guild_id = ?"
        if await conn.fetch_one(held, (entry_id, guild_id)) is None:
            return False
        await lore_index.remove_entry(conn, server_key(entry_id))  # reads the postings its row keeps
        await conn.execute("DELETE FROM lore_entries WHERE id = ? AND guild_id = ?", (entry_id, guild_id))
        await lore_index.count_entry(conn, guild_id, -1)
        await lore_timeline.remove(conn, entry_id)
        await db.notify(conn, LORE_NOTICE, guild_id, server_key(entry_id))
        return True

    return await _written(db, guild_id, "", work)


async def get(db: Database, guild_id: int, entry_id: int) -> LoreEntry | None:
    row = await db.fetch_one(
        f"SELECT {ENTRY_COLUMNS} FROM lore_entries WHERE id = ? AND guild_id = ?", (entry_id, guild_id)
    )
    return None if row is None else _entry(row)


async def in_guild(db: Database, guild_id: int) -> list[LoreEntry]:
    return [
        _entry(row)
        for row in await db.fetch_all(
            f"SELECT {ENTRY_COLUMNS} FROM lore_entries WHERE guild_id = ? ORDER BY id", (guild_id,)
        )
    ]


async def key_titled(db: Database, guild_id: int, title: str) -> str | None:
    """The key of the server's entry of that title, in any case (its unique index)."""
    row = await db.fetch_one(
        f"SELECT id FROM lore_entries WHERE guild_id = ? AND {db.dialect.same_text('title')}",
        (guild_id, title),
    )
    return None if row is None else server_key(int(row["id"]))


async def entries_after(db: Database, after_id: int, limit: int) -> list[LoreEntry]:
    """Every server's lore a batch at a time, by id (to index what an older release wrote)."""
    rows = await db.fetch_all(
        f"SELECT {ENTRY_COLUMNS} FROM lore_entries WHERE id > ? ORDER BY id LIMIT ?", (after_id, limit)
    )
    return [_entry(row) for row in rows]


async def random_key(db: Database, guild_id: int, rng: random.Random) -> str | None:
    """One of a server's entries, drawn by id between its first and last (two index reads)."""
    ends = await db.fetch_one(
        "SELECT min(id) AS low, max(id) AS high FROM lore_entries WHERE guild_id = ?", (guild_id,)
    )
    if ends is None or ends["low"] is None:
        return None
    row = await db.fetch_one(
        "SELECT id FROM lore_entries WHERE guild_id = ? AND id >= ? ORDER BY id LIMIT 1",
        (guild_id, rng.randint(int(ends["low"]), int(ends["high"]))),
    )
    return None if row is None else server_key(int(row["id"]))


async def entries_by_keys(db: Database, guild_id: int, keys: Iterable[str]) -> list[LoreEntry]:
    """Server entries of one server by key, in one query (keys of other servers find nothing)."""
    ids = [i for key in keys if (i := server_id_of(key)) is not None]
    if not ids:
        return []
    among, values = db.dialect.among("id", ids)
    rows = await db.fetch_all(
        f"SELECT {ENTRY_COLUMNS} FROM lore_entries WHERE guild_id = ? AND {among} ORDER BY id",
        (guild_id, *values),
    )
    return [_entry(row) for row in rows]


def _columns(draft: Draft) -> tuple[Any, ...]:
    return (
        draft.title,
        draft.kind.value,
        json.dumps(list(draft.aliases)),
        draft.years.start,
        draft.years.end,
        json.dumps(list(draft.factions)),
        draft.summary,
        draft.body,
    )


def _facts_json(facts: Facts) -> str:
    return json.dumps(facts.as_dict())
