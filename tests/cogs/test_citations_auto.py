"""Automatic citations (issue #25): where moderators turn them on (citations.channels), the bot
answers treaty references and `[[lore links]]` in new messages by itself, with one compact reply
that pings nobody; nowhere else, never to bots, webhooks or itself, once a message, at most five
replies a minute in a channel. The bot here runs with MESSAGE_CONTENT=on."""

from __future__ import annotations

from dataclasses import replace

import discord
import pytest
import simcord

from bot.config import Settings
from tests.conftest import World

REFERENCE = "As Article II of the Khitomer Accords promises, our gates stay open. We met under [[Praxis]]."


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, message_content=True)


def replies(channel: simcord.ChannelHandle, env) -> list[discord.Message]:  # type: ignore[no-untyped-def]
    return [m for m in channel.history() if m.author.id == env.bot.user.id]


async def turn_on(world: World, channel: simcord.ChannelHandle) -> str:
    result = await world.moderator.slash(
        world.channel, "config set", setting="citations.channels", value="add", channel=channel
    )
    return result.response.content


async def test_it_answers_in_the_chosen_channel_and_nowhere_else(env, world: World) -> None:
    elsewhere = world.guild.create_text_channel("ten-forward")
    assert await turn_on(world, world.channel) == f"`citations.channels` is now <#{world.channel.id}>."
    said = await world.alice.send(world.channel, REFERENCE)
    [reply] = replies(world.channel, env)
    assert reply.reference is not None and reply.reference.message_id == said.id
    text = reply.embeds[0].description or ""
    assert text.startswith(
        "**Khitomer Accords — Article II**\n*Article II — Diplomatic relations and embassies:* "
    )
    assert "**Praxis** — " in text and "moon" in text
    sent = [r.json for r in env.http_requests if r.method == "POST" and r.path.endswith("/messages")]
    assert sent[-1]["allowed_mentions"] == {"parse": [], "replied_user": False}
    await world.alice.send(elsewhere, REFERENCE)
    await world.stranger.send(world.other_channel, REFERENCE)
    assert replies(elsewhere, env) == [] and replies(world.other_channel, env) == []
    await world.alice.send(world.channel, "Good morning, Ambassador. The tea is cold.")
    assert len(replies(world.channel, env)) == 1, "a message that cites nothing gets no reply"


async def test_bots_webhooks_and_its_own_messages_are_not_answered(env, world: World) -> None:
    await turn_on(world, world.channel)
    probe = world.guild.add_member(env.create_user("probe", bot=True))
    await probe.send(world.channel, REFERENCE)
    await world.guild.create_webhook(world.channel, "Relay").send(REFERENCE)
    assert replies(world.channel, env) == []
    await world.alice.send(world.channel, REFERENCE)
    assert len(replies(world.channel, env)) == 1, "its own reply (which quotes a reference) is not answered"


async def test_an_edit_never_brings_a_second_reply(env, world: World) -> None:
    await turn_on(world, world.channel)
    said = await world.alice.send(world.channel, REFERENCE)
    await world.alice.edit(said, REFERENCE + " And Treaty of Algeron, art. 1.")
    plain = await world.alice.send(world.channel, "Nothing to cite yet.")
    await world.alice.edit(plain, "Now: Treaty of Algeron, art. 2.")
    assert len(replies(world.channel, env)) == 1


async def test_at_most_five_replies_a_minute_in_a_channel(env, world: World) -> None:
    await turn_on(world, world.channel)
    for n in range(1, 8):
        await world.alice.send(world.channel, f"Khitomer Accords, Article {(n % 6) + 1}, point {n}.")
    assert len(replies(world.channel, env)) == 5
    await env.advance_time(61)
    await world.alice.send(world.channel, "KA IV, once more.")
    assert len(replies(world.channel, env)) == 6


async def test_a_chosen_category_covers_its_channels(env, world: World) -> None:
    category = world.guild.create_category("Roleplay")
    bridge = world.guild.create_text_channel("bridge", category=category)
    await turn_on(world, category)
    await world.alice.send(bridge, "Treaty of Algeron, art. 1: no cloaks.")
    assert len(replies(bridge, env)) == 1


async def test_each_part_follows_its_area(env, world: World) -> None:
    await turn_on(world, world.channel)
    await world.moderator.slash(world.channel, "config area", name="treaties", enabled=False)
    await world.alice.send(world.channel, REFERENCE)
    [reply] = replies(world.channel, env)
    assert (
        "Khitomer" not in (reply.embeds[0].description or "") and "**Praxis**" in reply.embeds[0].description
    )


async def test_turning_it_off_stops_it(env, world: World) -> None:
    await turn_on(world, world.channel)
    result = await world.moderator.slash(
        world.channel, "config set", setting="citations.channels", value="remove", channel=world.channel
    )
    assert result.response.content == "`citations.channels` is now nowhere."
    await world.alice.send(world.channel, REFERENCE)
    assert replies(world.channel, env) == []


async def test_a_mention_of_the_bot_is_not_taken_for_a_text_command(env, world: World) -> None:
    """Khitomer has only slash and message commands: reading messages, it must not try a mention
    as a prefix command (discord.py would log an unknown command's traceback for each)."""
    tried: list[discord.Message] = []

    async def process_commands(message: discord.Message) -> None:
        tried.append(message)

    env.bot.process_commands = process_commands
    await turn_on(world, world.channel)
    await world.alice.send(world.channel, f"<@{env.bot.user.id}> KA II, please")
    assert tried == []
    assert len(replies(world.channel, env)) == 1
