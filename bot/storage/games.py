"""Accords games: events appended and state replaced together, or not at all."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from ..domain.accords import Article, Clause, Event, GameState, Phase, Seat, evolve
from ..domain.errors import KhitomerError, NotAllowed, NotFound
from .database import Database


class StaleGame(KhitomerError):
    """Someone else acted on this game first; the action was not applied."""

    def __init__(self) -> None:
        super().__init__(
            "Someone acted on this conference at the same moment. Nothing was changed: try again."
        )


def dump(state: GameState) -> str:
    """JSON of a state, written by hand: dataclasses.asdict deep-copies and took 60 us a game."""
    return json.dumps(
        {
            "game_id": state.game_id,
            "guild_id": state.guild_id,
            "host": state.host,
            "title": state.title,
            "powers": list(state.powers),
            "phase": state.phase.value,
            "seats": [{"power": s.power, "players": list(s.players)} for s in state.seats],
            "articles": [
                {
                    "number": a.number,
                    "author": a.author,
                    "clause": a.clause.value,
                    "parties": list(a.parties),
                    "text": a.text,
                    "support": sorted(a.support),
                    "oppose": sorted(a.oppose),
                    "versions": a.versions,
                    "retracted": a.retracted,
                    "subject": a.subject,
                    "giver": a.giver,
                    "receiver": a.receiver,
                }
                for a in state.articles
            ],
            "signed": sorted(state.signed),
            "refused": sorted(state.refused),
            "paused": state.paused,
            "version": state.version,
            "scenario": state.scenario,
            "deadline": state.deadline,
            "remaining": state.remaining,
            "narrower": state.narrower,
        }
    )


def load(text: str) -> GameState:
    raw = json.loads(text)
    raw["phase"] = Phase(raw["phase"])
    raw["powers"] = tuple(raw["powers"])
    raw["seats"] = tuple(Seat(s["power"], tuple(s["players"])) for s in raw["seats"])
    raw["articles"] = tuple(
        Article(
            a["number"], a["author"], Clause(a["clause"]), tuple(a["parties"]), a["text"],
            frozenset(a["support"]), frozenset(a["oppose"]), a["versions"], a["retracted"],
            a.get("subject", ""), a.get("giver", ""), a.get("receiver", ""),
        )
        for a in raw["articles"]
    )  # fmt: skip
    raw["signed"], raw["refused"] = frozenset(raw["signed"]), frozenset(raw["refused"])
    return GameState(**raw)


# The games of a channel: run in it, or convened from it (its lobby is there) and run in a thread.
OF_CHANNEL = (
    "guild_id = ? AND (channel_id = ? OR id IN"
    " (SELECT game_id FROM game_messages WHERE kind = 'lobby' AND channel_id = ?))"
)


async def create(db: Database, guild_id: int, channel_id: int, make: Any) -> GameState:
    """Insert a game; `make(game_id)` builds its opening state (version 0, no events).

    One running conference per channel (counting those that moved on to a thread of it): checked
    inside the write transaction, so two /accord convene at the same moment make one conference.
    """
    async with db.transaction() as conn:
        async with conn.execute(
            f"SELECT state FROM games WHERE {OF_CHANNEL}", (guild_id, channel_id, channel_id)
        ) as rows:
            if any(not load(row[0]).phase.over for row in await rows.fetchall()):
                raise NotAllowed("A conference is already running in this channel.")
        cursor = await conn.execute(
            "INSERT INTO games (guild_id, channel_id, version, state, created_at) VALUES (?, ?, 0, '{}', ?)",
            (guild_id, channel_id, datetime.now(UTC).isoformat()),
        )
        assert cursor.lastrowid is not None
        state: GameState = make(cursor.lastrowid)
        await conn.execute("UPDATE games SET state = ? WHERE id = ?", (dump(state), state.game_id))
    return state


async def get(db: Database, guild_id: int, game_id: int) -> GameState:
    row = await db.fetch_one("SELECT state FROM games WHERE id = ? AND guild_id = ?", (game_id, guild_id))
    if row is None:
        raise NotFound("There is no such conference in this server.")
    return load(row["state"])


def signers_in(conn: sqlite3.Connection, game_id: int) -> dict[str, list[str]]:
    """Who signed for each power, by the name they signed with, inside a transaction."""
    signers: dict[str, list[str]] = {}
    rows = conn.execute(
        "SELECT actor_id, data FROM game_events WHERE game_id = ? AND kind = 'signed'", (game_id,)
    )
    for actor, data in rows:
        signed = json.loads(data)
        signers.setdefault(signed["power"], []).append(signed.get("by") or f"<@{actor}>")
    return signers


async def events(db: Database, game_id: int) -> list[Event]:
    rows = await db.fetch_all(
        "SELECT actor_id, kind, data FROM game_events WHERE game_id = ? ORDER BY seq", (game_id,)
    )
    return [Event(row["kind"], int(row["actor_id"]), json.loads(row["data"])) for row in rows]


async def timed_events(db: Database, game_id: int) -> tuple[float, list[tuple[float, Event]]]:
    """When the game was convened, and each event with the time it was recorded (UTC seconds)."""
    game = await db.fetch_one("SELECT created_at FROM games WHERE id = ?", (game_id,))
    if game is None:
        raise NotFound("There is no such conference in this server.")
    rows = await db.fetch_all(
        "SELECT at, actor_id, kind, data FROM game_events WHERE game_id = ? ORDER BY seq", (game_id,)
    )
    return _seconds(game["created_at"]), [
        (_seconds(row["at"]), Event(row["kind"], int(row["actor_id"]), json.loads(row["data"])))
        for row in rows
    ]


def _seconds(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


async def latest_convened_in(db: Database, guild_id: int, channel_id: int) -> GameState | None:
    """The last conference of this channel (run in it, or convened from it and run in its
    thread), over or not. With one running conference per channel, a running one is the last."""
    row = await db.fetch_one(
        f"SELECT state FROM games WHERE {OF_CHANNEL} ORDER BY id DESC LIMIT 1",
        (guild_id, channel_id, channel_id),
    )
    return None if row is None else load(row["state"])


async def open_games(db: Database) -> list[GameState]:
    """Every conference not yet over, in every server: what start-up re-arms deadlines for."""
    rows = await db.fetch_all("SELECT state FROM games ORDER BY id")
    return [state for state in (load(row["state"]) for row in rows) if not state.phase.over]


async def channel_of(db: Database, game_id: int) -> int | None:
    row = await db.fetch_one("SELECT channel_id FROM games WHERE id = ?", (game_id,))
    return None if row is None else int(row["channel_id"])


async def in_guild(db: Database, guild_id: int) -> list[tuple[int, GameState]]:
    """(channel, state) of every conference of a server, newest first."""
    rows = await db.fetch_all(
        "SELECT channel_id, state FROM games WHERE guild_id = ? ORDER BY id DESC", (guild_id,)
    )
    return [(int(row["channel_id"]), load(row["state"])) for row in rows]


def act_now(
    db: Database,
    guild_id: int,
    game_id: int,
    decide: Callable[[GameState], list[Event]],
    on_end: Callable[[sqlite3.Connection, GameState], None] | None = None,
) -> Awaitable[tuple[GameState, list[Event]]]:
    """Load, decide, apply and store one action in a single synchronous transaction: nothing can
    run between reading the state and writing its successor, so no action is ever stale.

    When the action ends the conference, `on_end` runs in the same transaction (the accord
    stored, reputation changed): if it fails, the action itself is rolled back too.
    """

    def work(conn: sqlite3.Connection) -> tuple[GameState, list[Event]]:
        row = conn.execute(
            "SELECT state FROM games WHERE id = ? AND guild_id = ?", (game_id, guild_id)
        ).fetchone()
        if row is None:
            raise NotFound("There is no such conference in this server.")
        before = load(row["state"])
        events = decide(before)
        if not events:
            return before, []
        after = before
        for event in events:
            after = evolve(after, event)
        updated = conn.execute(
            "UPDATE games SET version = ?, state = ? WHERE id = ? AND version = ?",
            (after.version, dump(after), game_id, before.version),
        )
        if updated.rowcount != 1:
            raise StaleGame()
        now = datetime.now(UTC).isoformat()
        conn.executemany(
            "INSERT INTO game_events (game_id, seq, at, actor_id, kind, data) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (game_id, before.version + i, now, e.actor, e.kind, json.dumps(e.data))
                for i, e in enumerate(events, 1)
            ],
        )
        if on_end is not None and after.phase.over and not before.phase.over:
            on_end(conn, after)
        return after, events

    return db.write_now(work)


async def move_to_channel(db: Database, game_id: int, channel_id: int) -> None:
    """The conference continues in its own thread."""
    async with db.transaction() as conn:
        await conn.execute("UPDATE games SET channel_id = ? WHERE id = ?", (channel_id, game_id))


async def remember_message(
    db: Database, game_id: int, kind: str, ref: int, channel_id: int, message_id: int
) -> None:
    """Where the lobby (ref 0), an article (ref = its number) or the draft (ref 0) was posted."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO game_messages (game_id, kind, ref, channel_id, message_id) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (game_id, kind, ref) DO UPDATE SET channel_id = excluded.channel_id,"
            " message_id = excluded.message_id",
            (game_id, kind, ref, channel_id, message_id),
        )


async def messages_of(db: Database, game_id: int) -> dict[tuple[str, int], tuple[int, int]]:
    """Every remembered message of a game: (kind, ref) -> (channel, message), in one query."""
    rows = await db.fetch_all(
        "SELECT kind, ref, channel_id, message_id FROM game_messages WHERE game_id = ?", (game_id,)
    )
    return {(r["kind"], int(r["ref"])): (int(r["channel_id"]), int(r["message_id"])) for r in rows}
