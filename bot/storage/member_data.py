"""What the database holds about one member, in every server (issue #24): counts by kind for
/mydata show, and every record for /mydata export. Each read goes by the member's id through an
index (migration 0021), never through a server's whole data.

Where member ids are kept: lore_entries.author_id, games.state (host, seats, clocks),
game_events.actor_id and data (seats given, names signed with), accord_events.actor_id,
accords.parties (names signed with), reputation, pager_args.owner_id, error_reports.user_id and
outbox.body (whom a message names). bot/storage/member_forget.py forgets them.
"""

from __future__ import annotations

import json
from typing import Any

from ..domain.accords import Phase
from ..domain.member_data import NO_SERVER, Blocker, Held
from ..domain.member_records import (
    AccordAction,
    ConferenceSat,
    ErrorNamed,
    GameAction,
    LoreWritten,
    MemberRecord,
    SavedPage,
    Signature,
    Standing,
)
from .backend import Conn, Database, Dialect
from .game_codec import load_head
from .games import RUNNING


def games_of(dialect: Dialect) -> str:
    """The games that name the member (three `?`, see `games_params`): those they acted in, hosted,
    or were given a seat in (a seat given names them only in the event that gave it)."""
    host = dialect.json_text("state", "host")
    new = dialect.json_text("data", "new")
    return (
        "SELECT game_id FROM game_events WHERE actor_id = ?"
        f" UNION SELECT id FROM games WHERE {host} = ?"
        f" UNION SELECT game_id FROM game_events WHERE kind = 'replaced' AND {new} = ?"
    )


def games_params(dialect: Dialect, user: int) -> tuple[Any, ...]:
    """games_of's parameters: a JSON field reads as text on PostgreSQL, as a number on SQLite."""
    key: Any = str(user) if dialect.postgres else user
    return (user, key, key)


async def held(db: Database | Conn, user: int) -> list[Held]:
    """How much is held about the member, per server; servers with nothing are left out."""
    counts: dict[int, dict[str, Any]] = {}

    def add(rows: list[Any], kind: str) -> None:
        for row in rows:
            counts.setdefault(int(row[0] or NO_SERVER), {})[kind] = int(row[1])

    add(await db.fetch_all(_by_guild("lore_entries", "author_id"), (user,)), "lore_entries")
    add(await db.fetch_all(_by_guild("pager_args", "owner_id"), (user,)), "saved_pages")
    add(await db.fetch_all(_by_guild("error_reports", "user_id"), (user,)), "error_reports")
    add(
        await db.fetch_all(
            f"SELECT guild_id, count(*) FROM games WHERE id IN ({games_of(db.dialect)}) GROUP BY guild_id",
            games_params(db.dialect, user),
        ),
        "conferences",
    )
    add(
        await db.fetch_all(
            "SELECT g.guild_id, count(*) FROM game_events AS e JOIN games AS g ON g.id = e.game_id"
            " WHERE e.actor_id = ? AND e.kind = 'signed' GROUP BY g.guild_id",
            (user,),
        ),
        "signatures",
    )
    add(
        await db.fetch_all(
            "SELECT a.guild_id, count(*) FROM accord_events AS e JOIN accords AS a ON a.id = e.accord_id"
            " WHERE e.actor_id = ? GROUP BY a.guild_id",
            (user,),
        ),
        "accord_actions",
    )
    for row in await db.fetch_all(
        "SELECT guild_id, points, accords FROM reputation WHERE user_id = ?", (user,)
    ):
        counts.setdefault(int(row[0]), {})["reputation"] = (int(row[1]), int(row[2]))
    return [Held(guild, **kinds) for guild, kinds in sorted(counts.items())]


def blocker(row: Any, user: int) -> Blocker | None:
    """The game of `row` (id, guild_id, channel_id, state), if it still runs and the member holds
    a seat in it or hosts it: a forget waits for it (the seat is the game's, not only theirs)."""
    state = load_head(row["state"], ())
    seat = state.seat_of(user)
    if state.phase.over or (seat is None and state.host != user):
        return None
    return Blocker(
        int(row["guild_id"]), int(row["id"]), state.title, int(row["channel_id"]), Phase(state.phase).label,
        seat.power if seat else None, state.host == user, state.phase is Phase.CONVENED,
    )  # fmt: skip


async def running(db: Database, user: int) -> list[Blocker]:
    """The running conferences in which the member holds a seat or is the host."""
    phase = db.dialect.json_text("state", "phase")
    rows = await db.fetch_all(
        f"SELECT id, guild_id, channel_id, state FROM games WHERE id IN ({games_of(db.dialect)})"
        f" AND {phase} IN ({RUNNING}) ORDER BY id",
        games_params(db.dialect, user),
    )
    return [found for row in rows if (found := blocker(row, user)) is not None]


def _by_guild(table: str, column: str) -> str:
    return f"SELECT guild_id, count(*) FROM {table} WHERE {column} = ? GROUP BY guild_id"


async def record(db: Database, user: int) -> MemberRecord:
    """Every record held about the member, in every server, for an export."""
    lore = [
        LoreWritten(
            int(r["guild_id"]), str(r["title"]), str(r["kind"]), str(r["created_at"]), str(r["updated_at"])
        )
        for r in await db.fetch_all(
            "SELECT guild_id, title, kind, created_at, updated_at FROM lore_entries WHERE author_id = ?"
            " ORDER BY guild_id, id",
            (user,),
        )
    ]
    games = await db.fetch_all(
        f"SELECT id, guild_id, state, created_at FROM games WHERE id IN ({games_of(db.dialect)}) ORDER BY id",
        games_params(db.dialect, user),
    )
    titles = {int(g["id"]): (int(g["guild_id"]), json.loads(g["state"])["title"]) for g in games}
    events = await db.fetch_all(
        "SELECT game_id, at, kind, data FROM game_events WHERE actor_id = ? ORDER BY game_id, seq", (user,)
    )
    accords = await db.fetch_all(
        "SELECT id, game_id, name, parties FROM accords WHERE game_id IN"
        " (SELECT game_id FROM game_events WHERE actor_id = ? AND kind = 'signed')",
        (user,),
    )
    accord_of = {int(a["game_id"]): str(a["name"]) for a in accords}
    joined: dict[int, list[str]] = {}  # the seats they took, by game
    for e in events:
        if e["kind"] == "joined":
            joined.setdefault(int(e["game_id"]), []).append(str(json.loads(e["data"]).get("power", "")))
    actions = await db.fetch_all(
        "SELECT a.guild_id, a.name, e.at, e.kind, e.power, e.data FROM accord_events AS e"
        " JOIN accords AS a ON a.id = e.accord_id WHERE e.actor_id = ? ORDER BY a.id, e.seq",
        (user,),
    )
    standings = await db.fetch_all(
        "SELECT guild_id, points, accords FROM reputation WHERE user_id = ? ORDER BY guild_id", (user,)
    )
    pages = await db.fetch_all(
        "SELECT guild_id, value, created_at FROM pager_args WHERE owner_id = ? ORDER BY id", (user,)
    )
    errors = await db.fetch_all(
        "SELECT guild_id, reference, occurred_at, command, error_type FROM error_reports WHERE user_id = ?"
        " ORDER BY occurred_at",
        (user,),
    )
    return MemberRecord(
        lore_entries=tuple(lore),
        conferences=tuple(_conference(g, joined.get(int(g["id"]), []), user) for g in games),
        actions=tuple(_action(e, titles) for e in events),
        signatures=tuple(_signature(e, titles, accord_of) for e in events if e["kind"] == "signed"),
        accord_actions=tuple(
            AccordAction(
                int(a["guild_id"]),
                str(a["name"]),
                str(a["at"]),
                str(a["kind"]),
                str(a["power"]),
                tuple(json.loads(a["data"] or "{}").items()),
            )
            for a in actions
        ),
        reputation=tuple(Standing(int(s[0]), int(s[1]), int(s[2])) for s in standings),
        saved_pages=tuple(SavedPage(int(p[0]), str(p[1]), str(p[2])) for p in pages),
        error_reports=tuple(
            ErrorNamed(int(r[0] or NO_SERVER), str(r[1]), str(r[2]), str(r[3] or ""), str(r[4]))
            for r in errors
        ),
    )


def _conference(row: Any, joined: list[str], user: int) -> ConferenceSat:
    state = load_head(row["state"], ())
    powers = [s.power for s in state.seats if user in s.players] + joined
    return ConferenceSat(
        int(row["guild_id"]), state.title, str(row["created_at"]), Phase(state.phase).label,
        state.host == user, tuple(dict.fromkeys(p for p in powers if p)),
    )  # fmt: skip


def _action(row: Any, titles: dict[int, tuple[int, str]]) -> GameAction:
    guild, title = titles.get(int(row["game_id"]), (NO_SERVER, ""))
    power = json.loads(row["data"]).get("power") or json.loads(row["data"]).get("author") or ""
    return GameAction(guild, title, str(row["at"]), str(row["kind"]), str(power))


def _signature(row: Any, titles: dict[int, tuple[int, str]], accord_of: dict[int, str]) -> Signature:
    guild, title = titles.get(int(row["game_id"]), (NO_SERVER, ""))
    data = json.loads(row["data"])
    return Signature(
        guild,
        title,
        str(data.get("power", "")),
        str(data.get("by") or ""),
        accord_of.get(int(row["game_id"])),
    )
