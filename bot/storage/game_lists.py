"""A server's conferences as lists show them (title, phase, channel), a page at a time by key:
never every game of a server, never a game's articles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.accords import Phase
from .backend import Conn, Database
from .games import RUNNING


@dataclass(frozen=True, slots=True)
class Conference:
    game_id: int
    channel_id: int
    title: str
    phase: Phase


def _columns(db: Database) -> str:
    title, phase = db.dialect.json_text("state", "title"), db.dialect.json_text("state", "phase")
    return f"id, channel_id, {title} AS title, {phase} AS phase"


def _conference(row: Any) -> Conference:
    return Conference(int(row["id"]), int(row["channel_id"]), str(row["title"]), Phase(row["phase"]))


async def running_in(db: Database, guild_id: int, limit: int) -> list[Conference]:
    """The latest `limit` conferences still running in a server (the games_running index: the
    finished ones are not read; the phase test is spelt as the index spells it)."""
    phase = db.dialect.json_text("state", "phase")
    sql = (
        f"SELECT {_columns(db)} FROM games WHERE guild_id = ? AND {phase} IN ({RUNNING})"
        " ORDER BY id DESC LIMIT ?"
    )
    return [
        _conference(row) for row in await db.read_now(lambda conn: conn.fetch_all(sql, (guild_id, limit)))
    ]


async def page(
    db: Database, guild_id: int, *, older: int | None = None, newer: int | None = None, limit: int
) -> list[Conference]:
    """A page of a server's conferences, newest first: the `limit` older than the game `older`
    (or the newest, given neither), or the `limit` newer than the game `newer`."""
    if newer is not None:
        where, order, key = "id > ?", "id", newer
    else:
        where, order, key = "id < ?", "id DESC", older if older is not None else 2**63 - 1
    sql = f"SELECT {_columns(db)} FROM games WHERE guild_id = ? AND {where} ORDER BY {order} LIMIT ?"
    found = [
        _conference(row)
        for row in await db.read_now(lambda conn: conn.fetch_all(sql, (guild_id, key, limit)))
    ]
    return found[::-1] if newer is not None else found


async def titles_in_family(db: Database, guild_id: int, base: str, low: str, high: str) -> list[str]:
    """A server's conference titles that are `base`, or within [low, high) in code point order
    (bot/domain/accords/titles.py family): reads of the games_by_title index, not every game."""
    return await db.read_now(lambda conn: titles_in_family_in(conn, guild_id, base, low, high))


async def titles_in_family_in(conn: Conn, guild_id: int, base: str, low: str, high: str) -> list[str]:
    """titles_in_family inside a transaction (the convening one, which numbers the new title)."""
    title = conn.dialect.json_text("state", "title")
    ordered = f'{title} COLLATE "C"' if conn.dialect.postgres else title  # as the index orders it
    read = f"SELECT {title} AS title FROM games WHERE guild_id = ? AND "
    # Two reads of the index, one a key and one a range: with OR, SQLite would read the server's part.
    sql = f"{read}{ordered} = ? UNION {read}{ordered} >= ? AND {ordered} < ?"
    rows = await conn.fetch_all(sql, (guild_id, base, guild_id, low, high))
    return [str(row["title"]) for row in rows]
