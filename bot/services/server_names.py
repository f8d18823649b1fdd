"""A server's lore names as one request needs them: read from its name index
(bot/storage/lore_names.py) into a NameIndex of a few dozen names, so the same lookups serve a
server of ten entries or of a million, every process sees the same names, and nothing is loaded
at start or kept per server.

Each reader asks for a superset of what the in-memory lookups then choose from: the exact names
a question's words may be, the names a prefix starts, and for a misspelling the names holding
the most of its words, or words one letter off them (bot/domain/name_grams.py). rapidfuzz
judges those few.
"""

from __future__ import annotations

from ..domain.name_grams import typed_keys
from ..domain.references import normalise
from ..storage import Database
from ..storage import lore_names as store
from .name_index import FUZZY_MIN_LENGTH, NameIndex

PREFIX_ROWS = 150  # names read for a prefix: one letter in a big server costs the same as five
NEAR_ROWS = 100  # names sharing the most words with a misspelling, judged by rapidfuzz


def _index(rows: list[store.NameRow]) -> NameIndex:
    names = NameIndex()
    names.add_rows((row.name, row.title, row.key) for row in rows)
    return names


def _near(typed: str, rows: int) -> store.Wanted:
    """The `rows` names sharing most words (or words a letter off) with `typed` (normalised)."""
    if len(typed) < FUZZY_MIN_LENGTH:
        return store.Wanted()
    return store.Wanted(words=typed_keys(typed), near=rows)


async def for_question(db: Database, guild_id: int, runs: list[str], whole: str) -> NameIndex:
    """For reading a question: the names its runs of words are (`runs`, normalised), and the
    names near the whole question `whole` (normalised; "" when it is too long to be a name),
    unless it is a name exactly (then the near ones would never be looked at)."""
    near = _near(whole, NEAR_ROWS) if whole else store.Wanted()
    wanted = store.Wanted([*runs, whole], words=near.words, near=near.near, unless=whole)
    return _index(await store.lookup(db, guild_id, wanted))


async def for_topic(db: Database, guild_id: int, topic: str) -> NameIndex:
    """For resolving a topic typed whole: its exact name, names it starts, near spellings."""
    typed = normalise(topic)
    near = _near(typed, NEAR_ROWS)
    prefix_rows = PREFIX_ROWS if len(typed) >= 3 else 0
    wanted = store.Wanted([typed], typed, prefix_rows, near.words, near.near)
    return _index(await store.lookup(db, guild_id, wanted))


async def starting(db: Database, guild_id: int, typed: str) -> NameIndex:
    """For autocomplete: names starting with what is typed."""
    return _index(await store.lookup(db, guild_id, store.Wanted((), normalise(typed), PREFIX_ROWS)))


async def near_typed(db: Database, guild_id: int, typed: str, limit: int) -> NameIndex:
    """For autocomplete, when too few names start with what is typed: near spellings, of any
    length a partial match may have."""
    return _index(await store.lookup(db, guild_id, _near(normalise(typed), limit * 3)))


async def for_names(db: Database, guild_id: int, names: list[str]) -> NameIndex:
    """For checking names are free: these names exactly."""
    return _index(await store.lookup(db, guild_id, store.Wanted([normalise(n) for n in names])))
