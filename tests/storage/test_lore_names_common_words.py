"""A misspelt name whose words are all common in a big server ("romulan convoy" among hundreds of
Romulan and convoy names): the names holding two of its words are read only where the probes did
not already read every name holding one of them (bot/storage/lore_names.py `_holding_both`).
The longest typed "word" is the words run together, which seldom names anything: reading every
name holding "romulan" to intersect it with nothing took 6.6 ms on PostgreSQL at 100,000 entries.
Both backends."""

from __future__ import annotations

import random

import pytest

from bot.domain.name_grams import typed_keys
from bot.storage import Database, lore_names
from bot.storage.lore_names import RARE, Wanted
from tests.support.postgres import OpenDb

GUILD = 7
SYLLABLES = "ka ri to mek vor da lan sha qo nos tel ar zen bra kla dor hu ven sto rel ix".split()  # noqa: SIM905


@pytest.fixture
async def db(open_db: OpenDb):  # type: ignore[no-untyped-def]
    database = await open_db()
    rng = random.Random(5)
    made: dict[str, None] = {}
    while len(made) < 2 * RARE + 40:
        made["".join(rng.choice(SYLLABLES) for _ in range(3))] = None
    odd = list(made)
    names = [f"romulan {w}" for w in odd[: RARE + 10]] + [
        f"convoy {w}" for w in odd[RARE + 10 : 2 * RARE + 20]
    ]
    names += [f"romulan convoy {w}" for w in odd[2 * RARE + 20 : 2 * RARE + 25]]
    names += [f"romulanconvoy {w}" for w in odd[2 * RARE + 25 : 2 * RARE + 28]]  # the words run together

    async def write(conn) -> None:  # type: ignore[no-untyped-def]
        for n, name in enumerate(names):
            await lore_names.write(conn, GUILD, f"server-{n + 1}", name.title(), [name])

    await database.write_now(write)
    yield database
    await database.close()


async def near(db: Database, typed: str) -> list[str]:
    found = await lore_names.lookup(db, GUILD, Wanted(words=typed_keys(typed), near=30))
    return sorted(row.name for row in found)


@pytest.mark.parametrize("typed", ["romulan convoy", "romulan convoys", "romulen convoy", "romulan konvoy x"])
async def test_the_same_names_as_reading_both_words_whole(
    db: Database, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    statements: list[str] = []
    await db.trace(statements.append)
    try:
        found = await near(db, typed)
    finally:
        await db.trace(None)
    assert found and all("romulan" in name or "convoy" in name for name in found)
    monkeypatch.setattr(lore_names, "_all_read", lambda *_args: None)  # every word read whole, as before
    assert await near(db, typed) == found


async def test_words_run_together_that_no_name_holds_read_no_names_whole(db: Database) -> None:
    statements: list[str] = []
    await db.trace(statements.append)
    try:
        found = await near(db, "romulan konvoy")  # "romulankonvoy": no name holds it
    finally:
        await db.trace(None)
    assert found
    assert not [s for s in statements if "INTERSECT" in s or "DISTINCT" in s], statements
    assert len([s for s in statements if s.startswith("SELECT")]) == 2, statements  # probes, names chosen
