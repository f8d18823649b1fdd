"""Treaties read by key (issue #21): a quote answers as the domain would among every treaty of the
server, while reading only the accord it names; lists, the map and autocomplete read a page."""

from __future__ import annotations

import random
from typing import Any

import pytest

from bot.domain.errors import KhitomerError
from bot.domain.references import parse_articles, parse_reference, resolve_treaty, select_articles
from bot.domain.treaties import Article, Party, Treaty
from bot.services import pictures
from bot.services.treaties import TreatyService
from bot.storage import Database, accord_index, accord_reads, accords
from tests.support.postgres import OpenDb

GUILD, OTHER = 111, 222
NAMES = [
    ("Nimbus Concord", ("NC",)),
    ("Nimbus Compact", ()),
    ("Treaty of Vulcan", ("Vulcan Accord",)),
    ("Treaty of Vulcan Space", ()),
    ("Accord of Qo'noS", ()),
    ("The Romulan Pact", ()),
    ("Pact of Rura Penthe", ()),
    ("Organian Accord", ()),
    ("Khitomer Trade Pact", ()),
    *((f"Treaty of Sector {n}", ()) for n in range(1, 41)),
]
ASKED = [
    ("Nimbus Concord", "II"), ("nimbus concord", None), ("Nimbus Concord, Art. II", None),
    ("nimbus concord 2", None), ("NIMBUS CONCORD article 1", None), ("Nimbus", "I"), ("Nimbus Con", "I"),
    ("Nimbus Concrd", "I"), ("Niumbus Concord", "I"), ("NC", "II"), ("Treaty of Vulcan", "I"),
    ("Vulcan Accord", "all"), ("Treaty of Vulcan Spac", "I"), ("Accord of Qonos", None),
    ("accord of qo'nos art. 1", None), ("Romulan Pact", "I"), ("Treaty of Sector 17", "I"),
    ("Treaty of Sector 1", "I"), ("Treaty of Sectr 33", "I"), ("Traety of Sector 33", "2"),
    ("Khitomer Accords", "II"), ("khitomer", None), ("Khitomer Trade", "I"), ("khitomer ii, art. 2", None),
    ("Treaty of Tholia", "I"), ("Organian Accord", "I"), ("Treaty of Organia", None),
    ("Nimbus Concord", "I-III"), ("Nimbus Concord", "IX"), ("Nimbus Concord", "bogus"), ("", "I"),
    ("accord-99999", "I"), ("accord-1x", None), ("Pact of Rura", "I, II"),
]  # fmt: skip


def new_accord(
    name: str, aliases: tuple[str, ...] = (), guild: int = GUILD, year: int = 2380
) -> accords.NewAccord:
    return accords.NewAccord(
        guild_id=guild,
        name=name,
        summary="Signed by the players.",
        date_text=str(year),
        place="Khitomer",
        parties=(Party("Klingon Empire", ("alice",)), Party("Romulan Star Empire", ("bob",))),
        articles=(
            Article(1, "Ground", f"{name}: neutral ground."),
            Article(2, "Trade", f"{name}: dilithium."),
        ),
        year=year,
        aliases=aliases,
    )


@pytest.fixture
async def db(open_db: OpenDb):  # type: ignore[no-untyped-def]
    database = await open_db()
    yield database
    await database.close()


async def ratified(db: Database, names: list[tuple[str, tuple[str, ...]]] = NAMES) -> list[Treaty]:
    return [await accords.ratify(db, new_accord(name, aliases)) for name, aliases in names]


def answer(quote: Any) -> tuple[str, object, tuple[int, ...]]:
    return quote.treaty.key, quote.selection, tuple(a.number for a in quote.articles)


def oracle(catalog: list[Treaty], name: str, article: str | None) -> object:
    """What the domain answers among every treaty of the server (what /treaty quote once read)."""
    try:
        if article is None or not article.strip():
            treaty, selection = parse_reference(name, catalog)
        else:
            treaty, selection = resolve_treaty(name, catalog), parse_articles(article)
        return treaty.key, selection, tuple(a.number for a in select_articles(treaty, selection))
    except KhitomerError as error:
        return str(error)


async def test_a_quote_answers_as_the_domain_does_among_every_treaty(db: Database) -> None:
    service = TreatyService(db)
    made = await ratified(db)
    await accords.ratify(db, new_accord("Nimbus Concord", guild=OTHER))  # another server's namesake
    catalog = [*service.canon, *made]
    keyed = [(made[0].key, "II"), (made[0].key, None), (made[0].key, "IX"), (made[3].key, "bogus")]
    for name, article in [*ASKED, *keyed]:
        try:
            ours: object = answer(await service.quote(GUILD, name, article))
        except KhitomerError as error:
            ours = str(error)
        assert ours == oracle(catalog, name, article), (name, article)


async def test_misspelt_names_find_what_a_search_of_every_name_finds(db: Database) -> None:
    """Near spellings are looked for among the names beside the typed one, forwards and backwards
    in spelling order: a letter dropped, changed or swapped anywhere finds what a comparison with
    every name of the server finds."""
    rng = random.Random(21)
    syllables = "ka ri to mek vor da lan sha qo nos tel ar zen bra kla dor".split()  # noqa: SIM905
    kinds = ("Treaty of", "Accord of", "Pact of", "Concord of")
    names = list(
        dict.fromkeys(
            f"{rng.choice(kinds)} {''.join(rng.choices(syllables, k=rng.randint(2, 3))).capitalize()}"
            for _ in range(200)
        )
    )
    service = TreatyService(db)
    catalog = [*service.canon, *await ratified(db, [(name, ()) for name in names])]
    for n in range(40):
        name = rng.choice(names)
        at = rng.randrange(len(name) - 1)
        typo = [
            name[:at] + name[at + 1 :],
            name[:at] + "x" + name[at + 1 :],
            name[:at] + name[at + 1] + name[at] + name[at + 2 :],
        ][n % 3]
        try:
            ours: object = answer(await service.quote(GUILD, typo, "I"))
        except KhitomerError as error:
            ours = str(error)
        assert ours == oracle(catalog, typo, "I"), typo


class Decoded:
    """Counts the accord rows turned into objects: heads (whole, for a quote) and names only."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.heads = self.names = 0
        head, light = accord_reads.head, accord_reads.light

        def counting_head(row: Any, articles: Any = ()) -> Treaty:
            self.heads += 1
            return head(row, articles)

        def counting_light(row: Any) -> Treaty:
            self.names += 1
            return light(row)

        monkeypatch.setattr(accord_reads, "head", counting_head)
        monkeypatch.setattr(accord_reads, "light", counting_light)


async def test_a_quote_reads_the_accord_it_names_and_the_articles_it_shows(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = TreatyService(db)
    await ratified(db)
    await ratified(db, [(f"Pact of Outpost {n}", ()) for n in range(300)])  # a server with a history
    asked: list[object] = []
    quoted = accord_reads.quoted

    async def spy(db: Database, guild_id: int, accord_id: int, numbers: Any) -> Treaty | None:
        asked.append(numbers)
        return await quoted(db, guild_id, accord_id, numbers)

    monkeypatch.setattr(accord_reads, "quoted", spy)
    decoded = Decoded(monkeypatch)
    quote = await service.quote(GUILD, "Treaty of Sector 17", "II")
    assert quote.articles[0].text == "Treaty of Sector 17: dilithium."
    assert asked == [(2,)]  # by key, one article
    assert decoded.heads == 1  # the accord quoted, and no other
    assert decoded.names <= 45  # the names beside it in the index, not the server's 349 accords

    decoded.heads = decoded.names = 0
    keyed = await service.quote(GUILD, quote.treaty.key, "I")  # what autocomplete sends
    assert keyed.articles[0].title == "Ground" and decoded.heads == 1 and decoded.names == 0


async def test_autocomplete_reads_names_by_prefix_and_by_word(db: Database) -> None:
    service = TreatyService(db)
    await ratified(db)
    names = [t.name for t in await service.suggest(GUILD, "vulc")]
    assert names[:2] == ["Treaty of Vulcan", "Treaty of Vulcan Space"]
    assert [t.name for t in await service.suggest(GUILD, "space")] == ["Treaty of Vulcan Space"]
    assert "Nimbus Concord" in [t.name for t in await service.suggest(GUILD, "nimbus concrd")]  # near
    everything = await service.suggest(GUILD, "", 25)
    assert len(everything) == 25 and [t.name for t in everything[7:9]] == ["Nimbus Concord", "Nimbus Compact"]
    assert await service.suggest(OTHER, "nimbus") == await service.suggest(OTHER, "nimbus", 25)
    assert not [t for t in await service.suggest(OTHER, "nimbus") if t.is_accord]


async def test_a_question_reads_the_accords_it_names(db: Database) -> None:
    service = TreatyService(db)
    await ratified(db)
    named = await service.named_in(GUILD, "What does article II of the Treaty of Vulcan say?")
    accords_named = [t for t in named if t.is_accord]
    assert [t.name for t in accords_named] == ["Treaty of Vulcan"]
    assert accords_named[0].article(2) is not None  # whole: the lore answer reads its articles
    assert len(named) == len(service.canon) + 1


async def test_accords_stored_before_their_names_were_indexed_get_them_at_start(db: Database) -> None:
    await ratified(db, NAMES[:3])
    async with db.transaction() as conn:  # as a database migrated to 0016 holds them
        await conn.execute("DELETE FROM accord_names")
        await conn.execute("DELETE FROM content_versions WHERE name = ?", (accord_index.INDEX_NAME,))
    service = TreatyService(db)
    assert await accord_reads.candidates(db, GUILD, ["treaty of vulcan"]) == []
    await service.start()
    assert (await service.quote(GUILD, "Vulcan Accord", "I")).treaty.name == "Treaty of Vulcan"
    assert not await accord_index.ensure_names(db)  # once


async def test_the_map_reads_the_latest_accords_only(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    await ratified(db, [(f"Pact of Outpost {n}", ()) for n in range(40)])

    def shown(layout: Any) -> set[str]:
        return {row.text.split(" (")[0] for row in layout.legend}

    def fits(text: str, size: int) -> float:
        return 0.0

    decoded = Decoded(monkeypatch)
    layout, _ = await pictures.map_layout(db, GUILD, None, None, fits)
    assert decoded.heads == pictures.MAP_ACCORDS + 1  # one more tells that there are more
    latest = {f"Pact of Outpost {n}" for n in range(40 - pictures.MAP_ACCORDS, 40)}
    assert latest <= shown(layout) and "Pact of Outpost 0" not in shown(layout)
    assert layout.title.endswith(f"(latest {pictures.MAP_ACCORDS} accords)")
    klingon, _ = await pictures.map_layout(db, GUILD, 2380, "Klingon Empire", fits)
    assert latest <= shown(klingon) and "Khitomer Accords" in shown(klingon)
    early, _ = await pictures.map_layout(db, GUILD, 2300, None, fits)
    assert not [name for name in shown(early) if name.startswith("Pact of Outpost")]
