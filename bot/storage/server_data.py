"""Everything Khitomer keeps of one server, counted and purged in one transaction (issue #24).

PARTS names every table that holds a server's rows and how they are found: by guild_id, by the
lore index's scope (a server's id; canon is scope 0 and never purged), or through the server's
accords or conferences. Every other table is named in NOT_PER_SERVER; a test compares both with
the schema, so a new table must say which it is before it can hold a server's data for ever.
"""

from __future__ import annotations

from dataclasses import dataclass

from .backend import LORE_NOTICE, SETTINGS_NOTICE, Conn, Database

BY_GUILD = "guild_id = ?"
BY_SCOPE = "scope = ?"
OF_ACCORDS = "accord_id IN (SELECT id FROM accords WHERE guild_id = ?)"
OF_GAMES = "game_id IN (SELECT id FROM games WHERE guild_id = ?)"

LORE, ACCORDS, RECORD, GAMES, GAME_EVENTS = (
    "lore entries", "accords", "accord record entries", "conferences", "conference events"
)  # fmt: skip
GAME_ROWS, REPUTATION, SETTINGS, OUTBOX = (
    "conference articles and message links", "reputation records", "settings", "messages waiting to be sent"
)  # fmt: skip
PAGES, ERRORS, INDEX, PENDING = (
    "stored page arguments", "error reports", "search and name index rows", "pending purge"
)  # fmt: skip
# The order an operator reads the counts in.
KINDS = (LORE, ACCORDS, RECORD, GAMES, GAME_EVENTS, GAME_ROWS, REPUTATION, SETTINGS, OUTBOX, PAGES, ERRORS,
         INDEX, PENDING)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Part:
    table: str
    where: str  # finds the server's rows; its one parameter is the server's id
    kind: str


# In the order they are deleted: the rows that point at an accord or a conference before it.
PARTS: tuple[Part, ...] = (
    Part("lore_entries", BY_GUILD, LORE),
    Part("lore_timeline", BY_GUILD, INDEX),
    Part("lore_postings", BY_SCOPE, INDEX),
    Part("lore_terms", BY_SCOPE, INDEX),
    Part("lore_words", BY_SCOPE, INDEX),
    Part("lore_name_grams", BY_SCOPE, INDEX),
    Part("lore_names", BY_SCOPE, INDEX),
    Part("accord_events", OF_ACCORDS, RECORD),
    Part("accord_articles", OF_ACCORDS, INDEX),
    Part("accord_names", BY_GUILD, INDEX),
    Part("accord_parties", BY_GUILD, INDEX),
    Part("treaty_search", BY_GUILD, INDEX),
    Part("accords", BY_GUILD, ACCORDS),
    Part("game_events", OF_GAMES, GAME_EVENTS),
    Part("game_articles", OF_GAMES, GAME_ROWS),
    Part("game_messages", OF_GAMES, GAME_ROWS),
    Part("games", BY_GUILD, GAMES),
    Part("reputation", BY_GUILD, REPUTATION),
    Part("guild_settings", BY_GUILD, SETTINGS),
    Part("guild_disabled_areas", BY_GUILD, SETTINGS),
    Part("outbox", BY_GUILD, OUTBOX),
    Part("pager_args", BY_GUILD, PAGES),
    Part("error_reports", BY_GUILD, ERRORS),
    Part("server_departures", BY_GUILD, PENDING),
)
# Tables that hold nothing of a particular server: the content hashes of the canon indexes, the
# schema version (PostgreSQL), and SQLite's FTS5 shadow tables of treaty_search (its rows go
# with the table's own).
NOT_PER_SERVER = frozenset({"content_versions", "khitomer_schema"})
SHADOWS_OF = "treaty_search_"


@dataclass(frozen=True, slots=True)
class Purged:
    """What a purge deleted: rows by kind (KINDS order, kinds with none left out), and the
    conferences that went, whose timers must go too."""

    counts: dict[str, int]
    game_ids: tuple[int, ...]

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def _check(guild_id: int) -> None:
    if guild_id <= 0:  # 0 is canon's scope: never a server's
        raise ValueError(f"not a server's id: {guild_id}")


def _by_kind(rows: dict[str, int]) -> dict[str, int]:
    return {kind: rows[kind] for kind in KINDS if rows.get(kind)}


async def counts(db: Database, guild_id: int) -> dict[str, int]:
    """How many rows of each kind the server has (kinds with none left out); one statement,
    one snapshot."""
    _check(guild_id)
    columns = ", ".join(
        f"(SELECT count(*) FROM {p.table} WHERE {p.where}) AS n{i}" for i, p in enumerate(PARTS)
    )
    row = await db.fetch_one(f"SELECT {columns}", [guild_id] * len(PARTS))
    assert row is not None
    found: dict[str, int] = {}
    for i, part in enumerate(PARTS):
        found[part.kind] = found.get(part.kind, 0) + int(row[f"n{i}"])
    return _by_kind(found)


async def _delete(conn: Conn, guild_id: int) -> Purged:
    deleted: dict[str, int] = {}
    game_ids: tuple[int, ...] = ()
    for part in PARTS:
        if part.table == "games":  # their ids: the process disarms what it armed for them
            rows = await conn.fetch_all(f"DELETE FROM games WHERE {part.where} RETURNING id", (guild_id,))
            game_ids, count = tuple(int(r["id"]) for r in rows), len(rows)
        else:
            count = await conn.execute(f"DELETE FROM {part.table} WHERE {part.where}", (guild_id,))
        deleted[part.kind] = deleted.get(part.kind, 0) + count
    return Purged(_by_kind(deleted), game_ids)


async def purge(db: Database, guild_id: int, *, due_by: float | None = None) -> Purged | None:
    """Delete every row of the server, in ONE transaction. With `due_by` (the timer's purge), only
    if its purge is still pending and due by then: None when the bot was added back meanwhile.
    Every process drops what it cached of the server once this commits."""
    _check(guild_id)
    async with db.transaction(guild=guild_id) as conn:
        if due_by is not None:
            row = await conn.fetch_one(
                "SELECT purge_at FROM server_departures WHERE guild_id = ? AND purge_at <= ?",
                (guild_id, due_by),
            )
            if row is None:
                return None
        purged = await _delete(conn, guild_id)
        await db.notify(conn, SETTINGS_NOTICE, guild_id)
        await db.notify(conn, LORE_NOTICE, guild_id)
    return purged


def per_server_tables() -> frozenset[str]:
    return frozenset(part.table for part in PARTS)
