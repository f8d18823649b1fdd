"""Accords games in storage: read a game for update, append what an action made of it (events,
head, touched articles), and the reads around them. The use case (decide, conclude, announce) is
the service's (bot/services/accords.py); it runs these inside its one transaction.

An action costs the same whether ten articles are on the table or a thousand: the last state each
game reached is kept in memory, checked against the stored version before use."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from ..domain.accords import Article, Event, GameState, Phase
from ..domain.accords import events as e
from ..domain.errors import KhitomerError, NotFound
from .backend import Conn, Database
from .game_codec import dump_article, dump_event, dump_head, load_article, load_event, load_head


class StaleGame(KhitomerError):
    """Someone else acted on this game first; the action was not applied."""

    def __init__(self) -> None:
        super().__init__(
            "Someone acted on this conference at the same moment. Nothing was changed: try again."
        )


# The games of a channel: run in it, or convened from it (its lobby is there) and run in a thread.
# Each half is an index search (migrations/*_channel_lookup.sql): only the channel's games are read.
OF_CHANNEL = (
    "guild_id = ? AND id IN (SELECT id FROM games WHERE channel_id = ?"
    " UNION ALL SELECT game_id FROM game_messages WHERE kind = 'lobby' AND channel_id = ?)"
)


async def running_in_channel(conn: Conn, guild_id: int, channel_id: int) -> bool:
    """Whether a conference of this channel still runs (one that moved on to a thread of it
    counts): asked inside the convening transaction, so two at once make one conference."""
    row = await conn.fetch_one(
        f"SELECT 1 FROM games WHERE {OF_CHANNEL} AND {_phase(conn)} IN ({RUNNING})",
        (guild_id, channel_id, channel_id),
    )
    return row is not None


async def insert(conn: Conn, channel_id: int, opening: GameState) -> GameState:
    """Store a new game's opening state (version 0, no events); the stored game has its id."""
    row = await conn.fetch_one(
        "INSERT INTO games (guild_id, channel_id, version, state, created_at) VALUES (?, ?, 0, '{}', ?)"
        " RETURNING id",
        (opening.guild_id, channel_id, datetime.now(UTC).isoformat()),
    )
    assert row is not None
    state = replace(opening, game_id=int(row["id"]))
    await conn.execute("UPDATE games SET state = ? WHERE id = ?", (dump_head(state), state.game_id))
    return state


RUNNING = ", ".join(f"'{phase.value}'" for phase in Phase if not phase.over)
HEADS = "SELECT id, state FROM games"


def _phase(db: Database | Conn) -> str:
    return db.dialect.json_text("state", "phase")


async def get(db: Database, guild_id: int, game_id: int) -> GameState:
    heads, params = f"{HEADS} WHERE id = ? AND guild_id = ?", (game_id, guild_id)
    # by key: read at once on the loop's own connection, no hop to the database thread
    found = await db.read_now(lambda conn: _rows_and_states(conn, heads, params))
    if not found:
        raise NotFound("There is no such conference in this server.")
    return found[0][1]


async def _states(db: Database, heads: str, params: Iterable[Any]) -> list[GameState]:
    return [state for _, state in await _rows_and_states(db, heads, params)]


async def _rows_and_states(
    db: Database | Conn, heads: str, params: Iterable[Any]
) -> list[tuple[Any, GameState]]:
    """The rows `heads` selects (id, state, anything else), each with its game and its
    articles: two queries in all."""
    rows = await db.fetch_all(heads, params)
    if not rows:
        return []
    articles: dict[int, list[Article]] = {int(row["id"]): [] for row in rows}
    marks = ", ".join("?" * len(articles))
    for row in await db.fetch_all(
        f"SELECT game_id, data FROM game_articles WHERE game_id IN ({marks}) ORDER BY game_id, number",
        tuple(articles),
    ):
        articles[int(row["game_id"])].append(load_article(row["data"]))
    return [(row, load_head(row["state"], tuple(articles[int(row["id"])]))) for row in rows]


async def signers_in(conn: Conn, game_id: int) -> dict[str, list[str]]:
    """Who signed for each power, by the name they signed with, inside a transaction."""
    signers: dict[str, list[str]] = {}
    rows = await conn.fetch_all(
        "SELECT actor_id, data FROM game_events WHERE game_id = ? AND kind = 'signed' ORDER BY seq",
        (game_id,),
    )
    for actor, data in rows:
        signed = json.loads(data)
        signers.setdefault(signed["power"], []).append(signed.get("by") or f"<@{actor}>")
    return signers


async def events(db: Database, game_id: int) -> list[Event]:
    return [event for _, event in (await timed_events(db, game_id))[1]]


async def timed_events(db: Database, game_id: int) -> tuple[float, list[tuple[float, Event]]]:
    """When the game was convened, and each event with the time it was recorded (UTC seconds)."""
    game = await db.fetch_one("SELECT created_at FROM games WHERE id = ?", (game_id,))
    if game is None:
        raise NotFound("There is no such conference in this server.")
    rows = await db.fetch_all(
        "SELECT at, actor_id, kind, data FROM game_events WHERE game_id = ? ORDER BY seq", (game_id,)
    )
    return _seconds(game["created_at"]), [
        (_seconds(row["at"]), load_event(row["kind"], int(row["actor_id"]), row["data"])) for row in rows
    ]


def _seconds(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


async def latest_convened_in(db: Database, guild_id: int, channel_id: int) -> GameState | None:
    """The last conference of this channel (run in it, or convened from it and run in its
    thread), over or not. With one running conference per channel, a running one is the last.
    Read at once on the loop's own connection: the channel's games are found by index."""
    heads, params = f"{HEADS} WHERE {OF_CHANNEL} ORDER BY id DESC LIMIT 1", (guild_id, channel_id, channel_id)
    found = await db.read_now(lambda conn: _rows_and_states(conn, heads, params))
    return found[0][1] if found else None


async def open_games(db: Database) -> list[GameState]:
    """Every conference not yet over, in every server: what start-up re-arms deadlines for."""
    return await _states(db, f"{HEADS} WHERE {_phase(db)} IN ({RUNNING}) ORDER BY id", ())


async def channel_of(db: Database, game_id: int) -> int | None:
    sql = "SELECT channel_id FROM games WHERE id = ?"
    row = await db.read_now(lambda conn: conn.fetch_one(sql, (game_id,)))  # by key, at once
    return None if row is None else int(row["channel_id"])


class GameCache:
    """The last state each recently played game reached in this process. Used only when the
    stored version still matches, so another process's write (or a rollback) is never missed."""

    def __init__(self, size: int = 1024) -> None:
        self._states: OrderedDict[int, GameState] = OrderedDict()
        self._size = size

    def get(self, game_id: int, guild_id: int, version: int) -> GameState | None:
        state = self._states.get(game_id)
        if state is None or state.version != version or state.guild_id != guild_id:
            return None
        self._states.move_to_end(game_id)
        return state

    def put(self, state: GameState) -> None:
        self._states[state.game_id] = state
        self._states.move_to_end(state.game_id)
        if len(self._states) > self._size:
            self._states.popitem(last=False)


ARTICLE_EVENTS = (e.Supported, e.Opposed, e.Amended, e.Retracted)


@dataclass(frozen=True, slots=True)
class Held:
    """A game read for update: its state and the channel it runs in, held until the transaction
    ends (the whole database on SQLite, the game's row on PostgreSQL)."""

    state: GameState
    channel_id: int


async def load_for_update(conn: Conn, guild_id: int, game_id: int, cache: GameCache | None = None) -> Held:
    """The game as stored, locked for this transaction so no action is applied to a stale state,
    in this process or another; the state comes from `cache` when it still has this version."""
    # FOR UPDATE: on PostgreSQL a second process acting on this game waits here until this
    # transaction ends, then reads its successor (SQLite's BEGIN IMMEDIATE already did so).
    lock = " FOR UPDATE" if conn.dialect.postgres else ""
    row = await conn.fetch_one(
        f"SELECT version, state, channel_id FROM games WHERE id = ? AND guild_id = ?{lock}",
        (game_id, guild_id),
    )
    if row is None:
        raise NotFound("There is no such conference in this server.")
    remembered = cache.get(game_id, guild_id, int(row["version"])) if cache is not None else None
    return Held(remembered or await _read(conn, game_id, row["state"]), int(row["channel_id"]))


async def append(conn: Conn, before: GameState, after: GameState, events: Sequence[Event]) -> None:
    """Store `after`, which `events` made of `before`: the head, the articles the events touch
    and the events themselves. Bounded whatever the size of the game."""
    game_id = before.game_id
    updated = await conn.execute(
        "UPDATE games SET version = ?, state = ? WHERE id = ? AND version = ?",
        (after.version, dump_head(after), game_id, before.version),
    )
    if updated != 1:  # cannot happen under load_for_update's lock; kept as the guard
        raise StaleGame()
    touched = {ev.article for ev in events if isinstance(ev, ARTICLE_EVENTS)}
    touched |= set(range(len(before.articles) + 1, len(after.articles) + 1))  # newly tabled
    if touched:
        await conn.executemany(
            "INSERT INTO game_articles (game_id, number, data) VALUES (?, ?, ?)"
            " ON CONFLICT (game_id, number) DO UPDATE SET data = excluded.data",
            [(game_id, n, dump_article(after.articles[n - 1])) for n in sorted(touched)],
        )
    now = datetime.now(UTC).isoformat()
    await conn.executemany(
        "INSERT INTO game_events (game_id, seq, at, actor_id, kind, data) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (game_id, before.version + i, now, ev.actor, ev.kind, dump_event(ev))
            for i, ev in enumerate(events, 1)
        ],
    )


async def _read(conn: Conn, game_id: int, head: str) -> GameState:
    rows = await conn.fetch_all(
        "SELECT data FROM game_articles WHERE game_id = ? ORDER BY number", (game_id,)
    )
    return load_head(head, tuple(load_article(row[0]) for row in rows))
