"""The accord store and the article index, on a real SQLite file."""

from __future__ import annotations

import pytest

from bot.content.treaties import canon_treaties, content_hash
from bot.domain import search as fts
from bot.domain.errors import InvalidInput
from bot.domain.treaties import Article, Party, SourceTier
from bot.storage import Database, accord_reads, accords, treaty_index
from bot.storage.stats import content_counts
from tests.support.postgres import OpenDb

GUILD, OTHER = 111, 222


def new_accord(name: str = "Accord of Nimbus", guild: int = GUILD, **changes: object) -> accords.NewAccord:
    values: dict[str, object] = {
        "guild_id": guild,
        "name": name,
        "summary": "A pact between two delegations.",
        "date_text": "2267",
        "place": "Nimbus III",
        "parties": (Party("Klingon Empire", ("alice",)), Party("Romulan Star Empire", ("bob",))),
        "articles": (
            Article(1, "Dilithium", "The parties share the dilithium of the Nimbus belt."),
            Article(2, "Embassies", "Each party keeps an embassy in Paradise City."),
        ),
        "year": 2267,
    }
    values.update(changes)
    return accords.NewAccord(**values)  # type: ignore[arg-type]


@pytest.fixture
async def db(open_db: OpenDb):  # type: ignore[no-untyped-def]
    database = await open_db()
    yield database
    await database.close()


async def test_a_ratified_accord_is_kept_whole(db: Database) -> None:
    stored = await accords.ratify(db, new_accord())
    assert stored.key.startswith("accord-") and stored.guild_id == GUILD
    loaded = await accord_reads.quoted(db, GUILD, int(stored.key.removeprefix("accord-")), None)
    assert loaded == stored
    assert loaded.articles[1].text == "Each party keeps an embassy in Paradise City."
    assert loaded.sources[0].tier is SourceTier.SERVER
    assert (await content_counts(db)).accords == 1


async def test_accords_belong_to_their_server(db: Database) -> None:
    await accords.ratify(db, new_accord())
    assert await accord_reads.candidates(db, GUILD, ["accord of nimbus"]) != []
    assert await accord_reads.candidates(db, OTHER, ["accord of nimbus"], first=10) == []
    assert await accord_reads.quoted(db, OTHER, 1, None) is None


async def test_names_are_unique_per_server_only(db: Database) -> None:
    await accords.ratify(db, new_accord())
    with pytest.raises(InvalidInput, match="already has an accord"):
        await accords.ratify(db, new_accord(name="ACCORD OF NIMBUS"))
    await accords.ratify(db, new_accord(guild=OTHER))
    assert (await content_counts(db)).accords == 2


async def test_gapped_article_numbers_are_refused_and_nothing_is_stored(db: Database) -> None:
    bad = new_accord(articles=(Article(1, "a", "x"), Article(3, "c", "z")))
    with pytest.raises(InvalidInput, match="without gaps"):
        await accords.ratify(db, bad)
    assert (await content_counts(db)).accords == 0


@pytest.mark.parametrize("key", ["accord-12", "accord-0"])
def test_accord_keys(key: str) -> None:
    assert accords.accord_id_of(key) == int(key.split("-")[1])


@pytest.mark.parametrize("key", ["khitomer", "accord-", "accord-x", "accord-¹", "accord-" + "9" * 30])
def test_foreign_keys_are_not_accords(key: str) -> None:
    assert accords.accord_id_of(key) is None


async def test_the_canon_index_is_built_once_per_content(db: Database) -> None:
    canon = canon_treaties()
    assert await treaty_index.sync_canon(db, canon, content_hash(canon)) is True
    assert await treaty_index.sync_canon(db, canon, content_hash(canon)) is False
    rows = await db.fetch_one("SELECT count(*) FROM treaty_search")
    assert rows[0] == sum(len(t.articles) for t in canon)
    assert await treaty_index.sync_canon(db, canon[:1], "changed") is True
    rows = await db.fetch_one("SELECT count(*) FROM treaty_search")
    assert rows[0] == len(canon[0].articles)


async def test_search_sees_canon_everywhere_and_accords_only_at_home(db: Database) -> None:
    canon = canon_treaties()
    await treaty_index.sync_canon(db, canon, content_hash(canon))
    await accords.ratify(db, new_accord())
    embassy = fts.terms("embassy")
    here = {hit.treaty_key for hit in await treaty_index.search(db, GUILD, embassy)}
    there = {hit.treaty_key for hit in await treaty_index.search(db, OTHER, embassy)}
    assert "khitomer" in here and "khitomer" in there
    assert any(key.startswith("accord-") for key in here)
    assert not any(key.startswith("accord-") for key in there)


async def test_titles_outrank_body_text(db: Database) -> None:
    canon = canon_treaties()
    await treaty_index.sync_canon(db, canon, content_hash(canon))
    hits = await treaty_index.search(db, GUILD, ["cloaking"])
    assert (hits[0].treaty_key, hits[0].number) == ("kra", 2)
    assert treaty_index.MARK_START in hits[0].snippet
