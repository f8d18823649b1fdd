"""Accords games: events appended, and the head and touched articles rewritten, together or not
at all. An action costs the same whether ten articles are on the table or a thousand: the last
state each game reached is kept in memory, checked against the stored version before use."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..domain.accords import Article, Event, GameState, Phase, evolve
from ..domain.accords import events as e
from ..domain.errors import KhitomerError, NotAllowed, NotFound
from . import accords, outbox, reputation
from .backend import Conn, Database
from .game_codec import dump_article, dump_event, dump_head, load_article, load_event, load_head


class StaleGame(KhitomerError):
    """Someone else acted on this game first; the action was not applied."""

    def __init__(self) -> None:
        super().__init__(
            "Someone acted on this conference at the same moment. Nothing was changed: try again."
        )


# The games of a channel: run in it, or convened from it (its lobby is there) and run in a thread.
OF_CHANNEL = (
    "guild_id = ? AND (channel_id = ? OR id IN"
    " (SELECT game_id FROM game_messages WHERE kind = 'lobby' AND channel_id = ?))"
)


# What an action owes the channel, decided inside its transaction: (the new state, its events, the
# name its accord was stored under) -> messages for the outbox, committed with the action.
Announce = Callable[[GameState, list[Event], str | None], Sequence[outbox.Outgoing]]
HOLD = 10.0  # seconds a message waits for the member's own reply to go first (outbox.release)


async def create(
    db: Database,
    guild_id: int,
    channel_id: int,
    make: Callable[[int], GameState],
    owed: Callable[[GameState], Sequence[outbox.Outgoing]] | None = None,
    at: float = 0.0,
) -> GameState:
    """Insert a game; `make(game_id)` builds its opening state (version 0, no events), and
    `owed(state)` the messages it owes (its lobby), queued in the same transaction at `at`
    (Discord's clock, which tests move).

    One running conference per channel (counting those that moved on to a thread of it): checked
    inside the write transaction, so two /accord convene at the same moment make one conference.
    """
    async with db.transaction(guild=guild_id) as conn:
        if await conn.fetch_one(
            f"SELECT 1 FROM games WHERE {OF_CHANNEL} AND {_phase(conn)} IN ({RUNNING})",
            (guild_id, channel_id, channel_id),
        ):
            raise NotAllowed("A conference is already running in this channel.")
        row = await conn.fetch_one(
            "INSERT INTO games (guild_id, channel_id, version, state, created_at) VALUES (?, ?, 0, '{}', ?)"
            " RETURNING id",
            (guild_id, channel_id, datetime.now(UTC).isoformat()),
        )
        assert row is not None
        state = make(int(row["id"]))
        await conn.execute("UPDATE games SET state = ? WHERE id = ?", (dump_head(state), state.game_id))
        if owed is not None:
            await outbox.add(conn, guild_id, owed(state), now=at, hold=HOLD, channel=channel_id)
    return state


RUNNING = ", ".join(f"'{phase.value}'" for phase in Phase if not phase.over)
HEADS = "SELECT id, state FROM games"


def _phase(db: Database | Conn) -> str:
    return db.dialect.json_text("state", "phase")


async def get(db: Database, guild_id: int, game_id: int) -> GameState:
    found = await _states(db, f"{HEADS} WHERE id = ? AND guild_id = ?", (game_id, guild_id))
    if not found:
        raise NotFound("There is no such conference in this server.")
    return found[0]


async def _states(db: Database, heads: str, params: Iterable[Any]) -> list[GameState]:
    return [state for _, state in await _rows_and_states(db, heads, params)]


async def _rows_and_states(db: Database, heads: str, params: Iterable[Any]) -> list[tuple[Any, GameState]]:
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
    thread), over or not. With one running conference per channel, a running one is the last."""
    found = await _states(
        db, f"{HEADS} WHERE {OF_CHANNEL} ORDER BY id DESC LIMIT 1", (guild_id, channel_id, channel_id)
    )
    return found[0] if found else None


async def open_games(db: Database) -> list[GameState]:
    """Every conference not yet over, in every server: what start-up re-arms deadlines for."""
    return await _states(db, f"{HEADS} WHERE {_phase(db)} IN ({RUNNING}) ORDER BY id", ())


async def channel_of(db: Database, game_id: int) -> int | None:
    row = await db.fetch_one("SELECT channel_id FROM games WHERE id = ?", (game_id,))
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
class Ending:
    """What an ended conference leaves behind: its accord (if ratified) and reputation changes."""

    accord: accords.NewAccord | None
    reputation: dict[int, int]


async def act_now(
    db: Database,
    guild_id: int,
    game_id: int,
    decide: Callable[[GameState], list[Event]],
    on_end: Callable[[GameState, dict[str, list[str]]], Ending] | None = None,
    cache: GameCache | None = None,
    announce: Announce | None = None,
    at: float = 0.0,
    hold: float = 0.0,
) -> tuple[GameState, list[Event]]:
    """Load, decide, apply and store one action in a single transaction that holds the game (the
    whole database on SQLite, the game's row on PostgreSQL) from reading the state to writing its
    successor, so no action is ever applied to a stale state, in this process or another.

    What is written is bounded: the head, the articles the events touch, the events. When the
    action ends the conference, `on_end(state, signers)` says what it leaves, and the accord and
    reputation are stored in the same transaction: if that fails, the action is rolled back too.
    So are the messages `announce` says the action owes its channel, queued at `at` (Discord's
    clock) and held `hold` seconds.
    """
    cache = cache if cache is not None else GameCache(0)

    # FOR UPDATE: on PostgreSQL a second process acting on this game waits here until this
    # transaction ends, then reads its successor (SQLite's BEGIN IMMEDIATE already did so).
    lock = " FOR UPDATE" if db.dialect.postgres else ""

    async def work(conn: Conn) -> tuple[GameState, list[Event]]:
        row = await conn.fetch_one(
            f"SELECT version, state, channel_id FROM games WHERE id = ? AND guild_id = ?{lock}",
            (game_id, guild_id),
        )
        if row is None:
            raise NotFound("There is no such conference in this server.")
        before = cache.get(game_id, guild_id, int(row["version"])) or await _read(conn, game_id, row["state"])
        events = decide(before)
        if not events:
            return before, []
        after = before
        for event in events:
            after = evolve(after, event)
        updated = await conn.execute(
            "UPDATE games SET version = ?, state = ? WHERE id = ? AND version = ?",
            (after.version, dump_head(after), game_id, before.version),
        )
        if updated != 1:  # cannot happen under the lock above; kept as the guard
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
        accord_name: str | None = None
        if on_end is not None and after.phase.over and not before.phase.over:
            ending = on_end(after, await signers_in(conn, game_id))
            if ending.accord is not None:
                accord_name = (await accords.ratify_in(conn, ending.accord)).name
            await reputation.apply_in(conn, guild_id, ending.reputation)
        if announce is not None and (owed := announce(after, events, accord_name)):
            await outbox.add(conn, guild_id, owed, now=at, hold=hold, channel=int(row["channel_id"]))
        return after, events

    state, events = await db.write_now(work)
    cache.put(state)  # only once committed
    return state, events


async def _read(conn: Conn, game_id: int, head: str) -> GameState:
    rows = await conn.fetch_all(
        "SELECT data FROM game_articles WHERE game_id = ? ORDER BY number", (game_id,)
    )
    return load_head(head, tuple(load_article(row[0]) for row in rows))
