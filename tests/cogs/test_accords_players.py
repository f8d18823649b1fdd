"""The accords game as a first-time group plays it, with the server's default settings (each
conference in its own thread), reading only what members see: messages, embeds and buttons."""

from __future__ import annotations

import re
from typing import Any

import simcord

from bot.domain.accords import Clause
from bot.domain.accords import events as e
from bot.ui.accord_minutes import minute_sentence
from tests.conftest import World, read_all_pages, recent_text
from tests.support.postgres import allow_inserts, refuse_inserts

DISCORD_TIME = re.compile(r"<t:[0-9]{9,11}:R>")


def seen(place: simcord.ChannelHandle, message_id: int, viewer: simcord.MemberActor) -> Any:
    """A message as `viewer` sees it in their client now (edits included)."""
    return next(m for m in place.history(viewer=viewer) if m.id == message_id)


def buttons(message: Any) -> dict[str, bool]:
    """Each button's label and whether it can still be pressed."""
    rows = [row if isinstance(row, dict) else row.to_dict() for row in message.components]
    return {c["label"]: not c.get("disabled", False) for row in rows for c in row["components"]}


def fields(embed: Any) -> dict[str, str]:
    return {f.name: f.value for f in embed.fields}


async def test_three_players_finish_a_conference_with_the_default_settings(env, world: World) -> None:
    carol = world.guild.add_member(env.create_user("carol"))
    convened = await world.alice.slash(world.channel, "accord convene", scenario="khitomer")
    lobby_id = convened.response.id
    (thread,) = world.channel.threads
    assert thread.last_message.content == "The conference sits here: use the /accord commands in this thread."
    lobby = seen(world.channel, lobby_id, world.bob)
    assert DISCORD_TIME.search(fields(lobby.embeds[0])["Deadline"]), "the lobby shows its deadline"

    # 1. From the channel it was convened in, /accord acts on the conference in its thread (and
    # says so there: issue #23); 6. powers as players type them.
    joined = await world.bob.slash(world.channel, "accord join", power="romulan")
    assert joined.ephemeral and joined.response.content.endswith(
        f"where the conference sits: <@{world.bob.id}> now sits for Romulan Star Empire."
    )
    assert (await carol.slash(thread, "accord join", power="FEDS")).response.content.endswith(
        "now sits for United Federation of Planets."
    )
    await world.alice.click(seen(world.channel, lobby_id, world.alice), label="Sit for Klingon Empire")

    # 2. One status board: seats and holders, phase and deadline.
    board = (await carol.slash(thread, "accord status")).response
    assert board.ephemeral
    assert f"⚔️ Klingon Empire — <@{world.alice.id}>" in fields(board.embeds[0])["Seats"]
    assert "**Phase:** the lobby (taking seats) · ends <t:" in board.embeds[0].description

    started = await world.alice.slash(thread, "accord start")
    assert started.response.content.startswith("Negotiations are open")
    # 3. No dead buttons: the lobby's Sit and Start are disabled once negotiation opens.
    assert not any(buttons(seen(world.channel, lobby_id, carol)).values())

    first = (
        await world.alice.slash(
            thread,
            "accord propose",
            clause="trade",
            text="Dilithium for grain.",
            parties="klingons, romulans",
        )
    ).response
    assert buttons(first) == {"Support": True, "Oppose": True}
    assert DISCORD_TIME.search(fields(first.embeds[0])["Negotiation"])
    await world.bob.click(first, label="Support")
    second = (
        await carol.slash(
            thread, "accord propose", clause="embassies", text="An embassy on Qo'noS.", parties="feds"
        )
    ).response

    board = (await world.bob.slash(thread, "accord status")).response.embeds[0]
    articles = {k: v for k, v in fields(board).items() if k.startswith("Article")}
    assert articles["Article 1 (trade) — agreed"].endswith(
        "Klingon Empire supports · Romulan Star Empire supports"
    )
    assert "Dilithium for grain." in articles["Article 1 (trade) — agreed"]
    assert articles["Article 2 (embassies) — agreed"].endswith("United Federation of Planets supports")

    draft = (await world.alice.slash(thread, "accord ratify")).response
    # 3. Support and Oppose are disabled once ratification is called.
    for article in (first, second):
        assert not any(buttons(seen(thread, article.id, world.bob)).values())
    assert buttons(draft) == {"Sign": True, "Refuse": True}
    assert DISCORD_TIME.search(fields(draft.embeds[0])["Signing"])

    await world.bob.slash(thread, "accord sign")
    # 9. "Nothing changed" is said privately, never posted.
    again = await world.bob.slash(thread, "accord sign")
    assert again.ephemeral and again.response.content == "Nothing changed: your power has already signed."
    await carol.click(draft, label="Sign")
    await world.alice.click(draft, label="Sign")
    # 3. Sign and Refuse are disabled after the end.
    assert not any(buttons(seen(thread, draft.id, carol)).values())
    assert "ratified" in seen(thread, draft.id, carol).embeds[0].title

    # 5. The minutes read as minutes.
    minutes = await carol.slash(thread, "accord minutes")
    text = "\n".join(await read_all_pages(carol, minutes.response))
    assert text.splitlines()[0].endswith(f"<@{world.alice.id}> convened the conference “Khitomer, 2293”.")
    assert f"<@{world.bob.id}> took the seat of Romulan Star Empire." in text
    assert "The accord was ratified." in text
    # 13. A phase and its deadline are one event: stored together, never one without the other.
    assert f"<@{world.alice.id}> opened negotiations until <t:" in text
    assert "closed the draft: the agreed articles are up for signature until <t:" in text
    assert "The current phase now ends" not in text
    assert not re.search(r"\b[a-z]+_[a-z]+\b", text)
    assert len(env.errors) == 0


async def test_an_unknown_power_lists_the_seats_and_autocomplete_offers_free_seats_first(
    env, world: World
) -> None:
    await world.alice.slash(world.channel, "accord convene", scenario="khitomer")
    await world.alice.slash(world.channel, "accord join", power="klingon")
    refused = await world.bob.slash(world.channel, "accord join", power="vulcan")
    assert refused.ephemeral
    assert refused.response.content == (
        "No power 'vulcan' sits at this conference. The seats are: United Federation of Planets, "
        "Klingon Empire, Romulan Star Empire."
    )
    offered = await world.bob.autocomplete(world.channel, "accord join", "power", "")
    assert [c["name"] for c in offered] == [
        "United Federation of Planets (free seat)",
        "Romulan Star Empire (free seat)",
        "Klingon Empire (join the delegation)",
    ]
    assert [
        c["value"] for c in await world.bob.autocomplete(world.channel, "accord join", "power", "feds")
    ] == ["United Federation of Planets"]
    assert len(env.errors) == 1  # the refusal, and nothing else


async def test_abandoning_asks_first_and_only_the_asker_confirms_even_after_a_restart(
    env, world: World, make_bot
) -> None:  # type: ignore[no-untyped-def]
    await world.alice.slash(world.channel, "accord convene", scenario="khitomer")
    (thread,) = world.channel.threads
    asked = await world.moderator.slash(thread, "accord host abandon")
    assert asked.ephemeral
    assert asked.response.content.startswith("Abandon **Khitomer, 2293**? It ends at once")
    assert buttons(asked.response.message) == {"Abandon it": True, "Keep it going": True}
    still = await world.bob.slash(thread, "accord status")
    assert "**Phase:** the lobby" in still.response.embeds[0].description, "nothing happens before the answer"
    await env.restart_bot(make_bot())
    # Nobody else sees that private question; a forged copy of its button is refused all the same.
    import discord

    custom_id = asked.response.components[0]["components"][0]["custom_id"]
    forged_view = discord.ui.View(timeout=None)
    forged_view.add_item(discord.ui.Button(label="Abandon it", custom_id=custom_id))
    forged = await env.bot.get_channel(thread.id).send("forged", view=forged_view)
    stranger = await world.bob.click(forged, custom_id=custom_id)
    assert stranger.ephemeral and stranger.response.content == "Only the member who asked can confirm this."
    done = await world.moderator.click(asked.response, label="Abandon it")
    assert done.response.content == "The conference is abandoned."
    assert thread.last_message.content == f"**Khitomer, 2293** was abandoned by <@{world.moderator.id}>."
    gone = await world.bob.slash(thread, "accord status")
    assert gone.ephemeral and gone.response.content.startswith("There is no conference running")
    assert len(env.errors) == 1


async def test_a_reminder_that_cannot_be_posted_never_stops_the_deadline(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    await world.moderator.slash(world.channel, "config set", setting="deadline.negotiation", value="2h")
    await world.moderator.slash(world.channel, "config set", setting="reminder.lead", value="30m")
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="khitomer")).response
    await world.alice.click(lobby, label="Sit for Klingon Empire")
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")
    await world.moderator.slash(world.channel, "accord start")
    env.inject_error("POST", "/channels/*/messages", times=None)  # Discord refuses every post now
    await env.advance_time(95 * 60)  # the reminder is due, tried, retried and lost
    assert "⏰" not in (world.channel.last_message.content or "")
    env.backend.faults.clear()  # Discord is back
    await env.advance_time(30 * 60)
    assert "Time is up for negotiation: no article was agreed" in recent_text(world.channel)


async def test_an_announcement_that_fails_once_is_posted_on_a_later_try(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    await world.moderator.slash(world.channel, "config set", setting="deadline.lobby", value="10m")
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="khitomer")).response
    await world.alice.click(lobby, label="Sit for Klingon Empire")
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")
    env.inject_error("POST", "/channels/*/messages", status=503, times=1)  # discord.py gives up on a 503
    await env.advance_time(10 * 60 + 1)
    assert "Time is up" not in (world.channel.last_message.content or "")
    await env.advance_time(6)  # the bot's own second try
    assert "Time is up for the lobby: negotiations are open." in world.channel.last_message.content


def test_every_event_the_game_records_has_a_sentence() -> None:
    one_of_each = [
        e.Joined(5, "Klingon Empire"), e.Left(5), e.Started(1, 1.9e9), e.Tabled(5, "Klingon Empire",
        Clause.TRADE, ("Klingon Empire",), "Grain."), e.Supported(5, 1, "Klingon Empire"),
        e.Opposed(5, 1, "Klingon Empire"), e.Amended(5, 1, "Klingon Empire", "More grain."),
        e.Retracted(5, 1), e.DraftClosed(1, 1.9e9), e.Signed(5, "Klingon Empire", "Kor"),
        e.Refused(0, "Klingon Empire"), e.Ratified(5, ("Klingon Empire", "Romulan Star Empire")),
        e.Failed(0), e.Paused(1, 60.0), e.Resumed(1, 1.9e9), e.DeadlineSet(1, 1.9e9), e.Replaced(1, 5, 6),
        e.Abandoned(0), e.ExtendedPaused(1, 3600.0, 7200.0),
        e.Departed(7, "Romulan Star Empire", "Recalled."),
        e.Delegated(1, "Romulan Star Empire", (5,)),
    ]  # fmt: skip
    assert {type(event) for event in one_of_each} == set(e.EVENTS.values())  # a new event needs a case here
    for event in one_of_each:
        sentence = minute_sentence(event)
        assert sentence != "A change was recorded." and not re.search(r"[a-z]+_[a-z]+", sentence), event


async def ratification(env, world: World, title: str = "Khitomer, 2293") -> Any:  # type: ignore[no-untyped-def]
    """alice (Klingons) and bob (Romulans) agree one article; the draft is up for signature."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    lobby = (
        await world.moderator.slash(world.channel, "accord convene", scenario="khitomer", title=title)
    ).response
    await world.alice.click(lobby, label="Sit for Klingon Empire")
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")
    await world.moderator.slash(world.channel, "accord start")
    article = (
        await world.alice.slash(world.channel, "accord propose", clause="trade", text="Grain.")
    ).response
    await world.bob.click(article, label="Support")
    return (await world.moderator.slash(world.channel, "accord ratify")).response


async def test_the_end_is_one_unit_of_work_and_the_player_is_told_the_truth(env, world: World) -> None:
    draft = await ratification(env, world)
    await world.alice.click(draft, label="Sign")
    # The database refuses to store the accord (a full disk, say) just as the last signature lands.
    await refuse_inserts(env.bot.db, "accords")
    failed = await world.bob.click(draft, label="Sign")
    assert failed.ephemeral
    assert failed.response.content.startswith(
        "Sorry, something went wrong on our side and nothing was changed."
    )
    board = (await world.bob.slash(world.channel, "accord status")).response.embeds[0]
    assert "**Phase:** signing" in board.description, "not ratified without its accord"
    listed = (await world.bob.slash(world.channel, "treaty list")).response.embeds[0].description
    assert "server accord" not in listed
    leaders = (await world.bob.slash(world.channel, "accord leaderboard")).response.embeds[0].description
    assert leaders == "Nobody has signed an accord here yet."
    # Once the disk has room again, the same press concludes everything together.
    await allow_inserts(env.bot.db, "accords")
    await world.bob.click(draft, label="Sign")
    assert world.channel.last_message.content.startswith("**Khitomer, 2293** is ratified.")
    assert (
        "Khitomer, 2293 (server accord)"
        in (await world.bob.slash(world.channel, "treaty list")).response.embeds[0].description
    )
    leaders = (await world.bob.slash(world.channel, "accord leaderboard")).response.embeds[0].description
    assert (
        f"<@{world.alice.id}> — 1 point, 1 accord signed" in leaders
        and f"<@{world.bob.id}> — 1 point, 1 accord signed" in leaders
    )


async def test_a_second_accord_of_the_same_name_is_kept_under_a_free_one(env, world: World) -> None:
    # A second "Grain Pact" conference is numbered (issue #23); one that differs only in case is
    # not, and its accord's name, read regardless of case, is taken.
    for title in ("Grain Pact", "grain pact"):
        draft = await ratification(env, world, title=title)
        await world.alice.click(draft, label="Sign")
        await world.bob.click(draft, label="Sign")
    second = world.channel.last_message.content
    assert "It is kept as **grain pact (conference 2)**: quote it with /treaty quote." in second
    listed = (await world.bob.slash(world.channel, "treaty list")).response.embeds[0].description
    assert (
        "**Grain Pact (server accord)**" in listed
        and "**grain pact (conference 2) (server accord)**" in listed
    )


async def test_a_refusal_where_all_must_sign_ends_the_conference_at_once(env, world: World) -> None:
    draft = await ratification(env, world)
    refused = await world.bob.click(draft, label="Refuse")
    assert not any(buttons(refused.response).values())
    said = world.channel.last_message.content
    assert said.startswith("**Khitomer, 2293** failed: no accord was ratified. Refused: Romulan Star Empire.")
    assert f"**Reputation:** <@{world.bob.id}> -1" in said  # he had supported every article


async def test_a_narrower_accord_ends_once_too_few_could_still_sign_it(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    carol = world.guild.add_member(env.create_user("carol"))
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="nimbus_iii")).response
    seats = (
        (world.alice, "Klingon Empire"),
        (world.bob, "Romulan Star Empire"),
        (carol, "United Federation of Planets"),
    )
    for member, power in seats:
        await member.click(lobby, label=f"Sit for {power}")
    await world.moderator.slash(world.channel, "accord start")
    article = (
        await world.alice.slash(world.channel, "accord propose", clause="trade", text="Grain.")
    ).response
    await world.bob.click(article, label="Support")
    await carol.click(article, label="Support")
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    await world.bob.click(draft, label="Refuse")
    board = (await carol.slash(world.channel, "accord status")).response.embeds[0]
    assert "**Phase:** signing" in board.description  # two could still keep it among themselves
    await carol.click(draft, label="Refuse")
    assert world.channel.last_message.content.startswith("**Nimbus III, 2267** failed")


async def test_a_lost_reply_tells_the_player_what_was_recorded(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    await world.moderator.slash(world.channel, "accord convene", scenario="khitomer")
    env.inject_error("POST", "/interactions/*/callback", status=500, times=1)  # the reply is lost
    result = await world.bob.slash(world.channel, "accord join", power="romulan")
    shown = result.response.content
    assert "nothing was changed" not in shown
    assert shown.startswith(
        f"Your action was recorded, but something went wrong on our side afterwards: <@{world.bob.id}> "
        "took the seat of Romulan Star Empire."
    )
    board = (await world.alice.slash(world.channel, "accord status")).response.embeds[0]
    assert f"🦅 Romulan Star Empire — <@{world.bob.id}>" in fields(board)["Seats"]
    assert len(env.errors) == 1


async def test_one_conference_runs_per_channel_even_once_it_sits_in_its_thread(env, world: World) -> None:
    await world.alice.slash(world.channel, "accord convene", scenario="khitomer")
    again = await world.bob.slash(world.channel, "accord convene", scenario="nimbus_iii")
    assert again.ephemeral and again.response.content == "A conference is already running in this channel."
    assert len(world.channel.threads) == 1
    assert len(env.errors) == 1


HOSTILE = "# Takeover [free latinum](https://evil.example) <@&1> <#2> <t:1:R> **loud** @everyone"
# issue #22: the link's closing bracket and its URL are escaped too, so no link is live
ESCAPED = (
    "\\# Takeover \\[free latinum\\](https\\://evil.example) \\<\\@&1> \\<#2> \\<t\\:1\\:R> \\*\\*loud\\*\\*"
)


async def test_player_text_is_shown_as_text_in_every_public_message(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    lobby = (
        await world.moderator.slash(world.channel, "accord convene", scenario="khitomer", title=HOSTILE[:90])
    ).response
    assert lobby.embeds[0].title.startswith("Conference: " + ESCAPED[:40])
    await world.alice.click(lobby, label="Sit for Klingon Empire")
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")
    await world.moderator.slash(world.channel, "accord start")
    article = (
        await world.alice.slash(world.channel, "accord propose", clause="free text", text=HOSTILE)
    ).response
    assert article.embeds[0].description.startswith(ESCAPED)
    await world.bob.click(article, label="Support")
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    assert ESCAPED in draft.embeds[0].description
    board = (await world.bob.slash(world.channel, "accord status")).response.embeds[0]
    # a free-text article is named by its opening words, escaped as its text is
    named = "\\# Takeover \\[free latinum\\](https\\://evil.example)…"
    assert ESCAPED in fields(board)[f"Article 1 ({named}) — agreed"]
    await world.alice.click(draft, label="Sign")
    await world.bob.click(draft, label="Sign")
    ending = world.channel.last_message.content
    assert ending.startswith("**" + ESCAPED[:40])
    minutes = "\n".join(
        await read_all_pages(world.bob, (await world.bob.slash(world.channel, "accord minutes")).response)
    )
    assert ESCAPED in minutes and "<@&1>" not in minutes.replace("\\<@&1>", "")
    quoted = (await world.bob.slash(world.channel, "treaty quote", treaty=HOSTILE[:20], article="I")).response
    assert ESCAPED in quoted.embeds[0].description


async def test_pause_and_resume_say_the_time_left_and_the_new_deadline(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    await world.moderator.slash(world.channel, "accord convene", scenario="khitomer")
    paused = await world.moderator.slash(world.channel, "accord host pause")
    assert paused.response.content == "The conference is paused: the clock stops, 1d left."
    board = (await world.bob.slash(world.channel, "accord status")).response.embeds[0]
    assert "paused: the clock is stopped" in board.description
    await env.advance_time(3600)
    resumed = await world.moderator.slash(world.channel, "accord host resume")
    ends = int(env.now().timestamp()) + 86_400
    assert resumed.response.content == f"The conference resumes: the lobby (taking seats) ends <t:{ends}:R>."


async def test_the_guide_walks_a_group_through_with_the_scenario_briefing(env, world: World) -> None:
    await world.alice.slash(world.channel, "accord convene", scenario="khitomer")
    (thread,) = world.channel.threads
    guide = await world.bob.slash(thread, "accord guide")
    assert not guide.ephemeral, "the whole group reads it"
    pages = await read_all_pages(world.bob, guide.response)
    assert pages[0].startswith("Praxis is gone")  # the briefing of the conference here
    steps = "\n".join(pages[1:])
    order = [
        "/accord convene",
        "Sit for",
        "/accord propose",
        "Support",
        "/accord ratify",
        "Sign",
        "/treaty quote",
    ]
    assert [steps.index(step) for step in order] == sorted(steps.index(step) for step in order)
    chosen = await world.bob.slash(world.channel, "accord guide", scenario="nimbus_iii")
    assert chosen.response.embeds[0].title == "Briefing: Nimbus III, 2267"


async def test_a_rematch_convenes_the_same_conference_and_invites_its_players_back(env, world: World) -> None:
    draft = await ratification(env, world, title="Grain Pact")
    await world.bob.click(draft, label="Refuse")  # it failed: they want another go
    rematch = await world.alice.slash(world.channel, "accord rematch")
    lobby = rematch.response
    assert lobby.embeds[0].title == "Conference: Grain Pact (2)"  # numbered: its history line differs
    (invite,) = rematch.followups
    assert invite.content == (
        f"Rematch of **Grain Pact**. Last time: <@{world.alice.id}> for Klingon Empire; <@{world.bob.id}> "
        "for Romulan Star Empire. Your seats are free: "
        "take them again with the buttons above (or another one)."
    )
    sent = [r.json for r in env.http_requests if isinstance(r.json, dict) and "Rematch of" in str(r.json)]
    pinged = sorted(str(user) for user in sent[-1]["allowed_mentions"]["users"])
    assert pinged == sorted([str(world.alice.id), str(world.bob.id)]), "only the last players, on purpose"
    assert sent[-1]["allowed_mentions"]["parse"] == []
    failed_notices = [
        m for m in world.channel.history() if (m.content or "").startswith("**Grain Pact** failed")
    ]
    assert len(failed_notices) == 1
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")
    board = (await world.bob.slash(world.channel, "accord status")).response.embeds[0]
    assert f"🦅 Romulan Star Empire — <@{world.bob.id}>" in fields(board)["Seats"]
    again = await world.alice.slash(world.channel, "accord rematch")
    assert again.ephemeral and again.response.content == "A conference is already running in this channel."
    assert len(env.errors) == 1


async def test_the_channel_reads_the_signature_then_the_result_and_says_who_signed(env, world: World) -> None:
    await ratification(env, world)
    first = await world.alice.slash(world.channel, "accord sign")
    assert first.response.content == f"<@{world.alice.id}> signed the accord for Klingon Empire."
    await world.bob.slash(world.channel, "accord sign")
    signed, result = (m.content for m in world.channel.history()[-2:])
    assert signed == f"<@{world.bob.id}> signed the accord for Romulan Star Empire. The accord was ratified."
    assert result.startswith("**Khitomer, 2293** is ratified. Signed by Klingon Empire, Romulan Star Empire.")
    assert sum("is ratified" in (m.content or "") for m in world.channel.history()) == 1, "said once"


async def test_wrong_places_point_to_the_right_one(env, world: World) -> None:
    await world.alice.slash(world.channel, "accord convene", scenario="khitomer")
    (thread,) = world.channel.threads
    await world.alice.slash(thread, "accord join", power="klingon")
    await world.bob.slash(thread, "accord join", power="romulan")
    await world.alice.slash(thread, "accord start")
    talks = await world.alice.slash(thread, "accord talks", powers="romulan")
    (private,) = [t for t in world.channel.threads if t.name.startswith("Talks:")]
    # In the private talks thread, /accord acts on the conference of its channel.
    board = (await world.bob.slash(private, "accord status")).response
    assert board.embeds[0].title == "Conference: Khitomer, 2293" and talks.ephemeral
    nested = await world.bob.slash(private, "accord convene", scenario="khitomer")
    assert nested.ephemeral
    assert nested.response.content == (
        f"Conferences are convened in a channel, not in a thread: use <#{world.channel.id}>."
    )
    # The minutes are found from the channel it was convened in.
    minutes = await world.bob.slash(world.channel, "accord minutes")
    assert minutes.response.embeds[0].title == "Minutes: Khitomer, 2293"
    # A channel with no conference says where the server's are running.
    library = world.guild.create_text_channel("lore-library")
    elsewhere = await world.bob.slash(library, "accord status")
    assert elsewhere.response.content == (
        f"There is no conference running here. Running now: <#{thread.id}> (Khitomer, 2293)."
    )
    assert len(env.errors) == 2


async def test_scenarios_and_accords_are_named_as_players_see_them(env, world: World) -> None:
    guide = await world.bob.slash(world.channel, "accord guide", scenario="nimbus")
    assert guide.response.embeds[0].title == "Briefing: Nimbus III, 2267"
    unknown = await world.bob.slash(world.channel, "accord convene", scenario="Wolf 359")
    assert unknown.response.content == (
        "No scenario 'Wolf 359'. There are: Khitomer, 2293, Nimbus III, 2267, Open conference, "
        "Second Khitomer, 2368."
    )
    draft = await ratification(env, world, title="Grain Pact")
    await world.alice.click(draft, label="Sign")
    await world.bob.click(draft, label="Sign")
    filed = await world.alice.slash(
        world.channel, "accord record complaint", accord="grain pact", against="romulans", text="Late grain."
    )
    assert filed.response.content.startswith("Complaint 1 filed against Romulan Star Empire")
    missing = await world.alice.slash(world.channel, "accord record reinstate", accord="Wheat Pact")
    assert (
        missing.response.content
        == "No accord of this server is called 'Wheat Pact'. Its accords: Grain Pact."
    )
    assert len(env.errors) == 2
