"""CPU of the read commands (issue #21, point 5): what a read does per interaction that could be
done once. A quote of a canon treaty by its name or alias reads nothing of the server's accords
(no accord can win a name a canon treaty has exactly: the canon is read first), while a server's
own accord, a canon treaty's prefix or a near spelling still answers as before; an entry canon
names exactly reads only that name of the server's lore; a canon entry's pages are drawn once
for each way a server shows them."""

from __future__ import annotations

from typing import Any

import pytest

from bot.storage import accord_reads, lore_names
from bot.ui import lore_pages
from tests.cogs.test_lore import add_entry, fields_of
from tests.cogs.test_treaties import ratify_in
from tests.conftest import World


@pytest.fixture
def accord_lookups(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The names each lookup of the server's accords (bot/storage/accord_reads.py) was asked for."""
    asked: list[list[str]] = []
    candidates = accord_reads.candidates

    async def counted(db: Any, guild_id: int, names: list[str], **options: Any) -> Any:
        asked.append(list(names))
        return await candidates(db, guild_id, names, **options)

    monkeypatch.setattr(accord_reads, "candidates", counted)
    return asked


def title_of(result: Any) -> str:
    return str(result.response.embeds[0].title)


async def test_a_canon_treaty_quoted_by_name_reads_none_of_the_servers_accords(  # type: ignore[no-untyped-def]
    env, world: World, accord_lookups: list[list[str]]
) -> None:
    await ratify_in(env, world.guild, name="Khitomer Trade Pact")
    for name, article, title in (
        ("Khitomer Accords", "III", "Khitomer Accords — Article III"),
        ("  khitomer accords ", "III", "Khitomer Accords — Article III"),
        ("KHITOMER", "II", "Khitomer Accords — Article II"),  # an alias
        ("Sheliak treaty", "I", "Treaty of Armens — Article I"),
    ):
        quoted = await world.alice.slash(world.channel, "treaty quote", treaty=name, article=article)
        assert title_of(quoted) == title and quoted.response.embeds[0].description
    assert accord_lookups == []
    # a prefix, a near spelling and the server's own accord are still looked up among its accords
    prefix = await world.alice.slash(world.channel, "treaty quote", treaty="Khitomer Trade", article="II")
    assert title_of(prefix) == "Khitomer Trade Pact (server accord) — Article II"
    near = await world.alice.slash(world.channel, "treaty quote", treaty="Khitomr Accords", article="I")
    assert title_of(near) == "Khitomer Accords — Article I"
    own = await world.alice.slash(world.channel, "treaty quote", treaty="Khitomer Trade Pact", article="I")
    assert title_of(own) == "Khitomer Trade Pact (server accord) — Article I"
    whole = await world.alice.slash(world.channel, "treaty quote", treaty="Khitomer Accords, Art. IV")
    assert title_of(whole) == "Khitomer Accords — Article IV"  # a whole reference in one option
    assert len(accord_lookups) >= 4
    # another server quotes the canon treaty alike and never sees this server's accord
    there = await world.stranger.slash(world.other_channel, "treaty quote", treaty="Khitomer", article="I")
    assert title_of(there) == "Khitomer Accords — Article I"
    refused = await world.stranger.slash(
        world.other_channel, "treaty quote", treaty="Khitomer Trade Pact", article="I"
    )
    assert refused.ephemeral and "Khitomer Trade Pact (server accord)" not in str(refused.response.content)
    assert len(env.errors) == 1


@pytest.fixture
def name_lookups(monkeypatch: pytest.MonkeyPatch) -> list[lore_names.Wanted]:
    """What each lookup of the server's lore names (bot/storage/lore_names.py) asked for."""
    asked: list[lore_names.Wanted] = []
    lookup = lore_names.lookup

    async def counted(db: Any, scope: int, wanted: lore_names.Wanted) -> Any:
        asked.append(wanted)
        return await lookup(db, scope, wanted)

    monkeypatch.setattr(lore_names, "lookup", counted)
    return asked


async def test_a_canon_entry_by_its_name_reads_only_that_name_of_the_servers_lore(  # type: ignore[no-untyped-def]
    env, world: World, name_lookups: list[lore_names.Wanted]
) -> None:
    """Server lore comes first, so the server's entry of that exact name is still read; the names
    it starts and the near spellings (two more statements) are not, since canon has the name."""
    added = await add_entry(world, title="Praxis Station", aliases="Praxis outpost")
    assert "Added **Praxis Station**" in added.response.content
    name_lookups.clear()
    for topic in ("Praxis", " PRAXIS "):  # ("praxis" is its key: no lookup at all)
        shown = await world.alice.slash(world.channel, "lore entry", topic=topic)
        assert title_of(shown) == "Praxis" and not shown.ephemeral
    assert name_lookups == [lore_names.Wanted(["praxis"])] * 2
    name_lookups.clear()
    for topic in ("Praxis St", "praxis outpost", "Praxis Staton"):  # a prefix, an alias, a typo
        shown = await world.alice.slash(world.channel, "lore entry", topic=topic)
        assert title_of(shown) == "Praxis Station (server lore)"
    assert all(wanted.prefix_rows for wanted in name_lookups[:1]) and len(name_lookups) == 3
    near = await world.alice.slash(world.channel, "lore entry", topic="Praxs")  # canon, misspelt
    assert title_of(near) == "Praxis"
    # another server reads canon alike and never this server's entry
    there = await world.stranger.slash(world.other_channel, "lore entry", topic="Praxis")
    assert title_of(there) == "Praxis"
    refused = await world.stranger.slash(world.other_channel, "lore entry", topic="Praxis Station")
    assert refused.ephemeral and "I know nothing called 'Praxis Station'" in refused.response.content
    assert len(env.errors) == 1


@pytest.fixture
def cards_drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The summaries drawn for an entry's card (bot/ui/lore_pages.py `lore_text`), in order."""
    drawn: list[str] = []
    lore_text = lore_pages.lore_text

    def counted(text: str, entry: Any, limit: int) -> str:
        drawn.append(entry.key)
        return lore_text(text, entry, limit)

    monkeypatch.setattr(lore_pages, "lore_text", counted)
    lore_pages._canon_pages.cache_clear()  # drawn by earlier tests of this process
    return drawn


async def test_a_canon_entrys_pages_are_drawn_once_and_each_server_sees_its_own_sources(  # type: ignore[no-untyped-def]
    env, world: World, cards_drawn: list[str]
) -> None:
    await env.bot.guild_config.put(world.other_guild.id, "lore.tiers", "canon")
    first = await world.alice.slash(world.channel, "lore entry", topic="Camp Khitomer")
    again = await world.bob.slash(world.channel, "lore entry", topic="Camp Khitomer")
    assert [e.to_dict() for e in again.response.embeds] == [e.to_dict() for e in first.response.embeds]
    assert cards_drawn == ["camp-khitomer"]
    sources = fields_of(first.response)["Sources"]
    assert "Fan" in sources and "settings hide" not in sources
    # the server that shows canon sources only has its own card, drawn once as well
    for _ in range(2):
        there = await world.stranger.slash(world.other_channel, "lore entry", topic="Camp Khitomer")
        hidden = fields_of(there.response)["Sources"]
        assert "Fan" not in hidden and "which this server's settings hide" in hidden
    assert cards_drawn == ["camp-khitomer", "camp-khitomer"]
    # the next page is drawn from the same pages, and the first page is as it was
    turned = await world.alice.click(first.response, label="Next ▶")
    assert turned.response is not None and "Page 2 of" in str(turned.response.embeds[0].footer.text)
    back = await world.alice.click(turned.response, label="◀ Previous")
    assert (
        back.response is not None and back.response.embeds[0].to_dict() == first.response.embeds[0].to_dict()
    )
    assert cards_drawn == ["camp-khitomer", "camp-khitomer"]
