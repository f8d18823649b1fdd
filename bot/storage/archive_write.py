"""An archive written into a server (`/config import`) in ONE transaction: its lore (with
bot/storage/lore_batch.py, the search index, names and timeline included), its accords (replacing
those of the same name, indexes and records included), its settings and its reputation.

What the server already holds of the archive (titles, names, accord names, settings) is read
inside that transaction and handed to the service's plan, which decides and may refuse (then
nothing is written); `held` reads the same from committed data for the preview a moderator
confirms. The archive names no server: whatever it holds is written under `guild_id`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..domain.archive import AccordRecord, ReputationRow, SettingsRecord, SettingValue
from ..domain.guild_config import AREAS
from ..domain.treaties import Treaty
from .accord_event_codec import dump
from .accord_index import NAMES_INSERT, name_rows
from .accords import NewAccord, accord_key, as_treaty
from .backend import LORE_NOTICE, SETTINGS_NOTICE, Conn, Database, Dialect
from .lore_batch import CHUNK, Write, _reserve, _write
from .lore_names import NameRow
from .treaty_index import index_rows


class Reads(Protocol):
    """What `held` reads through: a transaction's connection, or the database's committed reads."""

    dialect: Dialect

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[Any]: ...


@dataclass(frozen=True, slots=True)
class Wanted:
    titles: Sequence[str]  # the archive's lore titles
    names: Sequence[str]  # its lore names (titles and aliases), normalised
    accords: Sequence[str]  # its accords' names


@dataclass(frozen=True, slots=True)
class Held:
    """What the server holds of an archive."""

    titled: dict[str, str]  # an archive title -> the key of the server's entry so titled (any case)
    named: list[NameRow]  # the server's lore names among the archive's
    accords: dict[str, int]  # an archive accord's name -> the server's accord so named (any case)
    settings: SettingsRecord  # what the server has set today


@dataclass(frozen=True, slots=True)
class Writes:
    """What the plan decided: lore entries (with who wrote each and when, as the archive says),
    accords (each with the server's accord it replaces, if any), and, when the archive has
    them, the server's whole settings and its members' reputation."""

    lore: list[Write]
    stamps: list[tuple[int, str, str]]  # author, created, updated: one per lore write
    accords: list[tuple[AccordRecord, int | None]]
    settings: SettingsRecord | None
    reputation: Sequence[ReputationRow] | None


async def held(reads: Reads, guild_id: int, wanted: Wanted) -> Held:
    return Held(
        await _same(reads, "lore_entries", "title", guild_id, wanted.titles),
        await _named(reads, guild_id, wanted.names),
        {
            name: int(found)
            for name, found in (await _same(reads, "accords", "name", guild_id, wanted.accords)).items()
        },
        await _settings(reads, guild_id),
    )


async def held_now(db: Database, guild_id: int, wanted: Wanted) -> Held:
    """What the server holds of an archive, as committed (the preview: decided again on writing)."""
    return await held(db, guild_id, wanted)


async def write(db: Database, guild_id: int, wanted: Wanted, plan: Callable[[Held], Writes]) -> Writes:
    """Read what the server holds, let `plan` decide, and write it, all in one transaction
    (aiosqlite's thread on SQLite: megabytes of rows, off the loop)."""
    async with db.transaction(guild=guild_id) as conn:
        writes = plan(await held(conn, guild_id, wanted))
        if writes.lore:
            keys = await _write(conn, guild_id, 0, writes.lore)
            await conn.executemany(
                "UPDATE lore_entries SET author_id = ?, created_at = ?, updated_at = ?"
                " WHERE id = ? AND guild_id = ?",
                [
                    (*stamp, int(key.removeprefix("server-")), guild_id)
                    for stamp, key in zip(writes.stamps, keys, strict=True)
                ],
            )
            await db.notify(conn, LORE_NOTICE, guild_id)
        if writes.accords:
            await _accords(conn, guild_id, writes.accords)
        if writes.settings is not None:
            await _replace_settings(conn, guild_id, writes.settings)
            await db.notify(conn, SETTINGS_NOTICE, guild_id)
        if writes.reputation:
            await conn.executemany(
                "INSERT INTO reputation (guild_id, user_id, points, accords) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (guild_id, user_id) DO UPDATE SET points = excluded.points,"
                " accords = excluded.accords",
                [(guild_id, row.member_id, row.points, row.accords) for row in writes.reputation],
            )
    return writes


# -- reads -----------------------------------------------------------------------------------


def _chunks(values: Sequence[str]) -> Iterable[list[str]]:
    unique = list(dict.fromkeys(values))
    return (unique[at : at + CHUNK] for at in range(0, len(unique), CHUNK))


async def _same(
    reads: Reads, table: str, column: str, guild_id: int, values: Sequence[str]
) -> dict[str, str]:
    """Each of `values` the server has a row of (`column` equal in any case, as its unique index
    compares) -> that row's key (lore) or id (accords), as text."""
    found: dict[str, str] = {}
    for part in _chunks(values):
        if reads.dialect.postgres:
            rows = await reads.fetch_all(
                f"SELECT w.t AS wanted, r.id FROM unnest(?::text[]) AS w(t)"
                f" JOIN {table} AS r ON r.guild_id = ? AND lower(r.{column}) = lower(w.t)",
                (part, guild_id),
            )
        else:
            rows = await reads.fetch_all(
                f"WITH w(t) AS (VALUES {', '.join(['(?)'] * len(part))}) SELECT w.t AS wanted, r.id"
                f" FROM w JOIN {table} AS r ON r.guild_id = ? AND r.{column} = w.t COLLATE NOCASE",
                (*part, guild_id),
            )
        prefix = "server-" if table == "lore_entries" else ""
        found.update((row["wanted"], f"{prefix}{row['id']}") for row in rows)
    return found


async def _named(reads: Reads, guild_id: int, names: Sequence[str]) -> list[NameRow]:
    found: list[NameRow] = []
    for part in _chunks([n for n in names if n]):
        values: list[Any] = [part] if reads.dialect.postgres else list(part)
        where = "name = ANY(?)" if reads.dialect.postgres else f"name IN ({', '.join('?' * len(part))})"
        rows = await reads.fetch_all(
            f"SELECT name, title, entry FROM lore_names WHERE scope = ? AND {where}", (guild_id, *values)
        )
        found += [NameRow(row["name"], row["title"], row["entry"]) for row in rows]
    return found


async def _settings(reads: Reads, guild_id: int) -> SettingsRecord:
    values = await reads.fetch_all(
        "SELECT name, scope, value FROM guild_settings WHERE guild_id = ? ORDER BY name, scope", (guild_id,)
    )
    areas = {row["area"] for row in await reads.fetch_all(
        "SELECT area FROM guild_disabled_areas WHERE guild_id = ?", (guild_id,)
    )}  # fmt: skip
    return SettingsRecord(
        tuple(SettingValue(row["name"], int(row["scope"]), row["value"]) for row in values),
        tuple(area for area in AREAS if area in areas),
    )


# -- writes ----------------------------------------------------------------------------------


def _treaty(accord_id: int, guild_id: int, record: AccordRecord) -> Treaty:
    new = NewAccord(
        guild_id, record.name, record.summary, record.date_text, record.place, record.parties,
        record.articles, record.year, record.aliases,
    )  # fmt: skip
    return as_treaty(accord_id, new, list(record.history), record.status)


def _columns(record: AccordRecord) -> tuple[Any, ...]:
    """accords' columns name … ratified_at, as bot/storage/accords.py writes them."""
    return (
        record.name,
        json.dumps(list(record.aliases)),
        record.summary,
        record.year,
        record.date_text,
        record.place,
        record.status,
        json.dumps([{"name": p.name, "signed_by": list(p.signed_by)} for p in record.parties]),
        json.dumps([{"number": a.number, "title": a.title, "text": a.text} for a in record.articles]),
        json.dumps([{"year": h.year, "kind": h.kind, "text": h.text} for h in record.history]),
        record.ratified_at,
    )


async def _accords(conn: Conn, guild_id: int, accords: list[tuple[AccordRecord, int | None]]) -> None:
    """Replace the accords the plan names in place (their ids, and the conference that made
    them, stay), add the others, then index and record them all."""
    replaced = [(record, i) for record, i in accords if i is not None]
    gone = [i for _record, i in replaced]
    for part in (gone[at : at + CHUNK] for at in range(0, len(gone), CHUNK)):
        marks = ", ".join("?" * len(part))
        for table in ("accord_events", "accord_names", "accord_articles", "accord_parties"):
            await conn.execute(f"DELETE FROM {table} WHERE accord_id IN ({marks})", part)
        keys = [accord_key(i) for i in part]
        await conn.execute(
            f"DELETE FROM treaty_search WHERE guild_id = ? AND treaty_key IN ({marks})", (guild_id, *keys)
        )
    if replaced:
        await conn.executemany(
            "UPDATE accords SET name = ?, aliases = ?, summary = ?, year = ?, date_text = ?, place = ?,"
            " status = ?, parties = ?, articles = ?, history = ?, ratified_at = ?"
            " WHERE id = ? AND guild_id = ?",
            [(*_columns(record), i, guild_id) for record, i in replaced],
        )
    added = [record for record, i in accords if i is None]
    fresh = iter(await _reserve(conn, "accords", len(added)))
    ids = [i if i is not None else next(fresh) for _record, i in accords]
    await conn.executemany(
        "INSERT INTO accords (id, guild_id, name, aliases, summary, year, date_text, place, status,"
        " parties, articles, history, ratified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (i, guild_id, *_columns(record))
            for (record, old), i in zip(accords, ids, strict=True)
            if old is None
        ],
    )
    treaties = [_treaty(i, guild_id, record) for (record, _old), i in zip(accords, ids, strict=True)]
    await index_rows(conn, treaties, guild_id)
    await conn.executemany(
        NAMES_INSERT,
        [
            row
            for t, i in zip(treaties, ids, strict=True)
            for row in name_rows(guild_id, i, t.name, t.aliases)
        ],
    )
    await conn.executemany(
        "INSERT INTO accord_articles (accord_id, number, title, text) VALUES (?, ?, ?, ?)",
        [(i, a.number, a.title, a.text) for t, i in zip(treaties, ids, strict=True) for a in t.articles],
    )
    await conn.executemany(
        "INSERT INTO accord_parties (guild_id, power, accord_id, year) VALUES (?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        [(guild_id, p.name, i, t.year) for t, i in zip(treaties, ids, strict=True) for p in t.parties],
    )
    await conn.executemany(
        "INSERT INTO accord_events (accord_id, seq, at, actor_id, kind, power, data)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (i, seq, e.at, e.actor_id, *dump(e.event))
            for (record, _old), i in zip(accords, ids, strict=True)
            for seq, e in enumerate(record.events, 1)
        ],
    )


async def _replace_settings(conn: Conn, guild_id: int, settings: SettingsRecord) -> None:
    await conn.execute("DELETE FROM guild_settings WHERE guild_id = ?", (guild_id,))
    await conn.execute("DELETE FROM guild_disabled_areas WHERE guild_id = ?", (guild_id,))
    await conn.executemany(
        "INSERT INTO guild_settings (guild_id, name, scope, value) VALUES (?, ?, ?, ?)",
        [(guild_id, v.name, v.scope, v.value) for v in settings.values],
    )
    await conn.executemany(
        "INSERT INTO guild_disabled_areas (guild_id, area) VALUES (?, ?)",
        [(guild_id, area) for area in settings.areas_off],
    )
