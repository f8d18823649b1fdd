"""Seating the bot's delegations (issue #23 §1): `/accord host delegate`, the lobby's "Fill the
free seats with delegations" button, who may use them, the server's setting, forged buttons, a
player taking a delegation's seat over, and what the lobby, the board and the minutes say."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cogs.test_forged_components import HUGE, press, rows
from tests.conftest import World

FILL = "Fill the free seats with delegations"
OFF = "The moderators of this server have turned the bot's delegations off: every seat here is for a player."


@pytest.fixture(autouse=True)
async def _games_stay_in_the_channel(env, world: World) -> None:  # type: ignore[no-untyped-def]
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")


def buttons(message: Any) -> dict[str, dict[str, Any]]:
    return {c["label"]: c for row in message.components for c in row["components"]}


def seats(message: Any) -> dict[str, str]:
    return {f.name: f.value for f in message.embeds[0].fields if f.name not in {"Host", "Deadline"}}


def current(world: World, message: Any) -> Any:
    """A message of the game's channel as it reads now."""
    return next(m for m in world.channel.history() if m.id == message.id)


async def lobby(world: World) -> Any:
    """alice convenes Khitomer and sits for the Klingon Empire."""
    message = (await world.alice.slash(world.channel, "accord convene", scenario="khitomer")).response
    await world.alice.click(message, label="Sit for Klingon Empire")
    return message


async def test_the_host_seats_a_delegation_and_the_lobby_board_and_minutes_say_so(env, world: World) -> None:
    message = await lobby(world)
    offered = await world.alice.autocomplete(world.channel, "accord host delegate", "power", "")
    assert [o["value"] for o in offered] == ["United Federation of Planets", "Romulan Star Empire"]
    assert offered[0]["name"] == "United Federation of Planets (free seat)"
    seated = await world.alice.slash(world.channel, "accord host delegate", power="romulans")
    assert not seated.ephemeral
    assert seated.response.content == (
        "The bot's delegation now sits for Romulan Star Empire. A player who takes the seat in the "
        "lobby takes it over."
    )
    lobby_now = current(world, message)
    assert seats(lobby_now)["🦅 Romulan Star Empire"] == "delegation (a player who sits here takes over)"
    assert seats(lobby_now)["⚔️ Klingon Empire"] == f"<@{world.alice.id}>"
    board = (await world.bob.slash(world.channel, "accord status")).response.embeds[0]
    seat_lines = {f.name: f.value for f in board.fields}["Seats"].splitlines()
    assert "🦅 Romulan Star Empire — delegation" in seat_lines
    assert "🖖 United Federation of Planets — *free seat*" in seat_lines
    minutes = (await world.bob.slash(world.channel, "accord minutes")).response.embeds[0].description
    assert f"<@{world.alice.id}> seated the bot's delegation for Romulan Star Empire." in minutes
    assert "-1" not in minutes and "delegated" not in minutes
    again = await world.alice.slash(world.channel, "accord host delegate", power="Romulan Star Empire")
    assert again.ephemeral and again.response.content == "Nothing changed: that was already so."
    assert len(env.errors) == 0


async def test_the_fill_button_seats_every_free_seat_and_a_player_takes_one_over(env, world: World) -> None:
    message = await lobby(world)
    filled = await world.alice.click(message, label=FILL)
    assert seats(filled.response) == {
        "🖖 United Federation of Planets": "delegation (a player who sits here takes over)",
        "⚔️ Klingon Empire": f"<@{world.alice.id}>",
        "🦅 Romulan Star Empire": "delegation (a player who sits here takes over)",
    }
    assert buttons(filled.response)[FILL]["disabled"], "no free seat is left to fill"
    joined = await world.bob.slash(world.channel, "accord join", power="romulan")
    assert joined.response.content == (
        f"<@{world.bob.id}> now sits for Romulan Star Empire, taking over from the bot's delegation."
    )
    lobby_now = current(world, message)
    assert seats(lobby_now)["🦅 Romulan Star Empire"] == f"<@{world.bob.id}>"
    minutes = (await world.bob.slash(world.channel, "accord minutes")).response.embeds[0].description
    assert f"<@{world.bob.id}> took the seat of Romulan Star Empire." in minutes
    # the button says so too: privately, to the one who pressed
    pressed = await world.moderator.click(lobby_now, label="Sit for United Federation of Planets")
    assert [(r.content, r.ephemeral) for r in pressed.followups] == [
        ("You now sit for United Federation of Planets, taking over from the bot's delegation.", True)
    ]
    assert len(env.errors) == 0


@pytest.mark.parametrize("how", ["button", "slash"])
async def test_only_the_host_or_a_moderator_seats_delegations(env, world: World, how: str) -> None:
    message = await lobby(world)
    if how == "button":
        refused = await world.bob.click(message, label=FILL)
    else:
        refused = await world.bob.slash(world.channel, "accord host delegate", power="romulan")
    assert refused.ephemeral and refused.response.content == "Only the host or a moderator can do that."
    by_moderator = await world.moderator.slash(world.channel, "accord host delegate", power="romulan")
    assert by_moderator.response.content.startswith("The bot's delegation now sits for Romulan Star Empire.")
    assert len(env.errors) == (1 if how == "slash" else 0)  # a button's refusal is no command error


async def test_a_delegation_never_takes_a_players_seat(env, world: World) -> None:
    await lobby(world)
    refused = await world.alice.slash(world.channel, "accord host delegate", power="klingon")
    assert refused.ephemeral and refused.response.content == (
        f"<@{world.alice.id}> sits for Klingon Empire: a delegation takes only a free seat."
    )
    assert len(env.errors) == 1


async def test_a_server_that_turns_delegations_off_refuses_both(env, world: World) -> None:
    message = await lobby(world)
    await world.moderator.slash(world.channel, "config set", setting="game.delegations", value="off")
    by_button = await world.alice.click(message, label=FILL)
    by_slash = await world.alice.slash(world.channel, "accord host delegate", power="romulan")
    for refused in (by_button, by_slash):
        assert refused.ephemeral and refused.response.content == OFF
    events = await env.bot.db.fetch_all("SELECT kind FROM game_events WHERE kind = 'delegated'")
    assert events == []
    assert len(env.errors) == 1  # the slash command's refusal


async def test_a_forged_fill_button_is_refused_and_changes_nothing(env, world: World) -> None:
    await lobby(world)
    game = (await env.bot.db.fetch_one("SELECT id FROM games"))[0]
    before = await rows(env)
    elsewhere = await press(env, world.stranger, world.other_channel.id, f"accord:{game}:fill")
    assert "no such conference in this server" in elsewhere
    huge = await press(env, world.alice, world.channel.id, f"accord:{HUGE}:fill")
    assert huge == "This button is no longer valid. Run the command again."
    assert await rows(env) == before


async def test_the_guide_tells_the_host_how_to_fill_free_seats(env, world: World) -> None:  # type: ignore[no-untyped-def]
    guide = await world.alice.slash(world.channel, "accord guide")
    first = guide.response.embeds[0].description
    assert f"The host presses **{FILL}** (or `/accord host delegate power:…`)" in first
    assert "a player who sits down in the lobby takes the seat over" in first


async def test_a_delegation_takes_over_the_seat_of_a_player_who_went_silent(env, world: World) -> None:
    await world.moderator.slash(world.channel, "config set", setting="deadline.negotiation", value="2h")
    message = await lobby(world)
    await world.bob.click(message, label="Sit for Romulan Star Empire")
    await world.alice.click(message, label="Start the conference")
    early = await world.alice.slash(world.channel, "accord host delegate", power="romulan")
    assert early.ephemeral and early.response.content.startswith(
        f"<@{world.bob.id}> still plays Romulan Star Empire: a delegation takes over only a seat whose "
        "players have gone silent for half the phase (from <t:"
    )
    offered = await world.alice.autocomplete(world.channel, "accord host delegate", "power", "rom")
    assert offered == [
        {"name": "Romulan Star Empire (if its players have gone silent)", "value": "Romulan Star Empire"}
    ]
    await env.advance_time(61 * 60)
    taken = await world.alice.slash(world.channel, "accord host delegate", power="romulan")
    assert taken.response.content == (
        "The bot's delegation now plays Romulan Star Empire, whose players had gone silent."
    )
    board = (await world.alice.slash(world.channel, "accord status")).response.embeds[0]
    assert "🦅 Romulan Star Empire — delegation" in {f.name: f.value for f in board.fields}["Seats"]
    minutes = (await world.alice.slash(world.channel, "accord minutes")).response.embeds[0].description
    assert (
        f"<@{world.alice.id}> gave the seat of <@{world.bob.id}>, gone silent, to the bot's delegation "
        "for Romulan Star Empire." in minutes
    )
    refused = await world.bob.slash(world.channel, "accord propose", clause="trade", text="Too late.")
    assert refused.ephemeral and "Only seated delegations act" in refused.response.content
    await env.advance_time(5 * 60)
    events = await env.bot.db.fetch_all("SELECT kind FROM game_events WHERE actor_id = -1")
    assert events, "the delegation plays on for the Romulans"
    assert len(env.errors) == 2
