"""The store of ratified accords: what the diplomacy game writes and /treaty reads.

An accord is kept whole, as the document it became when ratified; it is visible only in
the server whose players signed it, under the key "accord-<id>".
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from ..domain.errors import InvalidInput
from ..domain.inert import quoted
from ..domain.treaties import Article, HistoryEvent, Party, Source, SourceTier, Treaty
from .accord_index import index_accord
from .backend import Conn, Database, lock_guild
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
    """Store a ratified accord and index its articles, in one transaction; a name this server
    already uses is refused."""
    return await db.write_now(lambda conn: ratify_in(conn, accord, unique_name=False))  # it locks the server


async def ratify_in(conn: Conn, accord: NewAccord, *, unique_name: bool = True) -> Treaty:
    """Store and index an accord inside the caller's transaction (a conference's conclusion).

    With `unique_name`, a name the server already uses gets the conference's number, then a
    counter: chosen here, inside the transaction, so two conclusions can never collide.
    """
    if [a.number for a in accord.articles] != list(range(1, len(accord.articles) + 1)):
        raise InvalidInput("An accord's articles are numbered I, II, III … without gaps.")

    async def taken(name: str) -> bool:  # one lookup in the (guild, name) unique index
        found = await conn.fetch_one(
            f"SELECT 1 FROM accords WHERE guild_id = ? AND {conn.dialect.same_text('name')}",
            (accord.guild_id, name),
        )
        return found is not None

    await lock_guild(conn, accord.guild_id)
    if await taken(accord.name):
        if not unique_name:
            raise InvalidInput(f"This server already has an accord called {quoted(accord.name)}.")
        accord = replace(accord, name=await _free_name(accord, taken))
    now = datetime.now(UTC)
    history = [HistoryEvent(accord.year, "signed", f"Ratified in this server on {now:%Y-%m-%d}.")]
    row = await conn.fetch_one(
        "INSERT INTO accords (guild_id, game_id, name, aliases, summary, year, date_text, place,"
        " parties, articles, history, ratified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
    assert row is not None
    treaty = as_treaty(int(row["id"]), accord, history)
    await index_rows(conn, [treaty], accord.guild_id)
    await index_accord(conn, int(row["id"]), treaty)
    return treaty


async def _free_name(accord: NewAccord, taken: Callable[[str], Awaitable[bool]]) -> str:
    """ "Name (conference 7)", or "Name (conference 7, 2)" … if even that is taken."""
    base = f"{accord.name} (conference {accord.game_id})" if accord.game_id else accord.name
    name, count = base, 1
    while await taken(name):
        count += 1
        name = f"{base[:-1]}, {count})" if accord.game_id else f"{base} ({count})"
    return name


async def of_game(db: Database, guild_id: int, game_id: int) -> str | None:
    """The name the accord of a conference was kept under, if it was ratified."""
    row = await db.fetch_one(
        "SELECT name FROM accords WHERE guild_id = ? AND game_id = ?", (guild_id, game_id)
    )
    return None if row is None else str(row["name"])


def _event_json(event: HistoryEvent) -> dict[str, Any]:
    return {"year": event.year, "kind": event.kind, "text": event.text}


def as_treaty(
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


async def withdrawals_in(db: Database, guild_id: int, keys: Iterable[str]) -> dict[str, frozenset[str]]:
    """The parties that have left each of these accords of a server today, by its key (one query)."""
    ids = [i for key in keys if (i := accord_id_of(key)) is not None]
    if not ids:
        return {}
    rows = await db.fetch_all(
        "SELECT e.accord_id, e.kind, e.power FROM accord_events AS e JOIN accords AS a ON a.id = e.accord_id"
        f" WHERE a.guild_id = ? AND e.accord_id IN ({', '.join('?' * len(ids))})"
        " AND e.kind IN ('withdrawn', 'reinstated') ORDER BY e.accord_id, e.seq",
        (guild_id, *ids),
    )
    out: dict[str, set[str]] = {}
    for row in rows:
        left = out.setdefault(accord_key(int(row["accord_id"])), set())
        if row["kind"] == "withdrawn":
            left.add(str(row["power"]))
        else:
            left.discard(str(row["power"]))
    return {key: frozenset(powers) for key, powers in out.items()}
