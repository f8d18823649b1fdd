"""The full-text index over treaty articles: canon rebuilt on change, accords added on ratify."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import aiosqlite

from ..domain.treaties import Treaty
from . import content_versions
from .database import Database

CANON_GUILD = 0  # canon rows carry guild 0: visible in every server
INDEX_NAME = "treaty_search"
# Snippet markers: control characters no article contains, swapped for bold when rendered.
MARK_START, MARK_END = "\x02", "\x03"


@dataclass(frozen=True, slots=True)
class ArticleHit:
    treaty_key: str
    number: int
    snippet: str


INDEX_INSERT = (
    "INSERT INTO treaty_search (treaty_key, guild_id, number, treaty_name, title, text)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)


def index_values(treaties: Iterable[Treaty], guild_id: int) -> list[tuple[object, ...]]:
    return [
        (treaty.key, guild_id, article.number, treaty.name, article.title, article.text)
        for treaty in treaties
        for article in treaty.articles
    ]


async def index_rows(conn: aiosqlite.Connection, treaties: Iterable[Treaty], guild_id: int) -> None:
    await conn.executemany(INDEX_INSERT, index_values(treaties, guild_id))


async def sync_canon(db: Database, treaties: Iterable[Treaty], digest: str) -> bool:
    """Rebuild the canon part of the index if the content changed; True when it did."""
    if await content_versions.is_current(db, INDEX_NAME, digest):
        return False
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM treaty_search WHERE guild_id = ?", (CANON_GUILD,))
        await index_rows(conn, treaties, CANON_GUILD)
        await content_versions.record(conn, INDEX_NAME, digest)
    return True


async def search(db: Database, guild_id: int | None, match: str, *, limit: int = 50) -> list[ArticleHit]:
    """Articles matching an FTS5 expression built by bot.domain.search, best first.

    Names and titles weigh more than the body text; only canon and this server's accords.
    """
    rows = await db.fetch_all(
        "SELECT treaty_key, number,"
        f" snippet(treaty_search, 5, '{MARK_START}', '{MARK_END}', '…', 16) AS snippet"
        " FROM treaty_search WHERE treaty_search MATCH ? AND guild_id IN (?, ?)"
        " ORDER BY bm25(treaty_search, 0, 0, 0, 4.0, 6.0, 1.0) LIMIT ?",
        (match, CANON_GUILD, guild_id if guild_id is not None else CANON_GUILD, limit),
    )
    return [ArticleHit(row["treaty_key"], int(row["number"]), row["snippet"]) for row in rows]
