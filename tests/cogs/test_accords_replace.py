"""Defect 8 of issue #22, "The host takes a present player's seat": /accord host replace gives away
only the seat of a player who has not acted for half the phase (two hours of the four-hour
negotiation set here), or one whose holder agrees with their own button; the minutes say which."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cogs.test_forged_components import forge
from tests.conftest import World, read_all_pages

HOUR = 3600
GRACE = 2 * HOUR  # half of the four-hour negotiation below
ROME = "Romulan Star Empire"


@pytest.fixture(autouse=True)
async def _a_quick_game_in_the_channel(env, world: World) -> None:  # type: ignore[no-untyped-def]
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    await env.bot.guild_config.put(world.guild.id, "deadline.negotiation", str(4 * HOUR))


def buttons(message: Any) -> dict[str, str]:
    return {c["label"]: c["custom_id"] for row in message.components for c in row["components"]}


async def negotiating(env: Any, world: World) -> Any:
    """The moderator hosts; alice and bob sit down and negotiations open. Carol is new here."""
    lobby = (
        await world.moderator.slash(
            world.channel, "accord convene", scenario="nimbus_iii", title="Nimbus Talks"
        )
    ).response
    await world.alice.click(lobby, label="Sit for Klingon Empire")
    await world.bob.click(lobby, label=f"Sit for {ROME}")
    await world.moderator.slash(world.channel, "accord start")
    return world.guild.add_member(env.create_user("carol"))


async def minutes(world: World) -> str:
    shown = await world.alice.slash(world.channel, "accord minutes")
    return "\n".join(await read_all_pages(world.alice, shown.response))


async def seated_for_rome(world: World, member: Any) -> bool:
    """Whether `member` speaks for Rome now: they try to table an article, as a player would."""
    tried = await member.slash(world.channel, "accord propose", clause="free text", text="Rome speaks.")
    if tried.ephemeral:
        assert tried.response.content.startswith("Only seated delegations act in this conference.")
        return False
    assert tried.response.embeds[0].fields[0].value.endswith(ROME)  # tabled by Rome
    return True


async def ask_bob(env: Any, world: World, carol: Any) -> Any:
    """The host tries to replace bob, who just acted: refused, and bob is asked instead."""
    await world.bob.slash(world.channel, "accord propose", clause="trade", text="Ale for ore.")
    acted = int(env.now().timestamp())
    refused = await world.moderator.slash(
        world.channel, "accord host replace", absent=world.bob, newcomer=carol
    )
    assert refused.ephemeral
    assert refused.response.content == (
        f"<@{world.bob.id}> last acted <t:{acted}:R>, so they keep their seat until <t:{acted + GRACE}:f> "
        "(2h without acting in negotiation), unless they agree to hand it over. "
        "I have asked them in the channel."
    )
    (request,) = refused.followups
    assert not request.ephemeral
    assert request.content == (
        f"<@{world.bob.id}>, <@{world.moderator.id}> asks you to hand over your seat for **{ROME}** "
        f"to <@{carol.id}>. Only you can answer."
    )
    assert list(buttons(request)) == ["Hand over my seat", "Keep my seat"]
    sent = [r.json for r in env.http_requests if isinstance(r.json, dict) and "asks you" in str(r.json)]
    pinged = [str(user) for user in sent[-1]["allowed_mentions"]["users"]]
    assert pinged == [str(world.bob.id)], "bob alone is pinged"
    assert sent[-1]["allowed_mentions"]["parse"] == []
    return request


async def test_a_player_who_just_acted_keeps_the_seat(env, world: World) -> None:
    carol = await negotiating(env, world)
    await ask_bob(env, world, carol)
    assert await seated_for_rome(world, world.bob)
    assert not await seated_for_rome(world, carol)
    assert "gave the seat" not in await minutes(world)
    assert len(env.errors) == 1  # carol's refusal, acknowledged


async def test_a_silent_player_is_replaced_once_half_the_phase_has_passed(env, world: World) -> None:
    carol = await negotiating(env, world)
    sat = int(env.now().timestamp())  # bob sat down and has not acted since
    await env.advance_time(GRACE - 60)
    early = await world.moderator.slash(
        world.channel, "accord host replace", absent=world.bob, newcomer=carol
    )
    assert early.ephemeral and f"until <t:{sat + GRACE}:f>" in early.response.content
    await env.advance_time(60)
    swapped = await world.moderator.slash(
        world.channel, "accord host replace", absent=world.bob, newcomer=carol
    )
    assert not swapped.ephemeral and swapped.followups == []
    assert swapped.response.content == (
        f"<@{carol.id}> takes over from <@{world.bob.id}>, who had not acted for 2h."
    )
    assert await seated_for_rome(world, carol)
    assert not await seated_for_rome(world, world.bob)
    assert (
        f"<@{world.moderator.id}> gave the seat of <@{world.bob.id}> to <@{carol.id}>: <@{world.bob.id}> "
        "was replaced after 2h without acting." in await minutes(world)
    )
    assert len(env.errors) == 1  # bob's refusal, acknowledged


async def test_a_player_hands_over_the_seat_with_their_own_button(env, world: World, make_bot) -> None:  # type: ignore[no-untyped-def]
    carol = await negotiating(env, world)
    request = await ask_bob(env, world, carol)
    for someone in (world.alice, carol, world.moderator):  # nobody answers for bob
        refused = await someone.click(request, label="Hand over my seat")
        assert refused.ephemeral
        assert refused.response.content == f"Only <@{world.bob.id}> can answer this: it is their seat."
    assert await seated_for_rome(world, world.bob)

    await env.restart_bot(make_bot())  # the request outlives a restart
    agreed = await world.bob.click(request, label="Hand over my seat")
    assert agreed.response.content == (
        f"<@{world.bob.id}> agreed: <@{carol.id}> takes over their seat for **{ROME}**."
    )
    assert buttons(agreed.response) == {}
    assert await seated_for_rome(world, carol)
    assert not await seated_for_rome(world, world.bob)
    assert (
        f"<@{world.moderator.id}> gave the seat of <@{world.bob.id}> to <@{carol.id}>: <@{world.bob.id}> "
        "was replaced with their consent." in await minutes(world)
    )
    assert len(env.errors) == 1  # bob's refusal, acknowledged


async def test_a_player_can_keep_the_seat(env, world: World) -> None:
    carol = await negotiating(env, world)
    request = await ask_bob(env, world, carol)
    kept = await world.bob.click(request, label="Keep my seat")
    assert kept.response.content == f"<@{world.bob.id}> keeps their seat for **{ROME}**."
    assert buttons(kept.response) == {}
    assert await seated_for_rome(world, world.bob)


async def test_a_request_is_only_good_in_its_server_and_its_phase(env, world: World) -> None:
    carol = await negotiating(env, world)
    request = await ask_bob(env, world, carol)
    custom_id = buttons(request)["Hand over my seat"]
    game, old, new, by = custom_id.split(":")[1], world.bob.id, carol.id, world.moderator.id

    lobby_era = f"accord:{game}:cede:{old}:{new}:{by}:c:yes"  # asked while the lobby was open
    said = await world.bob.click(await forge(env, world.channel.id, lobby_era), custom_id=lobby_era)
    assert said.ephemeral and said.response.content == (
        "This request lapsed: the conference has moved on to negotiation. The host can ask again."
    )
    stranger = world.other_guild.add_member(env.create_user("pretender"))
    elsewhere = f"accord:{game}:cede:{stranger.id}:{new}:{by}:n:yes"  # the same game, another server
    said = await stranger.click(await forge(env, world.other_channel.id, elsewhere), custom_id=elsewhere)
    assert said.ephemeral and said.response.content == "There is no such conference in this server."
    self_made = f"accord:{game}:cede:{old}:{new}:{world.bob.id}:n:yes"  # bob "asked" himself
    said = await world.bob.click(await forge(env, world.channel.id, self_made), custom_id=self_made)
    assert said.ephemeral and said.response.content == (
        "This request lapsed: the member who asked no longer runs this conference."
    )
    assert await seated_for_rome(world, world.bob)

    confirm = await world.moderator.slash(world.channel, "accord host abandon")
    await world.moderator.click(confirm.response, label="Abandon it")
    over = await world.bob.click(request, label="Hand over my seat")
    assert over.ephemeral and over.response.content == "This conference is over."
