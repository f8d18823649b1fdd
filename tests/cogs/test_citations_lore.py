""" "Look up lore named here" (issue #25): `[[Praxis]]` links in a member's message answered with
their lore cards, looked up as /lore entry looks a topic up; what has no card is said."""

from __future__ import annotations

from bot.domain.lore import Kind
from bot.storage.lore import Draft
from tests.cogs.test_citations import every_page
from tests.conftest import World

LOOK_UP = "Look up lore named here"


async def test_each_link_gets_its_card_in_order(env, world: World) -> None:
    said = await world.alice.send(
        world.channel, "We stood under [[Praxis]] when [[Gowran|the chancellor]] spoke. [[praxis]] again."
    )
    result = await world.bob.context_menu(world.channel, LOOK_UP, said)
    assert not result.ephemeral
    assert result.response.content == f"Lore named in {said.jump_url}"
    pages = await every_page(world.bob, result.response)
    assert [p.embeds[0].title for p in pages] == ["Praxis", "Gowron"], "a typo is forgiven, a repeat is not"
    fields = {f.name: f.value for f in pages[0].embeds[0].fields}
    assert fields["Years"] == "2293" and "moon" in pages[0].embeds[0].description


async def test_an_unknown_name_is_listed_with_the_closest(env, world: World) -> None:
    said = await world.alice.send(
        world.channel, "Ask [[Kor]] about [[Qo'noS Orbital Drydock Nine]] and [[Zzyzx]]."
    )
    result = await world.bob.context_menu(world.channel, LOOK_UP, said)
    lines = result.response.content.splitlines()
    assert lines[0] == f"Lore named in {said.jump_url}"
    assert lines[1].startswith("• Nothing here is called 'Qo'noS Orbital Drydock Nine' (closest: Qo'noS")
    assert lines[2] == "• Nothing here is called 'Zzyzx'."
    assert [e.title for e in result.response.embeds] == ["Kor"]


async def test_at_most_ten_links_are_looked_up(env, world: World) -> None:
    names = ["Praxis", "Kor", "Gowron", "Azetbur", "Bajor", "Antaak", "Kang", "Koloth", "Worf", "Martok"]
    said = await world.alice.send(world.channel, " ".join(f"[[{n}]]" for n in [*names, "Spock", "Sarek"]))
    result = await world.bob.context_menu(world.channel, LOOK_UP, said)
    assert result.response.content.endswith("• 2 more links not looked up: at most 10 from one message.")
    pages = await every_page(world.bob, result.response)
    assert len(pages) == 10 and pages[-1].embeds[0].title == "Martok"


async def test_server_lore_is_found_and_only_in_its_own_server(env, world: World) -> None:
    service = env.bot.get_cog("Lore").service
    draft = Draft("Ambassador Kell's Folly", Kind.EVENT, "A feast that ended a truce.", "It began well.")
    await service.add(world.guild.id, world.moderator.id, draft)
    said = await world.alice.send(world.channel, "Remember [[Ambassador Kell's Folly]].")
    card = (await world.bob.context_menu(world.channel, LOOK_UP, said)).response.embeds[0]
    assert card.title == "Ambassador Kell's Folly (server lore)"
    elsewhere = await world.stranger.send(world.other_channel, "Remember [[Ambassador Kell's Folly]].")
    refused = (await world.stranger.context_menu(world.other_channel, LOOK_UP, elsewhere)).response
    assert refused.content.startswith(
        f"No lore card for the links in {elsewhere.jump_url}\n• Nothing here is called"
    )
    assert refused.embeds == []


async def test_a_message_without_links_says_how_to_write_one(env, world: World) -> None:
    said = await world.alice.send(world.channel, "Praxis exploded, and [Kor] laughed.")
    result = await world.bob.context_menu(world.channel, LOOK_UP, said)
    assert result.ephemeral
    assert result.response.content.startswith("I found no lore link in that message.")
    assert "`[[Praxis]]`" in result.response.content and "`[[Praxis|the moon]]`" in result.response.content


async def test_an_entry_this_server_hides_is_said_not_shown(env, world: World) -> None:
    await world.moderator.slash(world.channel, "config set", setting="lore.tiers", value="canon")
    said = await world.alice.send(world.channel, "Like [[Hectavious]] at [[Praxis]].")
    result = await world.bob.context_menu(world.channel, LOOK_UP, said)
    assert result.response.content.splitlines()[1] == (
        "• 'Hectavious' rests only on sources this server's settings hide."
    )
    assert [e.title for e in result.response.embeds] == ["Praxis"]
