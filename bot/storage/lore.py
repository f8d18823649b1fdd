"""Server lore rows and the lore full-text index."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import aiosqlite

from ..domain.errors import InvalidInput
from ..domain.lore import Kind, LoreEntry, Years
from ..domain.references import normalise
from ..domain.treaties import Source, SourceTier
from . import content_versions
from .database import Database

CANON_GUILD = 0
INDEX_NAME = "lore_search"
KEY_PREFIX = "server-"
MARK_START, MARK_END = "\x02", "\x03"
# A word in more entries than this is "common": bm25 would walk its whole posting list to
# count them, so queries of common words only are not bm25-ranked (see search()).
SAMPLE = 500
# bm25 weights for key, guild_id, title, names, summary, body: names over summary over body.
WEIGHTS = "0, 0, 10.0, 10.0, 4.0, 1.0"


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


@dataclass(frozen=True, slots=True)
class LoreHit:
    key: str
    title: str
    snippet: str
    guild_id: int


def server_key(entry_id: int) -> str:
    return f"{KEY_PREFIX}{entry_id}"


def server_id_of(key: str) -> int | None:
    digits = key.removeprefix(KEY_PREFIX) if key.startswith(KEY_PREFIX) else ""
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 18 else None


def names_text(title: str, aliases: Iterable[str]) -> str:
    return " | ".join(normalise(name) for name in (title, *aliases))


def _index_row(entry: LoreEntry, guild_id: int) -> tuple[Any, ...]:
    return (
        entry.key,
        guild_id,
        entry.title,
        names_text(entry.title, entry.aliases),
        entry.summary,
        entry.body,
    )


INSERT_INDEX = (
    "INSERT INTO lore_search (key, guild_id, title, names, summary, body) VALUES (?, ?, ?, ?, ?, ?)"
)


async def sync_canon(db: Database, entries: Sequence[LoreEntry], digest: str) -> bool:
    """Rebuild the canon part of the index when data/lore changed; True when it did."""
    if await content_versions.is_current(db, INDEX_NAME, digest):
        return False
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM lore_search WHERE guild_id = ?", (CANON_GUILD,))
        await conn.executemany(INSERT_INDEX, [_index_row(e, CANON_GUILD) for e in entries])
        await content_versions.record(conn, INDEX_NAME, digest)
    return True


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
        guild_id=int(row["guild_id"]),
    )


async def _title_taken(conn: aiosqlite.Connection, guild_id: int, title: str, except_id: int | None) -> bool:
    async with conn.execute(
        "SELECT 1 FROM lore_entries WHERE guild_id = ? AND title = ? COLLATE NOCASE AND id IS NOT ?",
        (guild_id, title, except_id),
    ) as cursor:
        return await cursor.fetchone() is not None


async def add(db: Database, guild_id: int, author_id: int, draft: Draft) -> LoreEntry:
    now = datetime.now(UTC).isoformat()
    async with db.transaction() as conn:
        if await _title_taken(conn, guild_id, draft.title, None):
            raise InvalidInput(f"This server already has an entry called {draft.title!r}.")
        cursor = await conn.execute(
            "INSERT INTO lore_entries (guild_id, title, kind, aliases, year_start, year_end, factions,"
            " summary, body, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (guild_id, *_columns(draft), author_id, now, now),
        )
        entry_id = cursor.lastrowid
        assert entry_id is not None
        async with conn.execute("SELECT * FROM lore_entries WHERE id = ?", (entry_id,)) as rows:
            entry = _entry(await rows.fetchone())
        await conn.execute(INSERT_INDEX, _index_row(entry, guild_id))
    return entry


async def update(db: Database, guild_id: int, entry_id: int, draft: Draft) -> LoreEntry:
    async with db.transaction() as conn:
        if await _title_taken(conn, guild_id, draft.title, entry_id):
            raise InvalidInput(f"This server already has an entry called {draft.title!r}.")
        cursor = await conn.execute(
            "UPDATE lore_entries SET title = ?, kind = ?, aliases = ?, year_start = ?, year_end = ?,"
            " factions = ?, summary = ?, body = ?, updated_at = ? WHERE id = ? AND guild_id = ?",
            (*_columns(draft), datetime.now(UTC).isoformat(), entry_id, guild_id),
        )
        if cursor.rowcount != 1:
            raise InvalidInput("That entry no longer exists.")
        async with conn.execute("SELECT * FROM lore_entries WHERE id = ?", (entry_id,)) as rows:
            entry = _entry(await rows.fetchone())
        await conn.execute("DELETE FROM lore_search WHERE key = ? AND guild_id = ?", (entry.key, guild_id))
        await conn.execute(INSERT_INDEX, _index_row(entry, guild_id))
    return entry


async def remove(db: Database, guild_id: int, entry_id: int) -> bool:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "DELETE FROM lore_entries WHERE id = ? AND guild_id = ?", (entry_id, guild_id)
        )
        if cursor.rowcount != 1:
            return False
        await conn.execute(
            "DELETE FROM lore_search WHERE key = ? AND guild_id = ?", (server_key(entry_id), guild_id)
        )
    return True


async def get(db: Database, guild_id: int, entry_id: int) -> LoreEntry | None:
    row = await db.fetch_one("SELECT * FROM lore_entries WHERE id = ? AND guild_id = ?", (entry_id, guild_id))
    return None if row is None else _entry(row)


async def in_guild(db: Database, guild_id: int) -> list[LoreEntry]:
    return [
        _entry(row)
        for row in await db.fetch_all("SELECT * FROM lore_entries WHERE guild_id = ?", (guild_id,))
    ]


async def all_names(
    db: Database, shard_count: int | None = None, shard_ids: Sequence[int] | None = None
) -> list[tuple[int, str, str, tuple[str, ...]]]:
    """(guild_id, key, title, aliases) of every server entry autocomplete indexes at start: of
    every server, or with shards given only of the servers on those shards (Discord's formula)."""
    if shard_count is None or shard_ids is None:
        rows = await db.fetch_all("SELECT id, guild_id, title, aliases FROM lore_entries")
    else:
        rows = await db.fetch_all(
            "SELECT id, guild_id, title, aliases FROM lore_entries"
            " WHERE ((guild_id >> 22) % ?) IN (SELECT value FROM json_each(?))",
            (shard_count, json.dumps(list(shard_ids))),
        )
    return [
        (int(r["guild_id"]), server_key(int(r["id"])), r["title"], tuple(json.loads(r["aliases"])))
        for r in rows
    ]


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


# --- search ---------------------------------------------------------------------------------


async def term_counts(db: Database, words: Sequence[str], cap: int) -> dict[str, int]:
    """How many entries hold each word, counted up to `cap` (a full count of a common word
    costs a walk of its whole posting list; fts5vocab does exactly that)."""
    if not words:
        return {}
    parts = " UNION ALL ".join(
        "SELECT ? AS term, (SELECT count(*) FROM"
        f" (SELECT 1 FROM lore_search WHERE lore_search MATCH ? LIMIT {int(cap)})) AS hits"
        for _ in words
    )
    params: list[str] = []
    for word in words:
        params += [word, '"' + word.replace('"', '""') + '"']
    rows = await db.fetch_all(parts, params)
    return {row["term"]: int(row["hits"]) for row in rows}


async def approximate_size(db: Database) -> int:
    """Entries in the index, near enough (rowids only grow; reading max is one index probe)."""
    row = await db.fetch_one("SELECT max(rowid) FROM lore_search")
    return int(row[0] or 0) if row else 0


async def search(
    db: Database, guild_id: int | None, match: str, *, ranked: bool, limit: int = 25
) -> list[LoreHit]:
    """Entries for an FTS5 expression built by bot.domain.search.

    `ranked`: order by bm25 (names over summary over body). bm25 first counts every entry
    holding each word, a walk of the whole posting list, so callers rank only when every
    word is rare (see SAMPLE). Unranked, entries come in index order: canon before server
    lore (a column filter such as {title names} would walk the same lists, so titles are
    brought forward from the in-memory name index by the caller instead).
    """
    guilds = (CANON_GUILD, guild_id if guild_id is not None else CANON_GUILD)
    if ranked:
        rows = await db.fetch_all(
            f"SELECT rowid FROM (SELECT rowid, bm25(lore_search, {WEIGHTS}) AS score FROM lore_search"
            f" WHERE lore_search MATCH ? AND guild_id IN (?, ?) LIMIT {SAMPLE}) ORDER BY score LIMIT ?",
            (match, *guilds, limit),
        )
    else:
        rows = await db.fetch_all(
            "SELECT rowid FROM lore_search WHERE lore_search MATCH ? AND guild_id IN (?, ?) LIMIT ?",
            (match, *guilds, limit),
        )
    order = {int(row["rowid"]): i for i, row in enumerate(rows)}
    if not order:
        return []
    marks = ", ".join("?" for _ in order)
    found = await db.fetch_all(
        "SELECT rowid, key, guild_id, title,"
        f" snippet(lore_search, 4, '{MARK_START}', '{MARK_END}', '…', 14) AS in_summary,"
        f" snippet(lore_search, 5, '{MARK_START}', '{MARK_END}', '…', 14) AS in_body"
        f" FROM lore_search WHERE lore_search MATCH ? AND rowid IN ({marks})",
        (match, *order),
    )
    hits = sorted(found, key=lambda row: order[int(row["rowid"])])
    # The summary's words if it holds any, else the body's: never the internal names column.
    return [
        LoreHit(
            row["key"],
            row["title"],
            row["in_summary"]
            if MARK_START in row["in_summary"] or MARK_START not in row["in_body"]
            else row["in_body"],
            int(row["guild_id"]),
        )
        for row in hits
    ]
