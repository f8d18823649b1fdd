"""A server's lore names and term counts, kept in the transaction that writes an entry
(bot/storage/lore_names.py, lore_index.py): what every question reads instead of scanning the
server's names or counting postings (issue #21). Both backends."""

from __future__ import annotations

import random

import pytest

from bot.domain.lore import Kind
from bot.services import server_names
from bot.services.lore import SERVER_INDEX, LoreService, analysed
from bot.storage import Database, content_versions, lore_names
from bot.storage import lore as store
from bot.storage.lore_index import ENTRIES
from tests.support.postgres import OpenDb

GUILD = 7
SYLLABLES = "ka ri to mek vor da lan sha qo nos tel ar zen bra kla dor hu ven sto rel ix".split()  # noqa: SIM905


@pytest.fixture
async def db(open_db: OpenDb):  # type: ignore[no-untyped-def]
    database = await open_db()
    yield database
    await database.close()


def draft(title: str, summary: str = "An outpost.", aliases: tuple[str, ...] = ()) -> store.Draft:
    return store.Draft(title, Kind.PLACE, summary, "Body of it.", aliases)


def names(count: int) -> list[str]:
    """Generated names that look alike (the hard case for a misspelling): two or three syllables."""
    rng = random.Random(47)
    made: dict[str, None] = {}
    while len(made) < count:
        made["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()] = None
    return list(made)


async def counts(db: Database) -> tuple[dict[str, int], dict[str, int]]:
    """The kept counts and the counts the postings and entries give, for GUILD."""
    kept = {r["term"]: r["entries"] for r in await db.fetch_all(
        "SELECT term, entries FROM lore_terms WHERE scope = ? AND entries > 0", (GUILD,)
    )}  # fmt: skip
    real = {r["term"]: r["n"] for r in await db.fetch_all(
        "SELECT term, count(*) AS n FROM lore_postings WHERE scope = ? GROUP BY term", (GUILD,)
    )}  # fmt: skip
    size = await db.fetch_one("SELECT count(*) FROM lore_entries WHERE guild_id = ?", (GUILD,))
    real[ENTRIES] = int(size[0]) if size else 0
    return kept, {t: n for t, n in real.items() if n}


async def test_term_counts_follow_every_write(db: Database) -> None:
    first = await store.add(
        db, GUILD, 1, draft("Outpost Vorda", "A listening post near the border."), analysed
    )
    second = await store.add(db, GUILD, 1, draft("Kavarek Station", "A border station."), analysed)
    await store.add(db, GUILD + 1, 1, draft("Elsewhere", "A border post of another server."), analysed)
    kept, real = await counts(db)
    assert kept == real and kept["border"] == 2 and kept[ENTRIES] == 2
    await store.update(
        db, GUILD, store.server_id_of(first.key) or 0, draft("Outpost Vorda", "A ruin."), analysed
    )
    await store.remove(db, GUILD, store.server_id_of(second.key) or 0)
    kept, real = await counts(db)
    assert kept == real and "border" not in kept and kept[ENTRIES] == 1


async def test_names_are_written_and_removed_with_their_entry(db: Database) -> None:
    entry = await store.add(db, GUILD, 1, draft("Battle of Qo'noS", aliases=("The Qonos Fight",)), analysed)
    found = await lore_names.lookup(db, GUILD, lore_names.Wanted(["battle of qonos", "qonos fight"]))
    assert {(r.name, r.key) for r in found} == {("battle of qonos", entry.key), ("qonos fight", entry.key)}
    assert await lore_names.lookup(db, GUILD + 1, lore_names.Wanted(["battle of qonos"])) == []
    await store.remove(db, GUILD, store.server_id_of(entry.key) or 0)
    assert await lore_names.lookup(db, GUILD, lore_names.Wanted(["battle of qonos"])) == []
    assert (await db.fetch_one("SELECT count(*) FROM lore_name_grams WHERE scope = ?", (GUILD,)))[0] == 0


async def test_a_misspelt_name_is_found_among_many_alike(db: Database) -> None:
    service = LoreService(db)
    await service.start()
    made = [t for t in names(600) if service.canon_names.exact(t) is None]  # "Qonos" is canon's
    for title in made:
        await service.add(GUILD, 1, draft(title))
    rng = random.Random(3)
    picked = [t for t in made if len(t) >= 7][:40]
    missed = []
    for title in picked:
        at = rng.randrange(1, len(title) - 1)
        typo = title[:at] + title[at + 1 :]  # one letter dropped
        entry = await service.find(GUILD, typo)
        if entry.title != title:
            missed.append((typo, entry.title, title))
    assert len(missed) <= 2, missed  # two may be nearer another name of the 600
    offered = [n.title for n in await service.suggest(GUILD, picked[0][:-1] + "q")]
    assert picked[0] in offered


async def test_a_prefix_reads_a_bounded_number_of_names(db: Database) -> None:
    service = LoreService(db)
    await service.start()
    for n in range(560):
        await service.add(GUILD, 1, draft(f"Kar {n:04d}"))
    found = await server_names.starting(db, GUILD, "kar")
    assert len(found) == server_names.PREFIX_ROWS  # of 560 that start so
    offered = [n.title for n in await service.suggest(GUILD, "Kar 05")]
    assert offered[:3] == ["Kar 0500", "Kar 0501", "Kar 0502"]


async def test_lore_written_before_the_names_index_is_indexed_at_start(db: Database) -> None:
    service = LoreService(db)
    await service.start()
    await service.add(GUILD, 1, draft("Vorkath Outpost"))
    async with db.transaction() as conn:  # as an older release left them: no names
        await conn.execute("DELETE FROM lore_name_grams")
        await conn.execute("DELETE FROM lore_names")
    await content_versions.mark(db, SERVER_INDEX, "older")
    assert [n.title for n in await service.suggest(GUILD, "Vorkath")] == []
    await LoreService(db).start()
    assert [n.title for n in await service.suggest(GUILD, "Vorkath")] == ["Vorkath Outpost"]
    kept, real = await counts(db)
    assert kept == real  # indexing again did not count anything twice


async def test_a_servers_person_is_found_by_the_name_players_shorten_it_to(db: Database) -> None:
    """A person's family name and a name without its rank are names of theirs; an older
    release's names (title only) gain them at the first start after the upgrade."""
    service = LoreService(db)
    await service.start()
    person = store.Draft("Commander Rivhan t'Sael", Kind.PERSON, "A Romulan envoy.", "Body of it.")
    await service.add(GUILD, 1, person)
    async with db.transaction() as conn:  # as an older release left it: its title alone
        await conn.execute("DELETE FROM lore_name_grams")
        await conn.execute("DELETE FROM lore_names")
    await content_versions.mark(db, SERVER_INDEX, "older")
    assert "Commander Rivhan t'Sael" not in [n.title for n in await service.suggest(GUILD, "t'sae")]
    await LoreService(db).start()
    assert [n.title for n in await service.suggest(GUILD, "t'sae")] == ["Commander Rivhan t'Sael"]
    named = await service.search(GUILD, "who is t'sael")
    assert named.subject is not None and named.subject.title == "Commander Rivhan t'Sael"
    assert named.answer is not None and named.answer.sentence == "A Romulan envoy."
    elsewhere = await service.search(GUILD + 1, "who is t'sael")
    assert elsewhere.subject is None or elsewhere.subject.title != "Commander Rivhan t'Sael"


async def test_a_servers_faction_is_found_without_the_kind_of_body_it_is(db: Database) -> None:
    service = LoreService(db)
    await service.start()
    faction = store.Draft("Black Orchid Consortium", Kind.FACTION, "A ring of smugglers.", "Body of it.")
    await service.add(GUILD, 1, faction)
    named = await service.search(GUILD, "who are the black orchids")
    assert named.subject is not None and named.subject.title == "Black Orchid Consortium"
    assert named.answer is not None and named.answer.sentence == "A ring of smugglers."
