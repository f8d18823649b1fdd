"""A question that is a server's title exactly reads that name, not the names near it (in a big
server its common words would read thousands); one that is no title still reads them."""

from __future__ import annotations

import pytest

from bot.domain.lore import Kind
from bot.services.lore import LoreService
from bot.storage import lore as store
from bot.storage import lore_names
from bot.storage.lore import Draft
from tests.support import postgres


async def test_an_exact_title_reads_no_near_names(
    open_db: postgres.OpenDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = await open_db()
    try:
        lore = LoreService(db)
        await lore.start()
        for n, name in enumerate(["Venmek", "Rellanven", "Telda Qoka"]):
            await lore.add(5, 1, Draft(f"Accords of {name}", Kind.TREATY, f"Pact number {n}.", "Signed."))
        near_reads: list[object] = []
        read = lore_names._near

        async def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            near_reads.append(args)
            return await read(*args, **kwargs)

        monkeypatch.setattr(lore_names, "_near", counted)
        exact = await lore.search(5, "Accords of Rellanven")
        assert exact.exact is not None and exact.exact.title == "Accords of Rellanven"
        assert near_reads == []
        # typo repair writes "Acords of Relanven" as the title first: a name nearly typed is read
        misspelt = await lore.search(5, "Acords of Relanven")
        assert misspelt.exact is not None and misspelt.exact.title == "Accords of Rellanven"
        assert near_reads == []
        await lore.search(5, "Rellanven Telda Accords")  # no title: the names near it are read
        assert len(near_reads) == 1
        assert (await lore.search(6, "Accords of Rellanven")).exact is None  # another server's
    finally:
        await db.close()


async def test_a_title_typed_shows_its_card_from_the_results_read(
    open_db: postgres.OpenDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = await open_db()
    try:
        lore = LoreService(db)
        await lore.start()
        entry = await lore.add(5, 1, Draft("Siege of Kllanix", Kind.BATTLE, "A long siege.", "It ended."))
        read_alone: list[object] = []
        one = store.get

        async def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            read_alone.append(args)
            return await one(*args, **kwargs)

        monkeypatch.setattr(store, "get", counted)
        found = await lore.search(5, "Siege of Kllanix")
        assert found.exact == entry and found.hits[0].entry == entry
        assert read_alone == []  # read with the other results, not once more on its own
    finally:
        await db.close()
