"""The store of ratified accords: what the diplomacy game writes and /treaty reads.

An accord is kept whole, as the document it became when ratified; it is visible only in
the server whose players signed it, under the key "accord-<id>".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..domain.errors import InvalidInput
from ..domain.treaties import Article, HistoryEvent, Party, Source, SourceTier, Treaty
from .database import Database
from .treaty_index import index_rows

KEY_PREFIX = "accord-"


@dataclass(frozen=True, slots=True)
class NewAccord:
    guild_id: int
    name: str
    summary: str
    date_text: str
    place: str
    parties: tuple[Party, ...]
    articles: tuple[Article, ...]
    year: int | None = None
    aliases: tuple[str, ...] = ()
    game_id: int | None = None


def accord_key(accord_id: int) -> str:
    return f"{KEY_PREFIX}{accord_id}"


def accord_id_of(key: str) -> int | None:
    """The id in an "accord-<id>" key, or None for anything else (keys come from users)."""
    if not key.startswith(KEY_PREFIX):
        return None
    digits = key.removeprefix(KEY_PREFIX)
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 18 else None


async def ratify(db: Database, accord: NewAccord) -> Treaty:
    """Store a ratified accord and index its articles, in one transaction."""
    if [a.number for a in accord.articles] != list(range(1, len(accord.articles) + 1)):
        raise InvalidInput("An accord's articles are numbered I, II, III … without gaps.")
    now = datetime.now(UTC)
    history = [HistoryEvent(accord.year, "signed", f"Ratified in this server on {now:%Y-%m-%d}.")]
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT 1 FROM accords WHERE guild_id = ? AND name = ? COLLATE NOCASE",
            (accord.guild_id, accord.name),
        ) as cursor:
            if await cursor.fetchone() is not None:
                raise InvalidInput(f"This server already has an accord called {accord.name!r}.")
        cursor = await conn.execute(
            "INSERT INTO accords (guild_id, game_id, name, aliases, summary, year, date_text, place,"
            " parties, articles, history, ratified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                accord.guild_id,
                accord.game_id,
                accord.name,
                json.dumps(list(accord.aliases)),
                accord.summary,
                accord.year,
                accord.date_text,
                accord.place,
                json.dumps([{"name": p.name, "signed_by": list(p.signed_by)} for p in accord.parties]),
                json.dumps([{"number": a.number, "title": a.title, "text": a.text} for a in accord.articles]),
                json.dumps([_event_json(e) for e in history]),
                now.isoformat(),
            ),
        )
        accord_id = cursor.lastrowid
        assert accord_id is not None
        treaty = _treaty(accord_id, accord, history)
        await index_rows(conn, [treaty], accord.guild_id)
    return treaty


async def accords_in(db: Database, guild_id: int | None) -> list[Treaty]:
    """Every accord ratified in this server, oldest first (none outside a server)."""
    if guild_id is None:
        return []
    rows = await db.fetch_all("SELECT * FROM accords WHERE guild_id = ? ORDER BY id", (guild_id,))
    return [_from_row(row) for row in rows]


def _event_json(event: HistoryEvent) -> dict[str, Any]:
    return {"year": event.year, "kind": event.kind, "text": event.text}


def _treaty(
    accord_id: int, accord: NewAccord, history: list[HistoryEvent], status: str = "in force"
) -> Treaty:
    return Treaty(
        key=accord_key(accord_id),
        name=accord.name,
        summary=accord.summary,
        year=accord.year,
        date_text=accord.date_text,
        place=accord.place,
        parties=accord.parties,
        articles=accord.articles,
        aliases=accord.aliases,
        history=tuple(history),
        sources=(Source("Ratified by this server's players", SourceTier.SERVER),),
        guild_id=accord.guild_id,
        status=status,
    )


def _from_row(row: Any) -> Treaty:
    accord = NewAccord(
        guild_id=int(row["guild_id"]),
        name=row["name"],
        summary=row["summary"],
        date_text=row["date_text"],
        place=row["place"],
        parties=tuple(Party(p["name"], tuple(p["signed_by"])) for p in json.loads(row["parties"])),
        articles=tuple(Article(a["number"], a["title"], a["text"]) for a in json.loads(row["articles"])),
        year=row["year"],
        aliases=tuple(json.loads(row["aliases"])),
        game_id=row["game_id"],
    )
    history = [HistoryEvent(e["year"], e["kind"], e["text"]) for e in json.loads(row["history"])]
    return _treaty(int(row["id"]), accord, history, row["status"])
