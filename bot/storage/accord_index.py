"""The rows an accord is read by (migration 0016): its names, normalised, for lookups and
autocomplete by prefix; its articles one row each, so a quote reads what it shows; its parties
with its year, for the map of one power. Written with the accord, in its transaction.

Names are spelt by bot/domain/references.py normalise(), which SQL cannot reproduce: accords
stored before 0016 get theirs once, at start-up (`ensure_names`)."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from ..domain.references import normalise
from ..domain.treaties import Treaty
from . import content_versions
from .backend import Conn, Database

log = logging.getLogger(__name__)
INDEX_NAME = "accord_names"
NAMES_VERSION = "1"  # bump when normalise() or the forms below change: the names are rebuilt
BATCH = 1000


NameRow = tuple[int, str, int, int, str | None]  # guild, form, accord, whole, reversed


def name_rows(guild_id: int, accord_id: int, name: str, aliases: Sequence[str]) -> list[NameRow]:
    """(guild, form, accord, whole, reversed) for each name and alias, and each one's tail from
    every later word ("of vulcan", "vulcan"): a word inside a name is found by prefix too."""
    forms: dict[str, int] = {}
    for raw in (name, *aliases):
        whole = normalise(raw)
        if not whole:
            continue
        forms[whole] = 1
        words = whole.split(" ")
        for start in range(1, len(words)):
            forms.setdefault(" ".join(words[start:]), 0)
    return [
        (guild_id, form, accord_id, whole, form[::-1] if whole else None) for form, whole in forms.items()
    ]


NAMES_INSERT = (
    "INSERT INTO accord_names (guild_id, name, accord_id, whole, reversed) VALUES (?, ?, ?, ?, ?)"
    " ON CONFLICT DO NOTHING"
)


async def index_accord(conn: Conn, accord_id: int, treaty: Treaty) -> None:
    """The names, articles and parties of an accord just stored, in the caller's transaction."""
    guild_id = treaty.guild_id or 0
    await conn.executemany(NAMES_INSERT, name_rows(guild_id, accord_id, treaty.name, treaty.aliases))
    await conn.executemany(
        "INSERT INTO accord_articles (accord_id, number, title, text) VALUES (?, ?, ?, ?)",
        [(accord_id, a.number, a.title, a.text) for a in treaty.articles],
    )
    await conn.executemany(
        "INSERT INTO accord_parties (guild_id, power, accord_id, year) VALUES (?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        [(guild_id, p.name, accord_id, treaty.year) for p in treaty.parties],
    )


async def ensure_names(db: Database) -> bool:
    """Give every accord its names if they were made by another spelling (or before 0016):
    once per NAMES_VERSION, in batches, in one transaction; True when it did."""
    if await content_versions.is_current(db, INDEX_NAME, NAMES_VERSION):
        return False

    async def work(conn: Conn) -> int:
        await conn.execute("DELETE FROM accord_names")
        last, done = 0, 0
        while rows := await conn.fetch_all(
            "SELECT id, guild_id, name, aliases FROM accords WHERE id > ? ORDER BY id LIMIT ?", (last, BATCH)
        ):
            values = [
                value
                for row in rows
                for value in name_rows(
                    int(row["guild_id"]), int(row["id"]), row["name"], json.loads(row["aliases"])
                )
            ]
            await conn.executemany(NAMES_INSERT, values)
            last, done = int(rows[-1]["id"]), done + len(rows)
        await content_versions.record(conn, INDEX_NAME, NAMES_VERSION)
        return done

    async with db.transaction() as conn:  # aiosqlite's thread: the loop is not held meanwhile
        done = await work(conn)
    if done:
        log.info("accord names: indexed the names of %d accords", done)
    return True
