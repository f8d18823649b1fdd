"""What members read of a conference as it moves on: the lobby after the end, the deadline an
article card names, a free-text article's title, a forgotten delegate's name, and a delegation
that leaves the conference (which is not withdrawing from a ratified accord)."""

from __future__ import annotations

from typing import Any

import simcord

from tests.cogs.test_accords import lobby, ratified_game
from tests.conftest import World, read_all_pages

KE, RSE, UFP = "Klingon Empire", "Romulan Star Empire", "United Federation of Planets"


def fields(message: Any) -> dict[str, str]:
    return {f.name: f.value for f in message.embeds[0].fields}


def seen(place: simcord.ChannelHandle, message_id: int) -> Any:
    """A message as it reads now (after the bot's edits)."""
    return next(m for m in place.history() if m.id == message_id)


async def minutes_of(member: simcord.MemberActor, place: simcord.ChannelHandle) -> str:
    shown = await member.slash(place, "accord minutes")
    return "\n".join(await read_all_pages(member, shown.response))


async def test_the_lobby_in_the_channel_shows_how_the_conference_ended(env, world: World) -> None:
    card = await lobby(world)  # the default: the conference runs in a thread of its own
    (thread,) = world.channel.threads
    await world.alice.click(card, label=f"Sit for {KE}")
    await world.bob.click(card, label=f"Sit for {RSE}")
    await world.moderator.click(card, label="Start the conference")
    assert seen(world.channel, card.id).embeds[0].footer.text == "Phase: negotiation"
    article = await world.alice.slash(thread, "accord propose", clause="trade", text="Dilithium.")
    await world.bob.click(article.response, label="Support")
    await world.moderator.slash(thread, "accord ratify")
    assert seen(world.channel, card.id).embeds[0].footer.text == "Phase: signing"
    await world.alice.slash(thread, "accord sign")
    await world.bob.slash(thread, "accord sign")
    assert "**Nimbus Talks** is ratified." in "\n".join(m.content or "" for m in thread.history()[-3:])
    ended = seen(world.channel, card.id).embeds[0]
    assert ended.footer.text == "Over: the accord was ratified."
    assert fields(seen(world.channel, card.id))["Deadline"] == "over"
    assert len(env.errors) == 0


async def test_an_article_card_names_the_deadline_of_the_phase_it_is_in(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    card = await lobby(world)
    await world.alice.click(card, label=f"Sit for {KE}")
    await world.bob.click(card, label=f"Sit for {RSE}")
    await world.moderator.click(card, label="Start the conference")
    article = (
        await world.alice.slash(world.channel, "accord propose", clause="trade", text="Grain.")
    ).response
    assert fields(article)["Negotiation"].startswith("ends <t:")
    await world.bob.click(article, label="Support")
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    closed = fields(seen(world.channel, article.id))
    assert "Negotiation" not in closed, "negotiation is over: its deadline is gone from the card"
    ends = fields(draft)["Signing"]  # ends <t:…:R>: the draft is redrawn until the end
    assert closed["Signing"] == ends.replace("ends", "until").replace(":R>", ":f>")
    await world.alice.click(draft, label="Sign")
    await world.bob.click(draft, label="Sign")
    # the card is not redrawn at the end: its date, unlike "ends in 5 minutes", stays true
    assert fields(seen(world.channel, article.id))["Signing"] == closed["Signing"]
    assert len(env.errors) == 0


async def test_a_free_text_article_is_named_by_its_opening_words(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    card = await lobby(world)
    await world.alice.click(card, label=f"Sit for {KE}")
    await world.bob.click(card, label=f"Sit for {RSE}")
    await world.moderator.click(card, label="Start the conference")
    words = "Each power keeps an envoy aboard the station, and the envoys dine together once a month."
    tabled = (
        await world.alice.slash(world.channel, "accord propose", clause="free text", text=words)
    ).response
    heading = "Each power keeps an envoy aboard the station…"  # cut at a word
    assert tabled.embeds[0].title == f"Article 1 ({heading}) — on the table"
    board = (await world.bob.slash(world.channel, "accord status")).response
    assert f"Article 1 ({heading}) — on the table" in fields(board)
    await world.bob.click(tabled, label="Support")
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    assert draft.embeds[0].description.startswith(f"**Article I ({heading})** {words}")
    await world.alice.click(draft, label="Sign")
    await world.bob.click(draft, label="Sign")
    minutes = await minutes_of(world.bob, world.channel)
    assert f"tabled Article 1 ({heading}) for {KE}" in minutes
    quoted = await world.bob.slash(world.channel, "treaty quote", treaty="Nimbus Talks", article="I")
    assert quoted.response.embeds[0].description == f"**Article I — {heading}**\n{words}"
    everything = "\n".join([minutes, str(board.embeds[0].to_dict()), str(draft.embeds[0].to_dict())])
    assert "free text" not in everything.casefold().replace("clause:", "")
    assert len(env.errors) == 0


async def test_a_forgotten_delegate_is_named_alike_in_the_minutes_the_treaty_and_a_rematch(
    env, world: World
) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    key, carol = await ratified_game(world)
    asked = await world.alice.slash(world.channel, "mydata forget")
    await world.alice.click(asked.response, label="Forget me")
    former = f"a former delegate of the {KE}"

    shown = await world.bob.slash(world.channel, "treaty show", treaty=key)
    assert fields(shown.response)[KE] == former
    minutes = await minutes_of(world.bob, world.channel)
    assert "A former delegate of the Klingon Empire took the seat." in minutes
    assert "A former delegate of the Klingon Empire signed the accord." in minutes
    assert f"<@{world.bob.id}> signed the accord for {RSE}." in minutes
    assert "former member" not in minutes  # the host, who was not forgotten, convened it

    await world.moderator.slash(world.channel, "accord rematch")
    invite = world.channel.last_message.content
    assert f"Last time: {former}; <@{world.bob.id}> for {RSE}; <@{carol.id}> for {UFP}." in invite
    assert len(env.errors) == 0


async def test_a_delegation_that_departs_has_left_the_conference(env, world: World) -> None:
    """Depart is leaving the table mid-conference; "withdraw" stays the word for the record."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    carol = world.guild.add_member(env.create_user("carol"))
    card = await lobby(world)
    await world.alice.click(card, label=f"Sit for {KE}")
    await world.bob.click(card, label=f"Sit for {RSE}")
    await carol.click(card, label=f"Sit for {UFP}")
    await world.moderator.click(card, label="Start the conference")
    article = (
        await world.alice.slash(
            world.channel, "accord propose", clause="trade", text="Ale.", parties="klingons, romulans"
        )
    ).response
    await world.bob.click(article, label="Support")
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    bound = await world.bob.click(draft, label="Depart the conference")
    assert bound.response.content.endswith(
        "Only a power none of its articles binds may leave the conference."
    )

    left = await carol.slash(world.channel, "accord depart", reason="Called home.")
    assert left.response.content == f"<@{carol.id}> left the conference for {UFP}: “Called home.”"
    assert fields(seen(world.channel, draft.id))[f"🖖 {UFP}"] == "left the conference"
    board = (await world.alice.slash(world.channel, "accord status")).response
    assert f"🖖 {UFP} — <@{carol.id}> (left the conference)" in fields(board)["Seats"].splitlines()
    again = await carol.slash(world.channel, "accord sign")
    assert again.response.content == f"{UFP} has left this conference and takes no further part in it."
    await world.alice.click(draft, label="Sign")
    await world.bob.click(draft, label="Sign")
    ending = world.channel.last_message.content
    assert f"Not bound by it: {UFP} (left the conference)." in ending
    minutes = await minutes_of(world.alice, world.channel)
    assert f"<@{carol.id}> left the conference for {UFP}: “Called home.”" in minutes
    for text in (left.response.content, minutes, ending, str(board.embeds[0].to_dict())):
        assert "withdr" not in text, text
    assert len(env.errors) == 1  # the late sign (the Depart button answers its own refusal)
