"""A conference in its own thread (the default): whatever channel a command is typed in, what
the game posts goes to its thread, and the member who typed it is told where, privately.
Rematches get numbered names, so threads and /accord history tell them apart."""

from __future__ import annotations

from typing import Any

import simcord

from tests.conftest import World, recent_text


def buttons(message: Any) -> dict[str, bool]:
    """Each button's label and whether it can still be pressed."""
    rows = [row if isinstance(row, dict) else row.to_dict() for row in message.components]
    return {c["label"]: not c.get("disabled", False) for row in rows for c in row["components"]}


def public(place: simcord.ChannelHandle, viewer: simcord.MemberActor) -> list[Any]:
    """What a member who typed nothing there reads in a channel: its public messages (Discord's
    own notices, such as "started a thread", left out)."""
    return [m for m in place.history(viewer=viewer) if not m.flags.ephemeral and not m.is_system()]


def posted_in(thread: simcord.ChannelHandle, said: str = "") -> str:
    return f"Posted in <#{thread.id}>, where the conference sits" + (f": {said}" if said else ".")


async def test_commands_typed_in_the_channel_post_in_the_conference_thread(env, world: World) -> None:
    carol = world.guild.add_member(env.create_user("carol"))  # reads along, types nothing
    lobby = (
        await world.moderator.slash(
            world.channel, "accord convene", scenario="nimbus_iii", title="Nimbus Talks"
        )
    ).response
    (thread,) = world.channel.threads
    assert thread.name == "Nimbus Talks"

    joined = await world.alice.slash(world.channel, "accord join", power="klingon")
    sits = f"<@{world.alice.id}> now sits for Klingon Empire."
    assert joined.ephemeral and joined.response.content == posted_in(thread, sits)
    assert thread.last_message.content == sits
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")  # the lobby stays where it was

    started = await world.moderator.slash(world.channel, "accord start")
    assert started.ephemeral
    assert thread.last_message.content == "Negotiations are open. Table articles with /accord propose."

    tabled = await world.alice.slash(
        world.channel,
        "accord propose",
        clause="trade",
        text="Dilithium for grain.",
        parties="klingons, romulans",
    )
    assert tabled.ephemeral and tabled.response.content == posted_in(thread)
    article = thread.last_message
    assert "Dilithium for grain." in article.embeds[0].description
    assert buttons(article) == {"Support": True, "Oppose": True}

    supported = await world.bob.slash(world.channel, "accord support", article=1)
    assert supported.response.content == posted_in(thread, "Support recorded for Article 1.")
    assert thread.last_message.content == "Support recorded for Article 1."

    await world.moderator.slash(world.channel, "accord ratify")
    draft = thread.last_message
    assert buttons(draft) == {"Sign": True, "Refuse": True}
    assert not any(buttons(next(m for m in thread.history() if m.id == article.id)).values())

    await world.alice.slash(world.channel, "accord sign")
    signed = await world.bob.slash(world.channel, "accord sign")
    assert signed.ephemeral and signed.response.content.startswith(f"Posted in <#{thread.id}>")
    assert "**Nimbus Talks** is ratified." in recent_text(thread)
    assert not any(buttons(next(m for m in thread.history() if m.id == draft.id)).values())

    # The channel shows the lobby (the thread hangs from it) and nothing else the game said.
    assert [m.id for m in public(world.channel, carol)] == [lobby.id]
    assert len(env.errors) == 0


async def test_a_command_typed_in_private_talks_posts_in_the_conference_thread(env, world: World) -> None:
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="nimbus_iii")).response
    (thread,) = world.channel.threads
    await world.alice.click(lobby, label="Sit for Klingon Empire")
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")
    await world.moderator.slash(thread, "accord start")
    await world.alice.slash(thread, "accord talks", powers="romulan")
    (talks,) = [t for t in world.channel.threads if t.name.startswith("Talks:")]

    tabled = await world.alice.slash(talks, "accord propose", clause="trade", text="Ships for secrets.")
    assert tabled.ephemeral and tabled.response.content == posted_in(thread)
    assert "Ships for secrets." in thread.last_message.embeds[0].description
    assert public(talks, world.bob) == [], "the private talks hold only what the delegations said there"
    assert len(env.errors) == 0


async def test_a_seat_request_from_the_channel_is_asked_in_the_thread(env, world: World) -> None:
    carol = world.guild.add_member(env.create_user("carol"))
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="nimbus_iii")).response
    (thread,) = world.channel.threads
    await world.alice.click(lobby, label="Sit for Klingon Empire")
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")

    asked = await world.moderator.slash(
        world.channel, "accord host replace", absent=world.bob, newcomer=carol
    )
    assert asked.ephemeral and asked.response.content.endswith(f"I have asked them in <#{thread.id}>.")
    request = thread.last_message
    assert request.content.startswith(f"<@{world.bob.id}>, <@{world.moderator.id}> asks you to hand over")
    assert set(buttons(request)) == {"Hand over my seat", "Keep my seat"}
    assert [m.id for m in public(world.channel, carol)] == [lobby.id]
    assert len(env.errors) == 0  # a present player is asked, not refused


async def test_when_the_thread_is_gone_the_conference_carries_on_in_the_channel(env, world: World) -> None:
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="nimbus_iii")).response
    (thread,) = world.channel.threads
    # A moderator deleted the thread: Discord answers Unknown Channel.
    env.inject_error("POST", f"/channels/{thread.id}/messages", status=404, code=10003, times=None)
    gone = len(env.http_requests)
    joined = await world.alice.slash(world.channel, "accord join", power="klingon")
    assert not joined.ephemeral
    assert joined.response.content == f"<@{world.alice.id}> now sits for Klingon Empire."
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")
    await env.bot.guild_config.put(world.guild.id, "deadline.negotiation", "3600")
    started = await world.moderator.slash(world.channel, "accord start")
    assert not started.ephemeral and started.response.content.startswith("Negotiations are open")
    tried = [
        r
        for r in env.http_requests[gone:]
        if r.method == "POST" and r.path == f"/channels/{thread.id}/messages"
    ]
    assert len(tried) == 1, "once the thread is known to be gone, the conference speaks in the channel"
    await env.advance_time(3600)
    assert "**Nimbus III, 2267**: Time is up" in recent_text(world.channel), "announcements follow it"
    assert len(env.errors) == 0


async def test_a_rematch_gets_a_numbered_thread_and_the_history_tells_them_apart(env, world: World) -> None:
    await world.alice.slash(world.channel, "accord convene", scenario="khitomer")
    (first,) = world.channel.threads
    await world.alice.slash(first, "accord join", power="klingon")
    await world.bob.slash(first, "accord join", power="romulan")
    asked = await world.alice.slash(first, "accord host abandon")
    await world.alice.click(asked.response, label="Abandon it")

    rematch = await world.alice.slash(world.channel, "accord rematch")
    assert rematch.response.embeds[0].title == "Conference: Khitomer, 2293 (2)"
    second = next(t for t in world.channel.threads if t.id != first.id)
    assert (first.name, second.name) == ("Khitomer, 2293", "Khitomer, 2293 (2)")
    # The invitation pings the last players where the conference sits: in its thread.
    invite = next(m for m in second.history() if (m.content or "").startswith("Rematch of"))
    assert invite.content.startswith(f"Rematch of **Khitomer, 2293**. Last time: <@{world.alice.id}> for")
    assert not any("Rematch of" in (m.content or "") for m in world.channel.history())

    asked = await world.alice.slash(second, "accord host abandon")
    await world.alice.click(asked.response, label="Abandon it")
    third = await world.alice.slash(world.channel, "accord convene", scenario="khitomer")
    assert third.response.embeds[0].title == "Conference: Khitomer, 2293 (3)"
    # Another channel's conference of that name is numbered too: names are the server's.
    library = world.guild.create_text_channel("war-room")
    fourth = await world.bob.slash(library, "accord convene", scenario="khitomer", title="Khitomer,  2293")
    assert fourth.response.embeds[0].title == "Conference: Khitomer, 2293 (4)"

    history = (await world.bob.slash(world.channel, "accord history")).response.embeds[0].description
    lines = history.splitlines()
    assert [line.split("**")[1] for line in lines] == [
        "Khitomer, 2293 (4)",
        "Khitomer, 2293 (3)",
        "Khitomer, 2293 (2)",
        "Khitomer, 2293",
    ]
    assert len(set(lines)) == 4
    assert len(env.errors) == 0


async def test_a_long_title_keeps_its_number_within_discords_limit(env, world: World) -> None:
    title = "A" * 98 + " B"
    await world.alice.slash(world.channel, "accord convene", scenario="khitomer", title=title)
    (first,) = world.channel.threads
    asked = await world.alice.slash(first, "accord host abandon")
    await world.alice.click(asked.response, label="Abandon it")
    names = []
    for _ in range(2):
        again = await world.alice.slash(world.channel, "accord rematch")
        names.append(again.response.embeds[0].title.removeprefix("Conference: "))
        (running,) = [t for t in world.channel.threads if t.name == names[-1]]
        asked = await world.alice.slash(running, "accord host abandon")
        await world.alice.click(asked.response, label="Abandon it")
    assert names == ["A" * 96 + " (2)", "A" * 96 + " (3)"]
    assert len(env.errors) == 0


async def test_an_article_written_in_the_form_from_the_channel_is_posted_in_the_thread(
    env, world: World
) -> None:
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="nimbus_iii")).response
    (thread,) = world.channel.threads
    await world.alice.click(lobby, label="Sit for Klingon Empire")
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")
    await world.moderator.slash(thread, "accord start")

    shown = await world.alice.slash(world.channel, "accord propose", clause="trade")
    (words,) = [row["components"][0] for row in shown.modal["components"]]
    done = await world.alice.submit_modal(shown, {words["custom_id"]: "Grain for dilithium."})
    assert done.ephemeral and done.response.content == posted_in(thread)
    article = thread.last_message
    assert article.embeds[0].description.startswith("Grain for dilithium.")
    await world.bob.click(article, label="Support")  # its buttons work where it was posted
    board = (await world.bob.slash(thread, "accord status")).response.embeds[0]
    assert any(f.name.startswith("Article 1 (trade) — agreed") for f in board.fields)
    assert len(env.errors) == 0
