"""Only the postings a question can read (bot/storage/lore_floors.py; issue #21, point 4): an
import into a server where many entries hold a term leaves out the term's postings past its best,
and what a question reads, and so how it ranks, is what it was with every posting kept, after
imports, edits and removals alike. Both backends."""

from __future__ import annotations

import io
import random
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.domain.lore import Kind
from bot.services.lore import SERVER_INDEX, LoreService, analysed
from bot.services.lore_bulk import import_export
from bot.storage import Database, content_versions, lore_floors, open_database
from bot.storage import lore as store
from bot.storage.lore_index import impacts_of, retrieve, write_entries
from tests.services.test_wiki_export import export, page
from tests.support import postgres

GUILD = 7
FILLER = ("quiet", "patrol", "of", "the", "outer", "marches", "long", "watches", "between", "stars")


def relay_page(n: int, seed: int = 0) -> str:
    """A page holding "relay" and "border" once each in a body of a length of its own (so an
    impact of its own), and a word only it holds."""
    rng = random.Random(n * 31 + seed)
    filler = " ".join(rng.choice(FILLER) for _ in range(rng.randint(0, 40)))
    return page(f"Station {n}", f"The relay of Station {n} guards the border {filler}. Word{n}x.")


async def imported(lore: LoreService, guild_id: int, pages: list[str]) -> None:
    data = io.BytesIO(export("".join(pages)))
    await import_export(lore, guild_id, data, Kind.PLACE, processes=0)


async def truth(db: Database, guild_id: int) -> dict[str, list[tuple[float, str]]]:
    """Every posting the server's entries hold (their rows keep them all), best first, by term."""
    by_term: dict[str, list[tuple[float, str]]] = {}
    for row in await db.fetch_all("SELECT id, postings FROM lore_entries WHERE guild_id = ?", (guild_id,)):
        for term, impact in impacts_of(row["postings"]).items():
            by_term.setdefault(term, []).append((impact, store.server_key(int(row["id"]))))
    return {term: sorted(held, reverse=True) for term, held in by_term.items()}


async def stored(db: Database, guild_id: int, term: str) -> list[tuple[float, str]]:
    rows = await db.fetch_all(
        "SELECT impact, entry FROM lore_postings WHERE scope = ? AND term = ?", (guild_id, term)
    )
    return sorted(((float(r["impact"]), r["entry"]) for r in rows), reverse=True)


async def assert_reads_as_if_nothing_left_out(db: Database, guild_id: int, best: int) -> None:
    """For every term: the `best` postings a read takes are the best of all the entries hold
    (ties at the last place may go either way), and each posting left out is under the floor."""
    everything = await truth(db, guild_id)
    read = await retrieve(db, [guild_id], 0, sorted(everything), best)
    floors = {r["term"]: float(r["kept_from"]) for r in await db.fetch_all(
        "SELECT term, kept_from FROM lore_terms WHERE scope = ?", (guild_id,)
    )}  # fmt: skip
    for term, held in everything.items():
        got = sorted(((i[term], key) for key, i in read.impacts.items() if term in i), reverse=True)
        want = held[:best]
        assert [i for i, _k in got] == [i for i, _k in want], term
        last = want[-1][0]
        assert {k for i, k in got if i > last} == {k for i, k in want if i > last}, term
        left_out = set(held) - set(await stored(db, guild_id, term))
        assert all(impact < floors[term] for impact, _key in left_out), term
        assert read.frequency[term] == len(held)  # the counts are every entry's, pruned or not


async def test_an_import_into_a_big_server_leaves_out_what_no_question_reads(
    lore_service: LoreService,
) -> None:
    db = lore_service.db
    await imported(lore_service, GUILD, [relay_page(n) for n in range(600)])
    assert len(await stored(db, GUILD, "relay")) == 600  # a first batch: no floor yet
    await imported(lore_service, GUILD, [relay_page(n) for n in range(600, 900)])

    held = (await truth(db, GUILD))["relay"]
    kept = await stored(db, GUILD, "relay")
    # the floor is the 200th best of 600: the new pages' postings under it (most) are left out
    assert len(held) == 900 and 600 <= len(kept) < 750
    assert len(await stored(db, GUILD, "word800x")) == 1  # a rare word is never left out
    await assert_reads_as_if_nothing_left_out(db, GUILD, lore_floors.READ_AT_MOST)


async def test_an_entry_written_alone_stores_only_what_its_terms_floors_keep(
    lore_service: LoreService,
) -> None:
    db = lore_service.db
    await imported(lore_service, GUILD, [relay_page(n) for n in range(600)])
    await imported(lore_service, GUILD, [relay_page(n) for n in range(600, 900)])
    words = " ".join(FILLER * 4)  # a long summary: "relay" weighs little in it
    weak = store.Draft("Station Weak", Kind.PLACE, f"The relay {words}.", f"The relay {words}.")
    strong = store.Draft("Station Strong", Kind.PLACE, "The relay relay relay.", "Relay.")
    added = [await lore_service.add(GUILD, 1, draft) for draft in (weak, strong)]
    kept = {key for _i, key in await stored(db, GUILD, "relay")}
    assert added[0].key not in kept and added[1].key in kept
    await assert_reads_as_if_nothing_left_out(db, GUILD, lore_floors.READ_AT_MOST)


@pytest.fixture
async def unpruned(tmp_path: Path, postgres_server: str | None) -> AsyncIterator[LoreService]:
    """A second database on the same backend, whose floors never rise (each term keeps all)."""
    schema, url = postgres.new_schema(postgres_server) if postgres_server else (None, None)
    db = await open_database(tmp_path / "unpruned.db", url)
    lore = LoreService(db)
    await lore.start()
    yield lore
    await lore.stop()
    await db.close()
    if postgres_server and schema:
        postgres.drop_schema(postgres_server, schema)


async def test_a_question_ranks_as_it_would_with_every_posting_kept(
    lore_service: LoreService, unpruned: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = [relay_page(n) for n in range(900)]
    for lore in (lore_service, unpruned):  # the same entries, with the same keys
        if lore is unpruned:
            monkeypatch.setattr(lore_floors, "KEPT", 10**9)  # no floor ever rises
        await imported(lore, GUILD, pages[:600])
        await imported(lore, GUILD, pages[600:])
    pruned, whole = [len(await stored(lore.db, GUILD, "border")) for lore in (lore_service, unpruned)]
    assert pruned < 750 and whole == 900

    for question in ("which relay guards the border", "the quiet border relay", "station relay watches"):
        found = [await lore.search(GUILD, question) for lore in (lore_service, unpruned)]
        assert [h.entry.title for h in found[0].hits] == [h.entry.title for h in found[1].hits], question
        assert len(found[0].hits) > 20


async def test_removing_a_terms_best_entries_puts_back_what_was_left_out(lore_service: LoreService) -> None:
    db = lore_service.db
    await imported(lore_service, GUILD, [relay_page(n) for n in range(600)])
    await imported(lore_service, GUILD, [relay_page(n) for n in range(600, 900)])
    floor = await db.fetch_one(
        "SELECT kept_from FROM lore_terms WHERE scope = ? AND term = 'relay'", (GUILD,)
    )
    assert floor is not None and float(floor["kept_from"]) > 0
    above = [key for impact, key in (await truth(db, GUILD))["relay"] if impact >= float(floor["kept_from"])]
    for key in above[: len(above) - 50]:  # a moderator removes the entries that held it best, but 50
        await store.remove(db, GUILD, store.server_id_of(key) or 0)

    await assert_reads_as_if_nothing_left_out(db, GUILD, lore_floors.READ_AT_MOST)
    row = await db.fetch_one("SELECT kept_from FROM lore_terms WHERE scope = ? AND term = 'relay'", (GUILD,))
    assert row is not None and float(row["kept_from"]) == 0.0  # refilled: every posting is back
    assert len(await stored(db, GUILD, "relay")) == 900 - (len(above) - 50)


async def test_imports_edits_and_removals_in_any_order_read_the_same_best(
    lore_service: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With small floors (a read takes 3, a floor keeps 6), sixty random steps, each checked:
    imports of new and rewritten pages, entries added, edited and removed one at a time, and part
    of the server reindexed (as a batch of an upgrade's reindex is, the rest not yet)."""
    monkeypatch.setattr(lore_floors, "READ_AT_MOST", 3)
    monkeypatch.setattr(lore_floors, "KEPT", 6)
    db, rng = lore_service.db, random.Random(21)
    await imported(lore_service, GUILD, [relay_page(n) for n in range(12)])
    seen: Counter[str] = Counter()
    for step in range(60):
        rows = await db.fetch_all("SELECT id FROM lore_entries WHERE guild_id = ?", (GUILD,))
        keys = [store.server_key(int(row["id"])) for row in rows]
        action = rng.choice(("import", "reimport", "add", "edit", "remove", "remove", "reindex"))
        seen[action] += 1
        if action == "import":  # new pages, and some of the old ones again, rewritten
            numbers = [rng.randrange(200) for _ in range(rng.randint(1, 15))]
            await imported(lore_service, GUILD, [relay_page(n, seed=step) for n in dict.fromkeys(numbers)])
        elif action == "reimport":
            again = [relay_page(n, seed=step) for n in range(200) if n % 3 == step % 3]
            await imported(lore_service, GUILD, again)
        elif action in ("add", "edit"):
            filler = " ".join(rng.choice(FILLER) for _ in range(rng.randint(0, 30)))
            draft = store.Draft(
                f"Outpost {step}", Kind.PLACE, f"The relay {filler}.", f"The border {filler}."
            )
            if action == "add" or not keys:
                await store.add(db, GUILD, 1, draft, analysed)
            else:
                await store.update(db, GUILD, store.server_id_of(rng.choice(keys)) or 0, draft, analysed)
        elif action == "remove" and keys:
            for key in rng.sample(keys, min(len(keys), rng.randint(1, 6))):
                await store.remove(db, GUILD, store.server_id_of(key) or 0)
        elif action == "reindex" and keys:
            some = await store.entries_by_keys(db, GUILD, rng.sample(keys, min(len(keys), 10)))
            await write_entries(db, [(GUILD, entry.key, analysed(entry)) for entry in some])
        await assert_reads_as_if_nothing_left_out(db, GUILD, 3)
    floors = await db.fetch_one("SELECT count(*) FROM lore_terms WHERE scope = ? AND kept_from > 0", (GUILD,))
    assert floors is not None and floors[0] > 0  # floors rose along the way: the check saw them
    assert min(seen.values()) >= 3 and len(seen) == 6  # every kind of step, more than once


async def test_a_read_of_more_than_is_kept_is_refused(lore_service: LoreService) -> None:
    with pytest.raises(ValueError, match="at most"):
        await retrieve(lore_service.db, [GUILD], 0, ["relay"], lore_floors.READ_AT_MOST + 1)


async def test_a_reindex_after_an_upgrade_keeps_the_floors_and_reads_the_same(
    lore_service: LoreService,
) -> None:
    """Another analyser's release indexes every server entry afresh, a batch at a time, each
    entry's postings at or above its terms' floors; reads stay exact."""
    db = lore_service.db
    await imported(lore_service, GUILD, [relay_page(n) for n in range(600)])
    await imported(lore_service, GUILD, [relay_page(n) for n in range(600, 900)])
    kept = len(await stored(db, GUILD, "relay"))
    assert kept < 750
    await content_versions.mark(db, SERVER_INDEX, "an older analyser")
    again = LoreService(db)
    await again.start()
    assert lore_floors.KEPT <= len(await stored(db, GUILD, "relay")) <= kept  # each at or above its floor
    floors = await db.fetch_one("SELECT count(*) FROM lore_terms WHERE scope = ? AND kept_from > 0", (GUILD,))
    assert floors is not None and floors[0] > 0
    await assert_reads_as_if_nothing_left_out(db, GUILD, lore_floors.READ_AT_MOST)


async def test_a_big_servers_entries_are_written_off_the_event_loop(
    lore_service: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite, write_now runs on the event loop's own thread. In a server of more than
    LOOP_ENTRIES entries, where a removal may put back a term's postings from every entry's row,
    adding, editing and removing go to the database's thread instead."""
    db = lore_service.db
    if db.dialect.postgres:
        pytest.skip("on PostgreSQL every write is a transaction; nothing runs on the loop's thread")
    monkeypatch.setattr(store, "LOOP_ENTRIES", 3)
    on_loop: list[str] = []
    write_now = db.write_now

    async def spied(work: Any, *, guild: int | None = None) -> Any:
        on_loop.append(work.__qualname__.split(".")[0])
        return await write_now(work, guild=guild)

    monkeypatch.setattr(db, "write_now", spied)
    for n in range(5):  # the server holds 0, 1, 2, 3 and then 4 entries as each is added
        await store.add(db, GUILD, 1, store.Draft(f"Post {n}", Kind.PLACE, "A post.", "A post."), analysed)
    assert on_loop == ["add"] * 4
    one = await store.key_titled(db, GUILD, "Post 0")
    entry_id = store.server_id_of(one or "") or 0
    await store.update(db, GUILD, entry_id, store.Draft("Post 0", Kind.PLACE, "A ruin.", "A ruin."), analysed)
    assert await store.remove(db, GUILD, entry_id)
    assert on_loop == ["add"] * 4  # neither on the loop
    assert await store.key_titled(db, GUILD, "Post 0") is None
