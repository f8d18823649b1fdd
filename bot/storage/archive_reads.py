"""A server's archive read a page at a time (`/config export`, bot/services/archive_export.py):
its lore entries, accords with their articles and records, and reputation rows, each page after
the last row of the one before (an index range), so no read holds a whole big server. Rows come
back as the archive's values (bot/domain/archive.py): links and records named as members see
them, never by row id.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..domain.archive import (
    AccordEvent,
    AccordRecord,
    Link,
    LoreRecord,
    ReputationRow,
    SettingsRecord,
    SettingValue,
)
from ..domain.guild_config import AREAS
from ..domain.treaties import Article, HistoryEvent, Party
from . import guild_settings
from .accord_event_codec import load
from .backend import Database
from .lore import ENTRY_COLUMNS, _entry, server_id_of

RUNNING = ("convened", "negotiation", "ratification")  # a conference's phases before its end


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


async def lore_page(db: Database, guild_id: int, after: int, limit: int) -> tuple[list[LoreRecord], int]:
    """The server's next `limit` entries after the entry `after` (by id), and the last id read."""
    rows = await db.fetch_all(
        f"SELECT {ENTRY_COLUMNS} FROM lore_entries WHERE guild_id = ? AND id > ? ORDER BY id LIMIT ?",
        (guild_id, after, limit),
    )
    if not rows:
        return [], after
    entries = [(_entry(row), row) for row in rows]
    titles = {int(row["id"]): str(row["title"]) for row in rows}
    linked = {i for entry, _row in entries for key in entry.related if (i := server_id_of(key)) is not None}
    if wanted := sorted(linked - set(titles)):
        found = await db.fetch_all(
            f"SELECT id, title FROM lore_entries WHERE guild_id = ? AND id IN ({_marks(wanted)})",
            (guild_id, *wanted),
        )
        titles.update((int(row["id"]), str(row["title"])) for row in found)
    records = [
        LoreRecord(
            title=entry.title,
            kind=entry.kind,
            summary=entry.summary,
            body=entry.body,
            aliases=entry.aliases,
            years=entry.years,
            factions=entry.factions,
            related=_links(entry.related, titles),
            facts=entry.facts,
            author_id=int(row["author_id"]),
            created_at=str(row["created_at"]),
            updated_at=str(row["updated_at"]),
        )
        for entry, row in entries
    ]
    return records, int(rows[-1]["id"])


def _links(keys: Sequence[str], titles: dict[int, str]) -> tuple[Link, ...]:
    """Links by title (the server's entries) or key (canon); links to entries since removed go."""
    links: list[Link] = []
    for key in keys:
        entry_id = server_id_of(key)
        if entry_id is None:
            links.append(Link("canon", key))
        elif entry_id in titles:
            links.append(Link("lore", titles[entry_id]))
    return tuple(dict.fromkeys(links))


async def accord_page(db: Database, guild_id: int, after: int, limit: int) -> tuple[list[AccordRecord], int]:
    """The server's next `limit` accords after the accord `after`, whole, and the last id read."""
    heads = await db.fetch_all(
        "SELECT id, name, aliases, summary, year, date_text, place, status, parties, history, ratified_at"
        " FROM accords WHERE guild_id = ? AND id > ? ORDER BY id LIMIT ?",
        (guild_id, after, limit),
    )
    if not heads:
        return [], after
    ids = [int(row["id"]) for row in heads]
    articles: dict[int, list[Article]] = {i: [] for i in ids}
    for row in await db.fetch_all(
        f"SELECT accord_id, number, title, text FROM accord_articles WHERE accord_id IN ({_marks(ids)})"
        " ORDER BY accord_id, number",
        ids,
    ):
        articles[int(row["accord_id"])].append(Article(int(row["number"]), row["title"], row["text"]))
    events: dict[int, list[AccordEvent]] = {i: [] for i in ids}
    for row in await db.fetch_all(
        "SELECT accord_id, at, actor_id, kind, power, data FROM accord_events"
        f" WHERE accord_id IN ({_marks(ids)}) ORDER BY accord_id, seq",
        ids,
    ):
        event = load(row["kind"], row["power"], row["data"])
        events[int(row["accord_id"])].append(AccordEvent(str(row["at"]), int(row["actor_id"]), event))
    records = [
        AccordRecord(
            name=row["name"],
            summary=row["summary"],
            date_text=row["date_text"],
            place=row["place"],
            parties=tuple(Party(p["name"], tuple(p["signed_by"])) for p in json.loads(row["parties"])),
            articles=tuple(articles[int(row["id"])]),
            ratified_at=str(row["ratified_at"]),
            year=row["year"],
            aliases=tuple(json.loads(row["aliases"])),
            status=row["status"],
            history=tuple(HistoryEvent(h["year"], h["kind"], h["text"]) for h in json.loads(row["history"])),
            events=tuple(events[int(row["id"])]),
        )
        for row in heads
    ]
    return records, ids[-1]


async def reputation_page(
    db: Database, guild_id: int, after: int, limit: int
) -> tuple[list[ReputationRow], int]:
    """The next `limit` members' reputation after the member `after` (by id), and the last id."""
    rows = await db.fetch_all(
        "SELECT user_id, points, accords FROM reputation WHERE guild_id = ? AND user_id > ?"
        " ORDER BY user_id LIMIT ?",
        (guild_id, after, limit),
    )
    found = [ReputationRow(int(r["user_id"]), int(r["points"]), int(r["accords"])) for r in rows]
    return found, found[-1].member_id if found else after


async def settings(db: Database, guild_id: int) -> SettingsRecord:
    """Every value the server set, by name then channel, and the areas it turned off."""
    config = await guild_settings.load(db, guild_id)
    values = tuple(SettingValue(name, scope, value) for (name, scope), value in sorted(config.values.items()))
    return SettingsRecord(values, tuple(area for area in AREAS if area in config.disabled_areas))


async def running_conferences(db: Database, guild_id: int) -> int:
    """How many of the server's conferences have not ended (an archive leaves them out)."""
    row = await db.fetch_one(
        f"SELECT count(*) FROM games WHERE guild_id = ? AND {db.dialect.json_text('state', 'phase')}"
        f" IN ({_marks(RUNNING)})",
        (guild_id, *RUNNING),
    )
    return int(row[0]) if row else 0
