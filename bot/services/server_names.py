"""A server's lore names as one request needs them: read from its name index
(bot/storage/lore_names.py) into a NameIndex of a few dozen names, so the same lookups serve a
server of ten entries or of a million, every process sees the same names, and nothing is loaded
at start or kept per server.

Each reader asks for a superset of what the in-memory lookups then choose from: the exact names
a question's words may be, the names a prefix starts, and for a misspelling the names sharing
its rarest trigrams, of a length that can reach the cutoff. rapidfuzz judges those few.
"""

from __future__ import annotations

from ..domain.name_grams import MAX_GRAMS, length_window, trigrams
from ..domain.references import normalise
from ..storage import Database
from ..storage import lore_names as store
from .name_index import FUZZY_CUTOFF, FUZZY_MIN_LENGTH, NameIndex

PREFIX_ROWS = 150  # names read for a prefix: one letter in a big server costs the same as five
NEAR_ROWS = 40  # names sharing the most rare trigrams with a misspelling, judged by rapidfuzz
PARTIAL_SHARE = 0.6  # autocomplete's partial matches: a name at least this share of what is typed


def _index(rows: list[store.NameRow]) -> NameIndex:
    names = NameIndex()
    names.add_rows((row.name, row.title, row.key) for row in rows)
    return names


def _near(typed: str, cutoff: int | None, rows: int) -> store.Wanted:
    """Names near `typed` (normalised): of a length `cutoff` allows (None: any longer name too,
    as a partial match may be)."""
    if len(typed) < FUZZY_MIN_LENGTH:
        return store.Wanted()
    if cutoff is None:
        lengths = (max(1, int(len(typed) * PARTIAL_SHARE)), 10_000)
    else:
        lengths = length_window(len(typed), cutoff)
    return store.Wanted(grams=trigrams(typed)[:MAX_GRAMS], lengths=lengths, near=rows)


async def for_question(db: Database, guild_id: int, runs: list[str], whole: str, cutoff: int) -> NameIndex:
    """For reading a question: the names its runs of words are (`runs`, normalised), and the
    names near the whole question `whole` (normalised; "" when it is too long to be a name)."""
    near = _near(whole, cutoff, NEAR_ROWS) if whole else store.Wanted()
    wanted = store.Wanted([*runs, whole], grams=near.grams, lengths=near.lengths, near=near.near)
    return _index(await store.lookup(db, guild_id, wanted))


async def for_topic(db: Database, guild_id: int, topic: str) -> NameIndex:
    """For resolving a topic typed whole: its exact name, names it starts, near spellings."""
    typed = normalise(topic)
    near = _near(typed, FUZZY_CUTOFF, NEAR_ROWS)
    prefix_rows = PREFIX_ROWS if len(typed) >= 3 else 0
    wanted = store.Wanted([typed], typed, prefix_rows, near.grams, near.lengths, near.near)
    return _index(await store.lookup(db, guild_id, wanted))


async def starting(db: Database, guild_id: int, typed: str) -> NameIndex:
    """For autocomplete: names starting with what is typed."""
    return _index(await store.lookup(db, guild_id, store.Wanted((), normalise(typed), PREFIX_ROWS)))


async def near_typed(db: Database, guild_id: int, typed: str, limit: int) -> NameIndex:
    """For autocomplete, when too few names start with what is typed: near spellings, of any
    length a partial match may have."""
    return _index(await store.lookup(db, guild_id, _near(normalise(typed), None, limit * 3)))


async def for_names(db: Database, guild_id: int, names: list[str]) -> NameIndex:
    """For checking names are free: these names exactly."""
    return _index(await store.lookup(db, guild_id, store.Wanted([normalise(n) for n in names])))
