"""Entries read with the facts they were stored with, the facts JSON checked once per distinct
text (a question reads ~20 rows, most holding the same facts), while a row whose facts no longer
read cleanly is still logged and read without them every time. Both backends."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from bot.domain.lore import Kind
from bot.domain.lore_facts import parse_facts
from bot.services.lore import analysed
from bot.storage import Database
from bot.storage import lore as store
from tests.support.postgres import OpenDb

GUILD = 12


@pytest.fixture
async def db(open_db: OpenDb):  # type: ignore[no-untyped-def]
    database = await open_db()
    yield database
    await database.close()


async def test_the_same_facts_are_checked_once(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = parse_facts({"born": 2311, "role": "a courier of the Accords"})
    draft = store.Draft("Courier", Kind.PERSON, "A courier.", "Carried the texts.", facts=facts)
    added = [await store.add(db, GUILD, 1, replace(draft, title=f"Courier {n}"), analysed) for n in range(20)]
    checked: list[object] = []

    def counted(raw):  # type: ignore[no-untyped-def]
        checked.append(raw)
        return parse_facts(raw)

    monkeypatch.setattr(store, "parse_facts", counted)
    read = [await store.get(db, GUILD, store.server_id_of(e.key) or 0) for e in added]
    assert read == added and all(e is not None and e.facts == facts for e in read)
    assert len(checked) <= 1


async def test_facts_that_no_longer_read_are_left_out_on_every_read(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    entry = await store.add(db, GUILD, 1, store.Draft("Ledger", Kind.EVENT, "A ledger.", "Kept."), analysed)
    entry_id = store.server_id_of(entry.key) or 0
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE lore_entries SET facts = ? WHERE id = ?", ('{"born": 2290, "mood": 1}', entry_id)
        )
    with caplog.at_level(logging.WARNING, logger="bot.storage.lore"):
        for _ in range(2):
            read = await store.get(db, GUILD, entry_id)
            assert read is not None and read.facts == parse_facts({"born": 2290})
    assert sum("that fact is left out" in r.getMessage() for r in caplog.records) == 2
