"""Forgetting a member (issue #24), in ONE transaction over every server: what is theirs alone is
deleted (reputation, saved searches, error reports), what belongs to a server's shared record is
kept without them (conferences, minutes, signatures, accords' records, lore, queued messages).

The service (bot/services/member_data.py) decides; this unit of work reads the member's games
for update, says which still-running ones hold them, and writes the forget. A dry run is the same
work, rolled back: it reports exactly what the real one would do.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from ..domain.member_data import FORMER, Blocker, Forgotten
from ..domain.member_scrub import event_without, game_without, parties_without, scrubbed, takes_part
from ..domain.treaties import Party
from .backend import Conn, Database, lock_guild
from .game_codec import dump_event, dump_head, load_event, load_head
from .member_data import blocker, games_of, games_params

CHUNK = 500  # ids per IN (…): well under either database's limit on parameters


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _marks(ids: Sequence[int]) -> str:
    return ", ".join("?" * len(ids))


class Forgetting:
    """One member's data inside the transaction that forgets it."""

    def __init__(self, conn: Conn, user: int) -> None:
        self._conn, self.user = conn, user
        self._games: list[Any] | None = None
        self._servers: set[int] = set()

    async def _held_games(self) -> list[Any]:
        """The member's games, read for update (on PostgreSQL a game action waits for this
        transaction; SQLite's BEGIN IMMEDIATE already holds every writer off), then the locks of
        every server their data is in, in order, as other writes take them."""
        if self._games is None:
            conn, lock = self._conn, " FOR UPDATE" if self._conn.dialect.postgres else ""
            ids = [
                int(r[0])
                for r in await conn.fetch_all(games_of(conn.dialect), games_params(conn.dialect, self.user))
            ]
            self._games = []
            for part in _chunks(sorted(ids)):
                self._games += await conn.fetch_all(
                    f"SELECT id, guild_id, channel_id, state FROM games WHERE id IN ({_marks(part)})"
                    f" ORDER BY id{lock}",
                    part,
                )
            self._servers = await self._guilds({int(g["guild_id"]) for g in self._games})
            for guild in sorted(self._servers - {0}):
                await lock_guild(conn, guild)
        return self._games

    async def _guilds(self, found: set[int]) -> set[int]:
        """Every server the member's data is in (0: none, a direct message)."""
        for sql in (
            "SELECT DISTINCT a.guild_id FROM accord_events AS e JOIN accords AS a ON a.id = e.accord_id"
            " WHERE e.actor_id = ?",
            "SELECT DISTINCT guild_id FROM lore_entries WHERE author_id = ?",
            "SELECT guild_id FROM reputation WHERE user_id = ?",
            "SELECT DISTINCT guild_id FROM pager_args WHERE owner_id = ?",
            "SELECT DISTINCT coalesce(guild_id, 0) FROM error_reports WHERE user_id = ?",
        ):
            found |= {int(r[0]) for r in await self._conn.fetch_all(sql, (self.user,))}
        return found

    async def running(self) -> list[Blocker]:
        """The conferences still running in which the member holds a seat or is the host."""
        held = [blocker(row, self.user) for row in await self._held_games()]
        return [found for found in held if found is not None]

    async def forget(self) -> Forgotten:
        """Delete what is the member's alone and keep the rest without them; what was done, counted."""
        done = Forgotten()
        await self._conferences(done)
        conn, user = self._conn, self.user
        done.accord_actions = await conn.execute(
            "UPDATE accord_events SET actor_id = ? WHERE actor_id = ?", (FORMER, user)
        )
        done.lore_entries = await conn.execute(
            "UPDATE lore_entries SET author_id = 0 WHERE author_id = ?", (user,)
        )
        done.servers |= self._servers
        done.reputation = await conn.execute("DELETE FROM reputation WHERE user_id = ?", (user,))
        done.saved_pages = await conn.execute("DELETE FROM pager_args WHERE owner_id = ?", (user,))
        done.error_reports = await conn.execute("DELETE FROM error_reports WHERE user_id = ?", (user,))
        await self._outbox(done)
        done.servers.discard(0)
        return done

    async def _conferences(self, done: Forgotten) -> None:
        """Finished conferences' heads without the member; every event naming them kept under
        FORMER; the accords they signed renamed "a former delegate of …"."""
        conn, user = self._conn, self.user
        games = await self._held_games()
        done.conferences = len(games)
        heads = []
        for row in games:
            state = load_head(row["state"], ())
            if state.phase.over and takes_part(state, user):
                heads.append((dump_head(game_without(state, user)), int(row["id"])))
        await conn.executemany("UPDATE games SET state = ? WHERE id = ?", heads)
        rows = list(
            await conn.fetch_all(
                "SELECT game_id, seq, actor_id, kind, data FROM game_events WHERE actor_id = ?", (user,)
            )
        )
        ids = [int(g["id"]) for g in games]
        for part in _chunks(ids):  # seats given to or taken from the member name them in the data
            rows += await conn.fetch_all(
                "SELECT game_id, seq, actor_id, kind, data FROM game_events"
                f" WHERE game_id IN ({_marks(part)}) AND kind IN ('replaced', 'delegated') AND actor_id <> ?",
                (*part, user),
            )
        changed, signed = [], []
        for row in rows:
            event = load_event(str(row["kind"]), int(row["actor_id"]), str(row["data"]))
            kept = event_without(event, user)
            if kept == event:
                continue
            if row["kind"] == "signed" and event.actor == user:
                signed.append(
                    (int(row["game_id"]), str(getattr(event, "power", "")), getattr(event, "by", ""))
                )
            changed.append((kept.actor, dump_event(kept), int(row["game_id"]), int(row["seq"])))
        await conn.executemany(
            "UPDATE game_events SET actor_id = ?, data = ? WHERE game_id = ? AND seq = ?", changed
        )
        done.minutes, done.signatures = len(changed), len(signed)
        await self._signatures(signed)

    async def _signatures(self, signed: list[tuple[int, str, str]]) -> None:
        conn, games = self._conn, sorted({game for game, _, _ in signed})
        for part in _chunks(games):
            for row in await conn.fetch_all(
                f"SELECT id, game_id, parties FROM accords WHERE game_id IN ({_marks(part)})", part
            ):
                names = [
                    (power, by or f"<@{self.user}>")
                    for game, power, by in signed
                    if game == int(row["game_id"])
                ]
                parties = tuple(Party(p["name"], tuple(p["signed_by"])) for p in json.loads(row["parties"]))
                kept = parties_without(parties, names, self.user)
                if kept != parties:
                    await conn.execute(
                        "UPDATE accords SET parties = ? WHERE id = ?",
                        (
                            json.dumps([{"name": p.name, "signed_by": list(p.signed_by)} for p in kept]),
                            int(row["id"]),
                        ),
                    )

    async def _outbox(self, done: Forgotten) -> None:
        """Messages still waiting to be posted keep their words, without naming the member."""
        conn, changed = self._conn, []
        for row in await conn.fetch_all(
            "SELECT id, guild_id, body FROM outbox WHERE body LIKE ?", (f"%{self.user}%",)
        ):
            body = json.loads(row["body"])
            kept = scrubbed(body, self.user)
            if kept != body:
                changed.append((json.dumps(kept), int(row["id"])))
                done.servers.add(int(row["guild_id"]))
        await conn.executemany("UPDATE outbox SET body = ? WHERE id = ?", changed)
        done.queued_messages = len(changed)


class _DryRun(Exception):
    """Ends a dry run's transaction: rolled back, so nothing it did is kept."""


@asynccontextmanager
async def forgetting(db: Database, user: int, *, dry_run: bool = False) -> AsyncIterator[Forgetting]:
    """The member's data for one forget: committed when the block ends well (rolled back on an
    error, or always for a dry run)."""
    try:
        async with db.transaction() as conn:
            yield Forgetting(conn, user)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
