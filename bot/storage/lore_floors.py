"""Only the postings a question can read (issue #21, point 4): static pruning of the lore index.

A question reads at most the best READ_AT_MOST postings of each term and scope (lore_search's
CANDIDATES), so a term most of a big server's entries hold needs only its best few stored: the
rest is B-tree an import would write for nothing (at 100,000 generated entries, 83% of the
postings were past their term's best 200). Each term of a scope has a floor,
lore_terms.kept_from: every posting at or above it is in lore_postings; one under it may be
left out (the entry's row still keeps it, lore_entries.postings).

- A batch of imported entries first raises the floor of each term it holds to the term's
  KEPT-th best stored posting (`raise_floors`), then leaves out its postings under the floor.
- An entry written alone stores its postings at or above their terms' floors (`floors_of`).
- After a removal, a term left with fewer than READ_AT_MOST postings at or above its floor gets
  back every posting its entries hold, read from their rows, and its floor goes to 0 (`refill`);
  a reindex, which rewrites many entries, does so once a batch.

So the best READ_AT_MOST postings of every term are the ones they would be with nothing left
out, and every question ranks as before. Floors only rise between refills: a posting left out
was under the floor then, so under it now.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Collection, Sequence
from typing import Any

from .backend import Conn
from .lore_keys import server_key

READ_AT_MOST = 100  # postings a read takes per term and scope, at most (retrieve refuses more)
KEPT = 2 * READ_AT_MOST  # a raised floor keeps this many; a term may lose half before a refill
CHUNK = 500  # terms bound in one statement on SQLite
# rows a refill decodes where it runs (about 15 ms at most); more go to a thread. A write on the
# event loop's own connection (bot/storage/lore.py, servers of at most LOOP_ENTRIES) may not wait.
DECODED_AT_ONCE = 500

# The KEPT-th best posting of each term (NULL for a term holding fewer), beside its floor.
_KTH = (
    "SELECT t.term, t.kept_from, (SELECT p.impact FROM lore_postings AS p"
    " WHERE p.scope = t.scope AND p.term = t.term ORDER BY p.impact DESC LIMIT 1 OFFSET ?) AS kth"
    " FROM lore_terms AS t WHERE t.scope = ? AND (t.entries > ? OR t.kept_from > 0) AND {among}"
)
# Terms whose floor keeps fewer than READ_AT_MOST postings at or above it.
_SHORT = (
    "SELECT t.term FROM lore_terms AS t WHERE t.scope = ? AND t.kept_from > 0 AND {among}"
    " AND (SELECT p.impact FROM lore_postings AS p WHERE p.scope = t.scope AND p.term = t.term"
    " AND p.impact >= t.kept_from ORDER BY p.impact DESC LIMIT 1 OFFSET ?) IS NULL"
)
_FLOOR = "UPDATE lore_terms SET kept_from = ? WHERE scope = ? AND term = ?"
_POSTING = "INSERT INTO lore_postings (scope, term, impact, entry) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"


def _parts(terms: Collection[str]) -> list[list[str]]:
    ordered = sorted(terms)
    return [ordered[at : at + CHUNK] for at in range(0, len(ordered), CHUNK)]


async def raise_floors(conn: Conn, scope: int, terms: Collection[str]) -> dict[str, float]:
    """The floor of each of `terms` that has one, raised first to the term's KEPT-th best stored
    posting where it holds more. Postings under a term's floor need not be written."""
    floors: dict[str, float] = {}
    raised: list[tuple[float, int, str]] = []
    for part in _parts(terms):
        among, values = conn.dialect.among("t.term", part)
        for row in await conn.fetch_all(_KTH.format(among=among), (KEPT - 1, scope, KEPT, *values)):
            floor, kth = float(row["kept_from"]), row["kth"]
            if kth is not None and float(kth) > floor:
                floor = float(kth)
                raised.append((floor, scope, row["term"]))
            if floor > 0:
                floors[row["term"]] = floor
    await conn.executemany(_FLOOR, raised)
    return floors


async def floors_of(conn: Conn, scope: int, terms: Collection[str]) -> dict[str, float]:
    """The floor of each of `terms` that has one: postings under it need not be written."""
    floors: dict[str, float] = {}
    for part in _parts(terms):
        among, values = conn.dialect.among("term", part)
        rows = await conn.fetch_all(
            f"SELECT term, kept_from FROM lore_terms WHERE scope = ? AND kept_from > 0 AND {among}",
            (scope, *values),
        )
        floors.update((row["term"], float(row["kept_from"])) for row in rows)
    return floors


async def refill(conn: Conn, scope: int, terms: Collection[str], leaving: int | None = None) -> list[str]:
    """After postings of `terms` were removed: each term left with fewer than READ_AT_MOST at or
    above its floor gets every posting its entries' rows keep (but the row of `leaving`, an entry
    being removed), and the floor 0. The terms refilled (none, nearly always: it takes
    KEPT - READ_AT_MOST removals of a term's best). One read of the rows naming any of them, decoded
    in a thread when there are many (a second's work at 100,000 entries)."""
    short: list[str] = []
    for part in _parts(terms):
        among, values = conn.dialect.among("t.term", part)
        rows = await conn.fetch_all(_SHORT.format(among=among), (scope, *values, READ_AT_MOST - 1))
        short += [row["term"] for row in rows]
    for part in _parts(short):
        # the rows whose postings name a term of `part`, a key of their JSON as
        # lore_index.impacts_json writes it (a row the upgrade 0024 wrote may spell a term
        # otherwise; no posting of such a row was ever left out, and a rewrite uses impacts_json)
        patterns = ["%" + _like(json.dumps(term)) + "%" for term in part]
        named = " OR ".join(["postings LIKE ? ESCAPE '\\'"] * len(patterns))
        rows = await conn.fetch_all(
            f"SELECT id, postings FROM lore_entries WHERE guild_id = ? AND ({named})", (scope, *patterns)
        )
        if len(rows) <= DECODED_AT_ONCE:
            held = _postings_of(scope, part, rows, leaving)
        else:  # a big server's rows: read and decoded in a thread, not on the event loop
            held = await asyncio.to_thread(_postings_of, scope, part, rows, leaving)
        await conn.executemany(_POSTING, held)
        await conn.executemany(_FLOOR, [(0.0, scope, term) for term in part])
    return short


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _postings_of(
    scope: int, terms: list[str], rows: Sequence[Any], leaving: int | None
) -> list[tuple[int, str, float, str]]:
    """lore_postings' rows of `terms` that the entries' `rows` (id, postings) hold."""
    wanted = set(terms)
    return [
        (scope, term, float(impact), server_key(int(row["id"])))
        for row in rows
        if int(row["id"]) != leaving
        for term, impact in json.loads(row["postings"]).items()
        if term in wanted
    ]
