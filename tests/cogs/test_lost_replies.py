"""A reply Discord loses after the action was stored: the member is told it was recorded (the
commit says so, not each command), and what the reply carried is posted anyway (issue #22,
defect 3)."""

from __future__ import annotations

import pytest

from tests.cogs.test_accords import ratified_game, up_for_signature
from tests.cogs.test_lore import modal_values
from tests.conftest import World

LOST = ("POST", "/interactions/*/callback")


def _told_recorded(shown: str) -> None:
    """The apology for a lost reply after a commit (the one expected error of each test)."""
    assert "nothing was changed" not in shown
    assert shown.startswith("Your action was recorded, but something went wrong on our side afterwards")


async def test_a_convene_whose_reply_is_lost_posts_its_lobby(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    env.inject_error(*LOST, status=500, times=1)
    lost = await world.moderator.slash(world.channel, "accord convene", scenario="khitomer")
    _told_recorded(lost.response.content)
    assert len(env.errors) == 1
    assert "**Khitomer, 2293** is convened" in lost.response.content
    await env.advance_time(11)  # the reply had its moment to carry the lobby
    lobby = world.channel.last_message
    assert lobby.embeds and "Khitomer, 2293" in (lobby.embeds[0].title or "")
    sat = await world.alice.click(lobby, label="Sit for Klingon Empire")
    assert not sat.ephemeral
    board = (await world.alice.slash(world.channel, "accord status")).response.embeds[0]
    assert "Klingon Empire" in str([field.value for field in board.fields]) + (board.description or "")
    await env.advance_time(3600)
    assert (
        sum(bool(m.embeds) and "Khitomer, 2293" in (m.embeds[0].title or "") for m in world.channel.history())
        == 1
    )


async def test_a_convene_whose_reply_went_out_is_not_posted_twice(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    await world.moderator.slash(world.channel, "accord convene", scenario="khitomer")
    await env.advance_time(3600)
    lobbies = [m for m in world.channel.history() if m.embeds and "Khitomer" in (m.embeds[0].title or "")]
    assert len(lobbies) == 1


@pytest.mark.parametrize("command", ["withdraw", "complaint", "vote"])
async def test_a_record_action_whose_reply_is_lost_says_it_was_recorded(
    env, world: World, command: str
) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")  # the articles' buttons here
    key, carol = await ratified_game(world)
    if command == "vote":
        await world.alice.slash(
            world.channel, "accord record complaint", accord=key, against="romulans", text="Ships."
        )
    options = {
        "withdraw": {"accord": key, "reason": "The Council condemned us."},
        "complaint": {"accord": key, "against": "romulans", "text": "Cloaked ships."},
        "vote": {"accord": key, "complaint": 1, "uphold": True},
    }[command]
    actor = carol if command == "vote" else world.alice
    env.inject_error(*LOST, status=500, times=1)
    lost = await actor.slash(world.channel, f"accord record {command}", **options)
    _told_recorded(lost.response.content)
    assert len(env.errors) == 1


async def test_a_lore_form_whose_reply_is_lost_says_it_was_recorded(env, world: World) -> None:
    shown = await world.moderator.slash(world.channel, "lore add", kind="battle", faction="Klingon Empire")
    env.inject_error(*LOST, status=500, times=1)
    lost = await world.moderator.submit_modal(shown, modal_values(shown))
    _told_recorded(lost.response.content)
    assert len(env.errors) == 1
    found = await world.alice.slash(world.channel, "lore entry", topic="Battle of Zeta Draconis")
    assert found.response.embeds[0].title == "Battle of Zeta Draconis (server lore)"


async def test_a_search_whose_reply_is_lost_does_not_claim_anything_was_saved(env, world: World) -> None:
    env.inject_error(*LOST, status=500, times=1)
    lost = await world.alice.slash(world.channel, "lore search", query="who was Kor")
    assert lost.response.content.startswith(
        "Sorry, something went wrong on our side and nothing was changed."
    )
    assert len(env.errors) == 1


async def test_a_second_sign_whose_reply_is_lost_does_not_claim_it_recorded_anything(
    env, world: World
) -> None:
    """The first Sign was stored; the second changes no row, so its lost reply says nothing changed."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    draft = await up_for_signature(world)
    await world.alice.click(draft, label="Sign")
    env.inject_error(*LOST, status=500, times=1)
    lost = await world.alice.slash(world.channel, "accord sign")
    shown = lost.response.content
    assert shown.startswith("Sorry, something went wrong on our side and nothing was changed."), shown
    assert len(env.errors) == 1
