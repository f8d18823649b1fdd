"""The accords game through SimCord: a whole conference, buttons across restarts, who may act."""

from __future__ import annotations

import json
import re

import pytest
from simcord import SetupError

from bot.domain.inert import shown
from tests.conftest import World, read_all_pages, recent_text
from tests.support.discord_markup import live_markup


@pytest.fixture(autouse=True)
async def _games_stay_in_the_channel(env, world: World) -> None:  # type: ignore[no-untyped-def]
    """Most tests play in the channel; test_a_conference_opens_its_own_thread covers threads."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")


def buttons(message) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {c["label"]: c["custom_id"] for row in message.components for c in row["components"]}


async def lobby(world: World):  # type: ignore[no-untyped-def]
    result = await world.moderator.slash(
        world.channel, "accord convene", scenario="nimbus_iii", title="Nimbus Talks"
    )
    assert not result.ephemeral
    return result.response


async def test_a_whole_conference_ends_in_a_quotable_accord(env, world: World) -> None:
    message = await lobby(world)
    assert "Klingon Empire" in str(message.embeds[0].fields)
    await world.alice.click(message, label="Sit for Klingon Empire")
    await world.bob.slash(world.channel, "accord join", power="Romulan Star Empire")
    await world.moderator.click(message, label="Start the conference")
    missing = await world.alice.slash(
        world.channel, "accord propose", clause="technology transfer", text="Cloaks for cruisers."
    )
    # the missing terms are asked in a form that keeps the words (tests/cogs/test_accords_edges.py)
    assert missing.modal is not None
    kept = missing.modal["components"][0]["components"][0]
    assert kept["value"] == "Cloaks for cruisers." and len(missing.modal["components"]) == 4
    # power terms autocomplete to the seated powers, and take the names players type
    offered = await world.alice.autocomplete(
        world.channel, "accord propose", "giver", "rom", clause="technology transfer"
    )
    assert offered == [{"name": "Romulan Star Empire", "value": "Romulan Star Empire"}]
    first = await world.alice.slash(
        world.channel,
        "accord propose",
        clause="technology transfer",
        text="Cloaks for cruisers.",
        subject="cloaking devices",
        giver="romulans",
        receiver="Klingon Empire",
    )
    terms = {f.name: f.value for f in first.response.embeds[0].fields}["Terms"]
    assert terms == "What: cloaking devices · From: Romulan Star Empire · To: Klingon Empire"
    second = await world.bob.slash(
        world.channel, "accord propose", clause="embassies", text="No envoys on Romulus."
    )
    await world.bob.click(first.response, label="Support")
    await world.alice.slash(world.channel, "accord support", article=2)
    draft = await world.moderator.slash(world.channel, "accord ratify")
    assert "Article II (embassies)" in draft.response.embeds[0].description
    await world.alice.click(draft.response, label="Sign")
    done = await world.bob.click(draft.response, label="Sign")
    assert "ratified" in done.response.embeds[0].title
    assert buttons(done.response) == {}, "a concluded accord has nothing left to press"
    results = world.channel.last_message.content
    assert results.startswith("**Nimbus Talks** is ratified. Signed by Klingon Empire, Romulan Star Empire.")
    assert "It is kept as **Nimbus Talks**: quote it with /treaty quote." in results
    assert "✅ Klingon Empire: Come home with a cloaking device" in results
    assert "— 3 of 3, won by Article I (technology transfer)" in results
    assert "❌ Romulan Star Empire: Keep foreign envoys away" in results
    assert "❌ Romulan Star Empire: Obtain warships" in results  # the transfer went the other way
    assert "**Scores:** Klingon Empire 3, Romulan Star Empire 0" in results
    assert f"**Reputation:** <@{world.alice.id}> +1, <@{world.bob.id}> +1" in results
    quoted = await world.alice.slash(world.channel, "treaty quote", treaty="Nimbus Talks", article="II")
    embed = quoted.response.embeds[0]
    assert embed.title == "Nimbus Talks (server accord) — Article II"
    assert "No envoys on Romulus." in embed.description
    assert "Klingon Empire (alice)" in embed.footer.text and "Romulan Star Empire (bob)" in embed.footer.text
    board = await world.alice.slash(world.channel, "accord leaderboard")
    text = board.response.embeds[0].description
    assert (
        f"<@{world.alice.id}> — 1 point, 1 accord signed" in text
        and f"<@{world.bob.id}> — 1 point, 1 accord signed" in text
    )
    assert second.response.embeds[0].title.startswith("Article 2 (embassies)")
    assert len(env.errors) == 0


async def test_buttons_keep_working_across_restarts(env, world: World, make_bot) -> None:  # type: ignore[no-untyped-def]
    message = await lobby(world)
    await env.restart_bot(make_bot())
    await world.alice.click(message, label="Sit for Klingon Empire")
    await env.restart_bot(make_bot())
    await world.bob.click(message, label="Sit for Romulan Star Empire")
    await env.restart_bot(make_bot())
    await world.moderator.click(message, label="Start the conference")
    await env.restart_bot(make_bot())
    article = (
        await world.alice.slash(world.channel, "accord propose", clause="trade", text="Dilithium.")
    ).response
    await env.restart_bot(make_bot())
    await world.bob.click(article, label="Support")
    await env.restart_bot(make_bot())
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    await env.restart_bot(make_bot())
    await world.alice.click(draft, label="Sign")
    await env.restart_bot(make_bot())
    done = await world.bob.click(draft, label="Sign")
    assert "ratified" in done.response.embeds[0].title
    # no action lost: every step is in the record, once
    kinds = [r["kind"] for r in await env.bot.db.fetch_all("SELECT kind FROM game_events ORDER BY seq")]
    for kind in ("joined", "started", "tabled", "supported", "draft_closed", "signed", "ratified"):
        assert kinds.count(kind) == (2 if kind in {"joined", "signed"} else 1), kind
    quoted = await world.alice.slash(world.channel, "treaty quote", treaty="Nimbus Talks", article="I")
    assert "Dilithium." in quoted.response.embeds[0].description


async def test_pressing_sign_twice_signs_once(env, world: World) -> None:
    draft = await up_for_signature(world)
    await world.alice.click(draft, label="Sign")
    again = await world.alice.slash(world.channel, "accord sign")
    assert again.response.content == "Nothing changed: your power has already signed."
    kinds = [row["kind"] for row in await env.bot.db.fetch_all("SELECT kind FROM game_events")]
    assert kinds.count("signed") == 1


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("outsider", False), ("other_delegate", False), ("host", True), ("moderator", True)],
)
async def test_only_the_host_or_a_moderator_starts(env, world: World, who: str, allowed: bool) -> None:  # type: ignore[no-untyped-def]
    host = world.alice
    message = (await host.slash(world.channel, "accord convene", scenario="khitomer")).response
    await world.bob.click(message, label="Sit for Klingon Empire")
    await world.moderator.click(message, label="Sit for United Federation of Planets")
    actor = {
        "outsider": world.guild.add_member(env.create_user("q")),
        "other_delegate": world.bob,
        "host": host,
        "moderator": world.moderator,
    }[who]
    result = await actor.slash(world.channel, "accord start")
    if allowed:
        assert result.response.content.startswith("Negotiations are open")
    else:
        assert result.ephemeral and "Only the host or a moderator" in result.response.content
        assert len(env.errors) == 1


async def test_a_delegate_cannot_answer_for_another_power_or_sign_twice(env, world: World) -> None:
    message = await seated(world)
    await world.moderator.click(message, label="Start the conference")
    article = (
        await world.alice.slash(
            world.channel, "accord propose", clause="trade", text="K only.", parties="Klingon Empire"
        )
    ).response
    refused = await world.bob.click(article, label="Support")
    assert refused.ephemeral and "does not bind Romulan Star Empire" in refused.response.content
    await world.alice.click(article, label="Support")
    # an accord binds two powers at least (issue #23): an article the Romulans are party to
    both = (await world.alice.slash(world.channel, "accord propose", clause="trade", text="Grain.")).response
    await world.bob.click(both, label="Support")
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    first = await world.alice.click(draft, label="Sign")
    second = await world.alice.click(draft, label="Sign")
    # The second press redraws the same board: one signature, the other delegation still to answer.
    for press in (first, second):
        board = {f.name: f.value for f in press.response.embeds[0].fields if f.name != "Signing"}
        assert board == {"⚔️ Klingon Empire": "signed", "🦅 Romulan Star Empire": "to answer"}
    kinds = [row["kind"] for row in await env.bot.db.fetch_all("SELECT kind FROM game_events")]
    assert kinds.count("signed") == 1


async def test_a_member_of_another_server_cannot_touch_the_game(env, world: World) -> None:
    message = await lobby(world)
    custom_id = buttons(message)["Sit for Klingon Empire"]
    import discord

    view = discord.ui.View(timeout=None)
    view.add_item(discord.ui.Button(label="Sit", custom_id=custom_id))
    forged = await env.bot.get_channel(world.other_channel.id).send("forged", view=view)
    before = (await env.bot.db.fetch_one("SELECT count(*) FROM game_events"))[0]
    result = await world.stranger.click(forged, custom_id=custom_id)
    assert result.ephemeral and "no such conference in this server" in result.response.content
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM game_events"))[0] == before


async def test_player_text_pings_nobody_and_shows_as_text(env, world: World) -> None:
    message = await seated(world)
    await world.moderator.click(message, label="Start the conference")
    result = await world.alice.slash(
        world.channel, "accord propose", clause="free text", text="@everyone **now** <@&1>"
    )
    description = result.response.embeds[0].description
    assert shown(description) == "@everyone **now** <@&1>" and live_markup(description) == []
    # the contract check asserts allowed_mentions.parse == [] on every one of these messages


async def test_amend_retract_pause_and_the_minutes(env, world: World) -> None:
    message = await seated(world)
    await world.moderator.click(message, label="Start the conference")
    article = (
        await world.alice.slash(world.channel, "accord propose", clause="trade", text="Dilithium.")
    ).response
    await world.bob.click(article, label="Support")
    stolen = await world.bob.slash(world.channel, "accord amend", article=1, text="Tribbles.")
    assert stolen.ephemeral and "Only the delegation that tabled" in stolen.response.content
    await world.alice.slash(world.channel, "accord amend", article=1, text="Dilithium and tribbles.")
    await world.moderator.slash(world.channel, "accord host pause")
    paused = await world.alice.slash(world.channel, "accord retract", article=1)
    assert paused.ephemeral and "paused" in paused.response.content
    await world.alice.slash(world.channel, "accord host resume")  # alice is no host: refused
    await world.moderator.slash(world.channel, "accord host resume")
    await world.alice.slash(world.channel, "accord retract", article=1)
    minutes = await world.bob.slash(world.channel, "accord minutes")
    text = "\n".join(await read_all_pages(world.bob, minutes.response))
    alice, bob, worf = (f"<@{m.id}>" for m in (world.alice, world.bob, world.moderator))
    lines = text.splitlines()
    assert lines[0].endswith(f"{worf} convened the conference “Nimbus Talks”.")  # the convening first
    stamp = re.compile(r"^<t:[0-9]+:f> ")
    assert all(stamp.match(line) for line in lines), "each minute has its Discord timestamp"
    for said in (
        f"{alice} took the seat of Klingon Empire.",
        f"{worf} opened negotiations until <t:",
        f"{alice} tabled Article 1 (trade) for Klingon Empire, binding Klingon Empire, Romulan "
        "Star Empire: “Dilithium.”",
        f"{bob} supported Article 1 for Romulan Star Empire.",
        f"{alice} amended Article 1 for Klingon Empire: every party answers again.",
        f"{worf} paused the conference: the clock stopped.",
        f"{alice} withdrew Article 1.",
    ):
        assert said in text, said
    assert not re.search(r"\b[a-z]+_[a-z]+\b", text), "no internal event names"
    assert len(env.errors) == 3


async def seated(world: World):  # type: ignore[no-untyped-def]
    message = await lobby(world)
    await world.alice.click(message, label="Sit for Klingon Empire")
    await world.bob.click(message, label="Sit for Romulan Star Empire")
    return message


async def up_for_signature(world: World, clause: str = "trade", text: str = "Dilithium."):  # type: ignore[no-untyped-def]
    """Alice (Klingons) and Bob (Romulans) agree one article; the draft is closed and up for signature."""
    message = await seated(world)
    await world.moderator.click(message, label="Start the conference")
    article = (await world.alice.slash(world.channel, "accord propose", clause=clause, text=text)).response
    await world.bob.click(article, label="Support")
    return (await world.moderator.slash(world.channel, "accord ratify")).response


async def test_a_reminder_goes_out_then_the_deadline_ends_negotiation(env, world: World) -> None:
    await world.moderator.slash(world.channel, "config set", setting="deadline.negotiation", value="2h")
    await world.moderator.slash(world.channel, "config set", setting="reminder.lead", value="30m")
    await seated(world)
    await world.moderator.slash(world.channel, "accord start")
    await env.advance_time(89 * 60)
    assert "⏰" not in (world.channel.last_message.content or "")
    await env.advance_time(2 * 60)
    reminder = world.channel.last_message
    assert reminder.content.startswith("⏰ **Nimbus Talks**: negotiation ends in 30m.")
    assert f"<@{world.alice.id}>" in reminder.content  # delegations are named (and pinged on purpose)
    await env.advance_time(30 * 60)
    assert "Time is up for negotiation: no article was agreed" in recent_text(world.channel)
    refused = await world.alice.slash(world.channel, "accord propose", clause="trade", text="Too late.")
    assert refused.ephemeral
    assert len(env.errors) == 1


async def test_silent_signatories_count_as_refusing_when_time_runs_out(env, world: World) -> None:
    await world.moderator.slash(world.channel, "config set", setting="deadline.ratification", value="1h")
    await seated(world)
    await world.moderator.slash(world.channel, "accord start")
    article = (
        await world.alice.slash(world.channel, "accord propose", clause="trade", text="Dilithium.")
    ).response
    await world.bob.click(article, label="Support")
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    await world.alice.click(draft, label="Sign")
    await env.advance_time(3600 + 1)
    assert "whoever had not signed counts as refusing, so the accord failed" in recent_text(world.channel)
    kinds = [(r["kind"], r["data"]) for r in await env.bot.db.fetch_all("SELECT kind, data FROM game_events")]
    refusals = [json.loads(data)["power"] for kind, data in kinds if kind == "refused"]
    assert "Romulan Star Empire" in refusals and kinds[-1][0] == "failed"


async def test_pause_stops_the_clock(env, world: World) -> None:
    await world.moderator.slash(world.channel, "config set", setting="deadline.negotiation", value="1h")
    await world.moderator.slash(world.channel, "config set", setting="reminder.lead", value="1m")
    await seated(world)
    await world.moderator.slash(world.channel, "accord start")
    await env.advance_time(20 * 60)
    await world.moderator.slash(world.channel, "accord host pause")
    await env.advance_time(10 * 86_400)
    assert "Time is up" not in (world.channel.last_message.content or "")
    await world.moderator.slash(world.channel, "accord host resume")
    await env.advance_time(39 * 60)
    assert "Time is up" not in (world.channel.last_message.content or "")
    await env.advance_time(2 * 60)
    assert "Time is up" in recent_text(world.channel)


async def test_deadlines_survive_a_restart_and_one_missed_while_down_fires_on_return(
    env, world: World, make_bot
) -> None:  # type: ignore[no-untyped-def]
    await world.moderator.slash(world.channel, "config set", setting="deadline.lobby", value="1h")
    await lobby(world)  # nobody sits: the lobby will be abandoned
    await env.restart_bot(make_bot())
    await env.advance_time(3601)
    assert "too few powers sat down" in world.channel.last_message.content

    second = (await world.moderator.slash(world.channel, "accord convene", scenario="khitomer")).response
    assert second.embeds
    rows = await env.bot.db.fetch_all("SELECT id, state FROM games ORDER BY id DESC LIMIT 1")
    game_id, state = rows[0]["id"], rows[0]["state"]
    import json

    stored = json.loads(state)
    stored["deadline"] = 0.0  # as if it passed while the bot was down
    async with env.bot.db.transaction() as conn:
        await conn.execute("UPDATE games SET state = ? WHERE id = ?", (json.dumps(stored), game_id))
    await env.restart_bot(make_bot())
    await env.settle()
    assert "too few powers sat down" in world.channel.last_message.content
    status = await world.moderator.slash(world.channel, "accord status")
    assert status.ephemeral and not status.response.embeds
    assert status.response.content.startswith("There is no conference running in this channel")
    assert len(env.errors) == 1


async def test_objectives_are_secret_to_each_delegation(env, world: World) -> None:
    await seated(world)
    mine = await world.alice.slash(world.channel, "accord objectives")
    assert (
        mine.ephemeral
        and "cloaking device" in mine.response.content
        and "envoys" not in mine.response.content
    )
    outsider = await world.moderator.slash(world.channel, "accord objectives")
    assert outsider.ephemeral and "Only seated delegations" in outsider.response.content
    assert len(env.errors) == 1


async def ratified_game(world: World):  # type: ignore[no-untyped-def]
    """Three powers (carol joins for the Federation) sign an accord; returns its key."""
    message = await lobby(world)
    carol = world.guild.add_member(world.alice._env.create_user("carol"))
    await world.alice.click(message, label="Sit for Klingon Empire")
    await world.bob.click(message, label="Sit for Romulan Star Empire")
    await carol.click(message, label="Sit for United Federation of Planets")
    await world.moderator.click(message, label="Start the conference")
    article = (
        await world.alice.slash(world.channel, "accord propose", clause="non-aggression", text="Peace.")
    ).response
    await world.bob.click(article, label="Support")
    await carol.click(article, label="Support")
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    for member in (world.alice, world.bob, carol):
        await member.click(draft, label="Sign")
    rows = await world.alice._env.bot.db.fetch_all("SELECT id FROM accords")
    return f"accord-{rows[0]['id']}", carol


async def test_withdraw_and_reinstate_show_on_the_treaty_and_cost_reputation(env, world: World) -> None:
    key, _carol = await ratified_game(world)
    outsider = await world.moderator.slash(world.channel, "accord record withdraw", accord=key, reason="No.")
    assert outsider.ephemeral and "Only the delegations" in outsider.response.content
    done = await world.alice.slash(
        world.channel, "accord record withdraw", accord=key, reason="The Council condemned us."
    )
    assert done.response.content == f"<@{world.alice.id}> withdrew Klingon Empire from **Nimbus Talks**."
    shown = await world.bob.slash(world.channel, "treaty show", treaty=key)
    fields = {f.name: f.value for f in shown.response.embeds[0].fields}
    assert fields["Status"] == "suspended: Klingon Empire withdrew"
    board = (await world.bob.slash(world.channel, "accord leaderboard")).response.embeds[0].description
    assert f"<@{world.alice.id}> — -1 point, 1 accord signed" in board  # +1 for signing, -2 for leaving
    await world.alice.slash(world.channel, "accord record reinstate", accord=key)
    shown = await world.bob.slash(world.channel, "treaty show", treaty=key)
    assert {f.name: f.value for f in shown.response.embeds[0].fields}["Status"] == "in force"
    assert len(env.errors) == 1


async def test_a_complaint_is_decided_by_the_other_signatories(env, world: World) -> None:
    key, carol = await ratified_game(world)
    filed = await world.alice.slash(
        world.channel,
        "accord record complaint",
        accord=key,
        against="romulans",
        text="Cloaked ships at the border.",
    )
    assert filed.response.content == (
        "Complaint 1 filed against Romulan Star Empire: "
        "the other signatories vote on it with /accord record vote."
    )
    offered = await carol.autocomplete(world.channel, "accord record vote", "complaint", "", accord=key)
    assert offered == [{"name": "1: against Romulan Star Empire — Cloaked ships at the border.", "value": 1}]
    accused = await world.bob.slash(
        world.channel, "accord record vote", accord=key, complaint=1, uphold=False
    )
    assert accused.ephemeral and "do not vote" in accused.response.content
    await world.alice.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=True)
    twice = await world.alice.slash(
        world.channel, "accord record vote", accord=key, complaint=1, uphold=False
    )
    assert twice.ephemeral and twice.response.content == "Nothing changed: that was already so."
    decided = await carol.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=True)
    assert "Complaint 1 is upheld by the signatories." in decided.response.content
    assert await carol.autocomplete(world.channel, "accord record vote", "complaint", "", accord=key) == []
    board = (await world.alice.slash(world.channel, "accord leaderboard")).response.embeds[0].description
    assert f"<@{world.bob.id}> — 0 points, 1 accord signed" in board
    history = "\n".join(
        await read_all_pages(
            world.alice, (await world.alice.slash(world.channel, "treaty show", treaty=key)).response
        )
    )
    assert "**Complaint** — Complaint 1 by Klingon Empire against Romulan Star Empire" in history
    assert "Undated" not in history
    assert "Complaint 1 was upheld by the signatories." in history
    assert len(env.errors) == 1


async def test_extend_replace_and_history(env, world: World) -> None:
    await world.moderator.slash(world.channel, "config set", setting="deadline.negotiation", value="1h")
    await world.moderator.slash(world.channel, "config set", setting="reminder.lead", value="1m")
    await seated(world)
    await world.moderator.slash(world.channel, "accord start")
    refused = await world.alice.slash(world.channel, "accord host extend", by="1h")
    assert refused.ephemeral and "Only the host or a moderator" in refused.response.content
    extended = await world.moderator.slash(world.channel, "accord host extend", by="1h")
    moved = re.fullmatch(
        r"The deadline moves 1h later: negotiation ends <t:([0-9]+):R>\.", extended.response.content
    )
    assert moved and int(moved[1]) == int(env.now().timestamp()) + 2 * 3600  # 1h set, 1h more
    await env.advance_time(61 * 60)
    assert "Time is up" not in (world.channel.last_message.content or "")

    carol = world.guild.add_member(env.create_user("carol"))
    swapped = await world.moderator.slash(
        world.channel, "accord host replace", absent=world.bob, newcomer=carol
    )
    assert swapped.response.content.startswith(f"<@{carol.id}> takes over")
    tabled = await carol.slash(world.channel, "accord propose", clause="trade", text="Carol speaks for Rome.")
    assert not tabled.ephemeral
    gone = await world.bob.slash(world.channel, "accord propose", clause="trade", text="Bob is gone.")
    assert gone.ephemeral and "Only seated delegations" in gone.response.content

    await env.advance_time(60 * 60)
    assert "Time is up" in recent_text(world.channel)
    history = await world.alice.slash(world.channel, "accord history")
    assert "**Nimbus Talks** in" in history.response.embeds[0].description
    assert len(env.errors) == 2


async def test_a_conference_opens_its_own_thread_and_talks_are_private(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "on")
    await seated(world)
    thread_id = (await env.bot.db.fetch_one("SELECT channel_id FROM games"))[0]
    assert thread_id != world.channel.id
    thread = next(t for t in world.channel.threads if t.id == thread_id)
    assert thread.last_message.content.startswith("The conference sits here")
    started = await world.moderator.slash(thread, "accord start")
    assert started.response.content.startswith("Negotiations are open")
    # From the channel it was convened in, /accord acts on the conference in its thread.
    elsewhere = await world.moderator.slash(world.channel, "accord status")
    on_board = await world.moderator.slash(thread, "accord status")
    assert (
        elsewhere.response.embeds[0].title == on_board.response.embeds[0].title == "Conference: Nimbus Talks"
    )
    talks = await world.alice.slash(thread, "accord talks", powers="Romulan Star Empire")
    assert talks.ephemeral and talks.response.content.startswith("Talks are open in <#")
    private = [t for t in world.channel.threads if t.name == "Talks: Klingon Empire & Romulan Star Empire"]
    assert len(private) == 1
    created = [r for r in env.http_requests if r.method == "POST" and r.path.endswith("/threads")]
    kinds = {r.json["name"]: r.json.get("type") for r in created}
    assert kinds["Talks: Klingon Empire & Romulan Star Empire"] == 12  # a private thread
    added = {
        r.path.rsplit("/", 1)[1]
        for r in env.http_requests
        if "/thread-members/" in r.path and r.method == "PUT"
    }
    assert added == {str(world.alice.id), str(world.bob.id)}  # both delegations, nobody else
    assert len(env.errors) == 0


async def test_a_narrower_accord_binds_only_those_who_signed(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "deadline.ratification", "3600")
    message = await lobby(world)  # Nimbus III allows a narrower accord
    carol = world.guild.add_member(env.create_user("carol"))
    await world.alice.click(message, label="Sit for Klingon Empire")
    await world.bob.click(message, label="Sit for Romulan Star Empire")
    await carol.click(message, label="Sit for United Federation of Planets")
    await world.moderator.slash(world.channel, "accord start")
    article = (
        await world.alice.slash(world.channel, "accord propose", clause="trade", text="Dilithium.")
    ).response
    await world.bob.click(article, label="Support")
    await carol.click(article, label="Support")
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    await world.alice.click(draft, label="Sign")
    await world.bob.click(draft, label="Sign")
    await env.advance_time(3601)
    said = [m.content for m in world.channel.history()[-3:]]
    assert any("Time is up: those who signed keep the accord among themselves." in text for text in said)
    shown = await world.alice.slash(world.channel, "treaty show", treaty="Nimbus Talks")
    parties = [f.name for f in shown.response.embeds[0].fields if f.name not in {"Signed", "Place", "Status"}]
    assert parties == ["Klingon Empire", "Romulan Star Empire"]


async def test_a_long_article_is_written_in_a_form_and_limits_are_clear(env, world: World) -> None:
    await seated(world)
    await world.moderator.slash(world.channel, "accord start")
    shown = await world.alice.slash(world.channel, "accord propose", clause="free text")
    assert shown.modal is not None and shown.modal["title"] == "Table an article"
    field = shown.modal["components"][0]["components"][0]
    assert field["max_length"] == 1500
    long_text = "The parties agree. " * 70  # 1,330 characters, more than a slash option comfortably holds
    done = await world.alice.submit_modal(shown, {field["custom_id"]: long_text})
    assert done.response.embeds[0].description.startswith("The parties agree.")
    # 4,000 characters: Discord's own form refuses it before the bot sees it
    again = await world.alice.slash(world.channel, "accord propose", clause="free text")
    second = again.modal["components"][0]["components"][0]["custom_id"]
    with pytest.raises(SetupError, match=r"(?i)length|long|max"):
        await world.alice.submit_modal(again, {second: "x" * 4000})
    # The slash option declares the same 1,500: Discord refuses one character more there too, so
    # the bot's own check (tests/domain, test_refusals_change_nothing: 1,501 characters) is the
    # last line, never the first.
    with pytest.raises(SetupError, match="at most 1500 characters"):
        await world.alice.slash(world.channel, "accord propose", clause="free text", text="x" * 1501)
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM game_events WHERE kind = 'tabled'"))[0] == 1


async def test_the_lobby_message_follows_slash_command_joins(env, world: World) -> None:
    message = await lobby(world)
    await world.bob.slash(world.channel, "accord join", power="Romulan Star Empire")
    fresh = await env.bot.get_channel(world.channel.id).fetch_message(message.id)
    seats = {f.name: f.value for f in fresh.embeds[0].fields}
    assert seats["🦅 Romulan Star Empire"] == f"<@{world.bob.id}>"
    await world.bob.slash(world.channel, "accord leave")
    fresh = await env.bot.get_channel(world.channel.id).fetch_message(message.id)
    assert {f.name: f.value for f in fresh.embeds[0].fields}["🦅 Romulan Star Empire"] == "*free seat*"


async def test_article_and_draft_messages_follow_slash_commands(env, world: World) -> None:
    await seated(world)
    await world.moderator.slash(world.channel, "accord start")
    article = (
        await world.alice.slash(world.channel, "accord propose", clause="trade", text="Dilithium.")
    ).response
    await world.bob.slash(world.channel, "accord support", article=1)
    channel = env.bot.get_channel(world.channel.id)
    fresh = await channel.fetch_message(article.id)
    assert {f.name: f.value for f in fresh.embeds[0].fields}[
        "Support"
    ] == "Klingon Empire, Romulan Star Empire"
    assert "agreed" in fresh.embeds[0].title
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    await world.alice.slash(world.channel, "accord sign")
    fresh = await channel.fetch_message(draft.id)
    assert {f.name: f.value for f in fresh.embeds[0].fields}["⚔️ Klingon Empire"] == "signed"
