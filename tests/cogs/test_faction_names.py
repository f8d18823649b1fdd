"""Options that name a faction or power take the forms players type, through SimCord: any case,
a demonym ("klingon", "romulans"), an alias, a unique start; unknown and ambiguous names are
refused privately, naming what would do."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cogs.test_pictures import picture
from tests.conftest import World, read_all_pages


async def timeline(world: World, faction: str) -> tuple[str, str]:
    """The timeline a member reads: its title and all of its pages."""
    result = await world.alice.slash(world.channel, "lore timeline", faction=faction)
    assert not result.ephemeral
    title = result.response.embeds[0].title or ""
    return title, "\n".join(await read_all_pages(world.alice, result.response))


async def test_a_demonym_or_a_start_gives_the_factions_own_timeline(env, world: World) -> None:
    title, klingon = await timeline(world, "Klingon Empire")
    assert title.startswith("Timeline of Klingon Empire") and "· Gowron —" in klingon
    assert "· Hectavious —" not in klingon  # a Romulan
    for typed in ("klingon", "KLINGONS", "kling", "the klingon empire"):
        assert await timeline(world, typed) == (title, klingon), typed
    romulan = await timeline(world, "Romulan Star Empire")
    assert "· Hectavious —" in romulan[1]
    assert await timeline(world, "romulans") == romulan
    assert await timeline(world, "rom") == romulan
    assert len(env.errors) == 0


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("Kzinti", "There is no faction called 'Kzinti'. The factions are: Bajor, Breen Confederacy, "),
        ("b", "'b' could be Bajor or Breen Confederacy: say which."),
    ],
)
async def test_an_unknown_or_ambiguous_faction_is_told_not_an_empty_timeline(
    env, world: World, typed: str, refusal: str
) -> None:
    result = await world.alice.slash(world.channel, "lore timeline", faction=typed)
    assert result.ephemeral and result.response.content.startswith(refusal)
    assert not result.response.embeds
    pictured = await world.alice.slash(world.channel, "lore timeline", faction=typed, picture=True)
    assert pictured.ephemeral and pictured.response.content.startswith(refusal)
    assert len(env.errors) == 2  # the two refusals, answered privately


async def test_the_timeline_autocomplete_offers_canonical_names_for_any_form(env, world: World) -> None:
    for typed in ("klingons", "kling", "Klingon"):
        offered = await world.alice.autocomplete(world.channel, "lore timeline", "faction", typed)
        assert offered[0] == {"name": "Klingon Empire", "value": "Klingon Empire"}, typed
    everything = await world.alice.autocomplete(world.channel, "lore timeline", "faction", "")
    assert {"Dominion", "Vulcan", "United Federation of Planets"} <= {c["value"] for c in everything}


async def test_a_servers_own_faction_has_its_timeline_by_its_start(env, world: World) -> None:
    shown = await world.moderator.slash(world.channel, "lore add", kind="battle", faction="Kzinti Patriarchy")
    assert shown.modal is not None
    ids = [c["components"][0]["custom_id"] for c in shown.modal["components"]]
    values = ["Battle of Wolf 359b", "", "2380", "A feint.", "The cats came."]
    await world.moderator.submit_modal(shown, dict(zip(ids, values, strict=True)))
    title, text = await timeline(world, "kzinti")
    assert title.startswith("Timeline of Kzinti Patriarchy") and "Battle of Wolf 359b" in text
    elsewhere = await world.stranger.slash(world.other_channel, "lore timeline", faction="kzinti")
    assert elsewhere.ephemeral and "There is no faction called 'kzinti'" in elsewhere.response.content
    assert len(env.errors) == 1  # only the other server's refusal


async def test_the_treaty_map_takes_a_demonym(env, world: World) -> None:
    canonical = await picture(await world.alice.slash(world.channel, "treaty map", power="Klingon Empire"))
    for typed in ("klingons", "Klingon", "kling"):
        _, alt, text = await picture(await world.alice.slash(world.channel, "treaty map", power=typed))
        assert text.startswith("**The diplomatic web of the Klingon Empire**") and alt == canonical[1]
    refused = await world.alice.slash(world.channel, "treaty map", power="s")
    assert refused.ephemeral and refused.response.content == (
        "'s' could be United Federation of Planets, Romulan Star Empire or Sheliak Corporate: say which."
    )
    offered = await world.alice.autocomplete(world.channel, "treaty map", "power", "romulans")
    assert offered == [{"name": "Romulan Star Empire", "value": "Romulan Star Empire"}]
    assert len(env.errors) == 1


async def test_accord_options_take_demonyms_and_autocomplete_lists(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    await world.moderator.slash(world.channel, "accord convene", scenario="nimbus")
    joined = await world.alice.slash(world.channel, "accord join", power="klingons")
    assert joined.response.content == f"<@{world.alice.id}> now sits for Klingon Empire."
    bob = await world.bob.slash(world.channel, "accord join", power="romulan")
    assert bob.response.content == f"<@{world.bob.id}> now sits for Romulan Star Empire."
    ambiguous = await world.moderator.slash(world.channel, "accord join", power="s")  # Starfleet, Star Empire
    assert ambiguous.ephemeral and ambiguous.response.content == (
        "'s' could be Romulan Star Empire or United Federation of Planets: say which."
    )
    parties: Any = await world.alice.autocomplete(
        world.channel, "accord propose", "parties", "klingons, rom", clause="trade"
    )
    assert parties == [
        {"name": "Klingon Empire, Romulan Star Empire", "value": "Klingon Empire, Romulan Star Empire"}
    ]
    talks = await world.alice.autocomplete(world.channel, "accord talks", "powers", "romulans")
    assert [c["value"] for c in talks] == ["Romulan Star Empire"]
    assert len(env.errors) == 1
