"""Who may do what: every game action against every kind of member, through SimCord."""

from __future__ import annotations

import pytest

from tests.conftest import World


@pytest.fixture(autouse=True)
async def _games_stay_in_the_channel(env, world: World) -> None:  # type: ignore[no-untyped-def]
    """Most tests play in the channel; test_a_conference_opens_its_own_thread covers threads."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")


# phase the game must be in, command, options, who may do it
ACTIONS = [
    ("convened", "accord start", {}, {"host", "moderator"}),
    ("convened", "accord leave", {}, {"delegate", "other_delegate"}),
    ("negotiation", "accord propose", {"clause": "trade", "text": "Trade."}, {"delegate", "other_delegate"}),
    ("negotiation", "accord oppose", {"article": 1}, {"delegate", "other_delegate"}),  # both are bound
    ("negotiation", "accord amend", {"article": 1, "text": "New words."}, {"delegate"}),
    ("negotiation", "accord retract", {"article": 1}, {"delegate"}),
    ("negotiation", "accord ratify", {}, set()),  # nothing agreed yet: refused for all
    ("agreed", "accord ratify", {}, {"host", "moderator"}),
    ("ratification", "accord sign", {}, {"delegate", "other_delegate"}),
    ("ratification", "accord refuse", {}, {"delegate", "other_delegate"}),
    ("negotiation", "accord host pause", {}, {"host", "moderator"}),
    ("negotiation", "accord host extend", {"by": "1h"}, {"host", "moderator"}),
    ("negotiation", "accord host abandon", {}, {"host", "moderator"}),
]
ROLES = ["outsider", "delegate", "other_delegate", "host", "moderator", "stranger"]


async def prepare(env, world: World, phase: str):  # type: ignore[no-untyped-def]
    host = world.guild.add_member(env.create_user("host"))
    outsider = world.guild.add_member(env.create_user("outsider"))
    lobby = (await host.slash(world.channel, "accord convene", scenario="nimbus_iii")).response
    await world.alice.click(lobby, label="Sit for Klingon Empire")
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")
    if phase != "convened":
        await host.slash(world.channel, "accord start")
        await world.alice.slash(world.channel, "accord propose", clause="trade", text="Dilithium.")
    if phase in {"agreed", "ratification"}:
        await world.bob.slash(world.channel, "accord support", article=1)
    if phase == "ratification":
        await host.slash(world.channel, "accord ratify")
    return {
        "outsider": outsider,
        "delegate": world.alice,
        "other_delegate": world.bob,
        "host": host,
        "moderator": world.moderator,
        "stranger": world.stranger,
    }


HOST_ONLY = {
    "accord start",
    "accord ratify",
    "accord host pause",
    "accord host extend",
    "accord host abandon",
}
TABLER_ONLY = {"accord amend", "accord retract"}


def expected_refusal(role: str, command: str, phase: str) -> str:
    """The sentence each refused member reads: the reason that applies to them."""
    if role == "stranger":  # another server: its channel has no conference of ours
        return "There is no conference running in this channel. Start one with /accord convene."
    if command in HOST_ONLY and role not in {"host", "moderator"}:
        return "Only the host or a moderator can do that."
    if command == "accord ratify" and phase == "negotiation":
        return "No article has the support of all its parties yet: there is nothing to ratify."
    if role not in {"delegate", "other_delegate"}:
        return "Only seated delegations act in this conference. Take a seat with /accord join."
    assert command in TABLER_ONLY and role == "other_delegate", (role, command)
    return f"Only the delegation that tabled an article can {command.split()[-1]} it."


async def event_count(env) -> int:  # type: ignore[no-untyped-def]
    return (await env.bot.db.fetch_one("SELECT count(*) FROM game_events"))[0]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("phase", "command", "options", "allowed"), ACTIONS, ids=lambda v: str(v)[:20])
async def test_every_action_against_every_member(
    env, world: World, role, phase, command, options, allowed
) -> None:  # type: ignore[no-untyped-def]
    members = await prepare(env, world, phase)
    before = await event_count(env)
    errors_before = len(env.errors)
    channel = world.other_channel if role == "stranger" else world.channel
    result = await members[role].slash(channel, command, **options)
    if role in allowed and command == "accord host abandon":  # asks first, privately
        assert result.ephemeral and result.response.content.startswith("Abandon **Nimbus III, 2267**?")
        assert await event_count(env) == before
        confirmed = await members[role].click(result.response, label="Abandon it")
        assert confirmed.response.content == "The conference is abandoned."
        assert await event_count(env) > before
    elif role in allowed:
        assert not result.ephemeral, result.response.content
        assert await event_count(env) > before
    else:
        assert result.ephemeral, f"{role} should be refused {command}"
        assert result.response.content == expected_refusal(role, command, phase)
        assert await event_count(env) == before
        assert len(env.errors) == errors_before + 1
