"""The full-text index over treaty articles: canon rebuilt on change, accords added on ratify."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain import search as fts
from ..domain.treaties import Treaty
from . import content_versions
from .backend import Conn, Database

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


async def index_rows(conn: Conn, treaties: Iterable[Treaty], guild_id: int) -> None:
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


async def search(
    db: Database, guild_id: int | None, words: list[str], *, every: bool = True, limit: int = 50
) -> list[ArticleHit]:
    """Articles holding every one of `words` (or, not `every`, any of them), best first.

    Titles and names weigh more than the body text; only canon and this server's accords.
    PostgreSQL reads its GIN index over a weighted tsvector; SQLite its FTS5 table.
    """
    guilds = (CANON_GUILD, guild_id if guild_id is not None else CANON_GUILD)
    if db.dialect.postgres:
        return await _search_postgres(db, guilds, words, every, limit)
    match = fts.match_all(words) if every else fts.match_any(words)
    rows = await db.fetch_all(
        "SELECT treaty_key, number,"
        f" snippet(treaty_search, 5, '{MARK_START}', '{MARK_END}', '…', 16) AS snippet"
        " FROM treaty_search WHERE treaty_search MATCH ? AND guild_id IN (?, ?)"
        " ORDER BY bm25(treaty_search, 0, 0, 0, 4.0, 6.0, 1.0) LIMIT ?",
        (match, *guilds, limit),
    )
    return [ArticleHit(row["treaty_key"], int(row["number"]), row["snippet"]) for row in rows]


# ts_rank's weights run D, C, B, A (each at most 1): text 1, names 4, titles 6, as bm25 weighs them;
# normalisation 1 divides by 1 + log(length), so a short title outranks a long one as in bm25.
_PG_WEIGHTS = "'{0.1667, 0.0, 0.6667, 1.0}'"
_PG_SNIPPET = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=16, MinWords=6, ShortWord=0"


async def _search_postgres(
    db: Database, guilds: tuple[int, int], words: list[str], every: bool, limit: int
) -> list[ArticleHit]:
    # websearch_to_tsquery never fails on syntax; each word is quoted, so it is only a word.
    query = (" " if every else " or ").join(f'"{word}"' for word in words)
    rows = await db.fetch_all(
        "SELECT treaty_key, number, ts_headline('simple', text, q, ?) AS snippet"
        " FROM treaty_search, websearch_to_tsquery('simple', ?) AS q"
        f" WHERE document @@ q AND guild_id IN (?, ?) ORDER BY ts_rank({_PG_WEIGHTS}, document, q, 1) DESC,"
        " treaty_key, number LIMIT ?",
        (_PG_SNIPPET, query, *guilds, limit),
    )
    return [ArticleHit(row["treaty_key"], int(row["number"]), row["snippet"]) for row in rows]
