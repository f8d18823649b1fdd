"""Rough edges a first group hit (issue #23, part 2: points 1, 5, 6 and 7), read as members see them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World, read_all_pages

TRANSFER = "technology transfer"
AGREED = "What: cloaking devices · From: Romulan Star Empire · To: Klingon Empire"


@pytest.fixture(autouse=True)
async def _games_stay_in_the_channel(env, world: World) -> None:  # type: ignore[no-untyped-def]
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")


async def negotiating(world: World) -> None:
    """Nimbus Talks with Klingons (alice) and Romulans (bob), negotiation open."""
    lobby = await world.moderator.slash(
        world.channel, "accord convene", scenario="nimbus_iii", title="Nimbus Talks"
    )
    await world.alice.click(lobby.response, label="Sit for Klingon Empire")
    await world.bob.click(lobby.response, label="Sit for Romulan Star Empire")
    await world.moderator.slash(world.channel, "accord start")


def form_fields(shown: Any) -> list[dict[str, Any]]:
    """The text inputs of a form, in order, as the member sees them."""
    return [row["components"][0] for row in shown.modal["components"]]


def answers(shown: Any, *values: str) -> dict[str, str]:
    return {field["custom_id"]: value for field, value in zip(form_fields(shown), values, strict=True)}


def terms_of(article: Any) -> str:
    return {f.name: f.value for f in article.embeds[0].fields}["Terms"]


# 1. The propose form asks for every term its clause needs, and never loses what was typed.


async def test_the_propose_form_asks_for_every_missing_term(env, world: World) -> None:
    await negotiating(world)
    shown = await world.alice.slash(world.channel, "accord propose", clause=TRANSFER)
    assert shown.modal is not None and shown.modal["title"] == "Table an article"
    assert [f["label"] for f in form_fields(shown)] == [
        "Article (technology transfer)",
        "What is transferred, ceded or banned",
        "From which power",
        "To which power",
    ]
    assert all(f["required"] for f in form_fields(shown))
    assert form_fields(shown)[2]["placeholder"] == "Klingon Empire or Romulan Star Empire"
    done = await world.alice.submit_modal(
        shown, answers(shown, "Cloaks for cruisers.", "cloaking devices", "romulans", "klingons")
    )
    assert not done.ephemeral
    assert done.response.embeds[0].description.startswith("Cloaks for cruisers.")
    assert terms_of(done.response) == AGREED
    assert len(env.errors) == 0


async def test_words_typed_with_the_command_are_kept_in_a_form_asking_the_rest(env, world: World) -> None:
    await negotiating(world)
    shown = await world.alice.slash(
        world.channel, "accord propose", clause=TRANSFER, text="Cloaks for cruisers.", giver="romulans"
    )
    assert shown.modal is not None, "missing terms are asked for, not refused"
    fields = form_fields(shown)
    assert [(f["label"], f.get("value")) for f in fields] == [
        ("Article (technology transfer)", "Cloaks for cruisers."),
        ("What is transferred, ceded or banned", None),
        ("From which power", "Romulan Star Empire"),
        ("To which power", None),
    ]
    done = await world.alice.submit_modal(
        shown, answers(shown, "Cloaks for cruisers.", "cloaking devices", "Romulan Star Empire", "klingon")
    )
    assert terms_of(done.response) == AGREED


async def test_a_refused_form_opens_again_with_everything_typed(env, world: World) -> None:
    await negotiating(world)
    shown = await world.alice.slash(world.channel, "accord propose", clause=TRANSFER)
    typed = ("Cloaks for cruisers.", "cloaking devices", "Ferengi", "Klingon Empire")
    refused = await world.alice.submit_modal(shown, answers(shown, *typed))
    assert refused.ephemeral
    assert refused.response.content.startswith("No power 'Ferengi' sits at this conference.")
    assert refused.response.content.endswith(
        "Nothing was tabled. **Fix the form** opens it again with everything you typed."
    )
    again = await world.alice.click(refused.response, label="Fix the form")
    assert again.modal is not None
    assert [f.get("value") for f in form_fields(again)] == list(typed)
    same = await world.alice.submit_modal(
        again, answers(again, "Cloaks for cruisers.", "cloaking devices", "Klingon Empire", "Klingon Empire")
    )
    assert same.response.content.startswith("A power cannot give to itself.")
    fixed = await world.alice.click(same.response, label="Fix the form")
    done = await world.alice.submit_modal(
        fixed, answers(fixed, "Cloaks for cruisers.", "cloaking devices", "Romulan Star Empire", "Klingon")
    )
    assert done.response.embeds[0].description.startswith("Cloaks for cruisers.")
    tabled = await env.bot.db.fetch_one("SELECT count(*) FROM game_events WHERE kind = 'tabled'")
    assert tabled[0] == 1
    assert len(env.errors) == 2  # the two refusals


async def test_who_may_not_table_is_told_before_writing(env, world: World) -> None:
    await negotiating(world)
    carol = world.guild.add_member(env.create_user("carol"))
    refused = await carol.slash(world.channel, "accord propose", clause=TRANSFER)
    assert refused.modal is None and refused.ephemeral
    assert "Only seated delegations" in refused.response.content
    assert len(env.errors) == 1


def test_a_clause_with_more_terms_than_a_form_holds_asks_the_empty_ones_first() -> None:
    """Five fields: the words and four terms. The reopened form asks what is still empty."""
    from bot.domain.accords.clauses import Term, TermKind
    from cogs.accords._modal import form_terms

    needed = [Term(f"t{i}", f"T{i}", f"Term {i}?", TermKind.TEXT, ()) for i in range(6)]
    assert [t.name for t in form_terms(needed, {}, 4)] == ["t0", "t1", "t2", "t3"]
    typed = {"t0": "a", "t1": "b", "t2": "", "t3": "d"}
    assert [t.name for t in form_terms(needed, typed, 4)] == ["t0", "t2", "t4", "t5"]


# 5. Extending a paused phase works and says how long it will have; 6. the minutes say who extended.


async def test_a_paused_phase_can_be_extended_and_the_minutes_say_who_did(
    env, world: World, make_bot
) -> None:  # type: ignore[no-untyped-def]
    await world.moderator.slash(world.channel, "config set", setting="deadline.negotiation", value="2h")
    await negotiating(world)
    running = await world.moderator.slash(world.channel, "accord host extend", by="30m")
    moved_to = int(env.now().timestamp()) + 2 * 3600 + 1800
    assert running.response.content == f"The deadline moves 30m later: negotiation ends <t:{moved_to}:R>."
    paused = await world.moderator.slash(world.channel, "accord host pause")
    assert paused.response.content == "The conference is paused: the clock stops, 2h 30m left."
    refused = await world.alice.slash(world.channel, "accord host extend", by="1h")
    assert refused.ephemeral and "Only the host or a moderator" in refused.response.content
    extended = await world.moderator.slash(world.channel, "accord host extend", by="1h")
    assert not extended.ephemeral
    assert extended.response.content == (
        "The paused conference gets 1h more: once resumed, negotiation has 3h 30m left."
    )
    await env.restart_bot(make_bot())  # kept as recorded
    await env.advance_time(5 * 3600)  # paused: the clock does not run
    resumed = await world.moderator.slash(world.channel, "accord host resume")
    ends = int(env.now().timestamp()) + 3 * 3600 + 1800
    assert resumed.response.content == f"The conference resumes: negotiation ends <t:{ends}:R>."

    minutes = await world.bob.slash(world.channel, "accord minutes")
    text = "\n".join(await read_all_pages(world.bob, minutes.response))
    worf = f"<@{world.moderator.id}>"
    assert f"{worf} extended the deadline by 30m: the current phase now ends <t:{moved_to}:f>." in text
    assert f"{worf} gave the paused conference 1h more: 3h 30m left once it resumes." in text
    assert len(env.errors) == 1


# 7. A refusal in the wrong channel names the channels to use (mentions, which ping nobody).


async def test_a_conference_refused_here_names_the_channels_where_it_may_be_convened(
    env, world: World
) -> None:
    war_room = world.guild.create_text_channel("war-room")
    category = world.guild.create_category("Diplomacy")
    await env.bot.guild_config.put(world.guild.id, "game.channels", f"{war_room.id},{category.id}")
    refused = await world.alice.slash(world.channel, "accord convene", scenario="nimbus_iii")
    assert refused.ephemeral
    assert refused.response.content == (
        f"Conferences are not convened in this channel: the moderators keep them to <#{war_room.id}>"
        f" and the channels of <#{category.id}>."
    )
    asked = await world.alice.slash(world.channel, "help")
    help_text = "\n".join(await read_all_pages(world.alice, asked.response))
    assert f"*Not here: {refused.response.content}*" in help_text, "/help says the same"
    convened = await world.alice.slash(war_room, "accord convene", scenario="nimbus_iii")
    assert not convened.ephemeral
    assert len(env.errors) == 1


async def test_when_every_chosen_channel_is_gone_the_refusal_says_none_is_left(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.channels", "123456789")  # a deleted channel
    refused = await world.alice.slash(world.channel, "accord convene", scenario="nimbus_iii")
    assert refused.ephemeral and refused.response.content == (
        "Conferences cannot be convened in any channel of this server just now: the channels the "
        "moderators chose for them are gone. Ask a moderator to choose others."
    )
    assert len(env.errors) == 1


async def test_lore_hidden_by_the_settings_says_what_they_show_not_a_moderators_command(
    env, world: World
) -> None:
    await env.bot.guild_config.put(world.guild.id, "lore.tiers", "canon+licensed")
    hidden = await world.alice.slash(world.channel, "lore entry", topic="Hectavious")  # fan sources only
    assert hidden.ephemeral and hidden.response.content == (
        "'Hectavious' rests only on sources this server's settings hide: it shows only canon and "
        "licensed sources and its own lore."
    )
    assert len(env.errors) == 1


# 6. The public withdrawal notice says who withdrew which power from which accord.


async def test_the_withdrawal_notice_says_who_withdrew_which_power_from_which_accord(
    env, world: World
) -> None:
    await negotiating(world)
    article = await world.alice.slash(world.channel, "accord propose", clause="trade", text="Dilithium.")
    await world.bob.click(article.response, label="Support")
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    await world.alice.click(draft, label="Sign")
    await world.bob.click(draft, label="Sign")
    (key,) = [t.key for t in await env.bot.get_cog("Accords").service.accords_named(world.guild.id, "")]
    done = await world.alice.slash(
        world.channel, "accord record withdraw", accord=key, reason="The Council condemned us."
    )
    assert not done.ephemeral
    assert done.response.content == f"<@{world.alice.id}> withdrew Klingon Empire from **Nimbus Talks**."
    # the mention names the member without pinging them
    sent = [r.json for r in env.http_requests if isinstance(r.json, dict) and "withdrew" in str(r.json)]
    mentions = sent[-1]["data"]["allowed_mentions"]
    assert mentions["parse"] == [] and not mentions.get("users")
