"""What a game action costs in requests to Discord (issue #21, point 5): the reply, plus only the
messages whose look changes. Each test also reads what members see, so a saved request never
leaves a stale message or a live button behind."""

from __future__ import annotations

import asyncio
import importlib
import sys
from pathlib import Path
from typing import Any

import simcord
from simcord.env import Env

from tests.conftest import World

KLINGON, ROMULAN = "Klingon Empire", "Romulan Star Empire"


def requests_of(env: Env, since: int) -> list[str]:
    """The REST requests made since `since`, as METHOD and path with ids folded."""
    folded = []
    for request in env.http_requests[since:]:
        parts = request.path.split("/")
        if "interactions" in parts:  # /interactions/{id}/{token}/callback
            parts[parts.index("interactions") + 2] = "{token}"
        folded.append(f"{request.method} " + "/".join("{id}" if p.isdigit() else p for p in parts))
    return folded


def live(channel: simcord.ChannelHandle, message_id: int, viewer: simcord.MemberActor) -> dict[str, bool]:
    """Each button of a message as `viewer` sees it now, and whether it can still be pressed."""
    message = next(m for m in channel.history(viewer=viewer) if m.id == message_id)
    rows = [row if isinstance(row, dict) else row.to_dict() for row in message.components]
    return {c["label"]: not c.get("disabled", False) for row in rows for c in row["components"]}


async def up_for_signature(env: Env, world: World) -> tuple[Any, list[Any], Any]:
    """Two seated powers, three agreed articles, the draft up for signature, Klingon signed:
    (the lobby, the articles, the draft), as in bench/interactions.py."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")  # type: ignore[attr-defined]
    lobby = (
        await world.moderator.slash(world.channel, "accord convene", scenario="nimbus_iii", title="Talks")
    ).response
    await world.alice.click(lobby, label=f"Sit for {KLINGON}")
    await world.bob.click(lobby, label=f"Sit for {ROMULAN}")
    await world.moderator.click(lobby, label="Start the conference")
    articles = []
    for n in range(3):
        proposed = await world.alice.slash(
            world.channel, "accord propose", clause="trade", text=f"Grain {n}."
        )
        articles.append(proposed.response)
        await world.bob.click(proposed.response, label="Support")
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    await world.alice.click(draft, label="Sign")
    return lobby, articles, draft


async def test_the_ratifying_sign_redraws_nothing_already_retired(env: Env, world: World) -> None:
    lobby, articles, draft = await up_for_signature(env, world)
    since = len(env.http_requests)
    done = await world.bob.click(draft, label="Sign")
    # The reply redraws the draft; the results go out; the lobby says how the conference ended.
    # The articles' buttons were retired when their phase ended: nothing of theirs is sent again.
    assert requests_of(env, since) == [
        "PATCH /channels/{id}/messages/{id}",
        "POST /interactions/{id}/{token}/callback",
        "POST /channels/{id}/messages",
    ]
    shown = next(m for m in world.channel.history(viewer=world.bob) if m.id == lobby.id)
    assert shown.embeds[0].footer.text == "Over: the accord was ratified."
    assert "ratified" in (done.response.embeds[0].title or "")
    assert world.channel.last_message.content.startswith("**Talks** is ratified.")
    for message in (lobby, *articles, draft):
        assert not any(live(world.channel, message.id, world.bob).values()), "a dead button is left"
    assert len(env.errors) == 0


async def test_signing_by_command_redraws_the_draft_once(env: Env, world: World) -> None:
    _, _, draft = await up_for_signature(env, world)
    since = len(env.http_requests)
    await world.bob.slash(world.channel, "accord sign")
    patches = [r for r in requests_of(env, since) if r.startswith("PATCH")]
    assert patches == ["PATCH /channels/{id}/messages/{id}"] * 2, "the lobby (its ending), the draft once"
    shown = next(m for m in world.channel.history(viewer=world.bob) if m.id == draft.id)
    assert "ratified" in (shown.embeds[0].title or "") and not any(
        live(world.channel, draft.id, world.bob).values()
    )
    assert len(env.errors) == 0


async def test_start_by_button_is_one_request_and_closes_the_lobby(env: Env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")  # type: ignore[attr-defined]
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="nimbus_iii")).response
    await world.alice.click(lobby, label=f"Sit for {KLINGON}")
    await world.bob.click(lobby, label=f"Sit for {ROMULAN}")
    since = len(env.http_requests)
    await world.moderator.click(lobby, label="Start the conference")
    assert requests_of(env, since) == ["POST /interactions/{id}/{token}/callback"]
    assert not any(live(world.channel, lobby.id, world.alice).values())
    assert len(env.errors) == 0


async def test_propose_and_convene_take_their_message_from_the_reply(env: Env, world: World) -> None:
    """The reply already names the message it posted: no second request fetches it back."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")  # type: ignore[attr-defined]
    since = len(env.http_requests)
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="nimbus_iii")).response
    assert requests_of(env, since) == ["POST /interactions/{id}/{token}/callback"]
    await world.alice.click(lobby, label=f"Sit for {KLINGON}")
    await world.bob.slash(world.channel, "accord join", power=ROMULAN)  # the lobby was remembered
    shown = next(m for m in world.channel.history(viewer=world.bob) if m.id == lobby.id)
    assert {f.name: f.value for f in shown.embeds[0].fields}[f"🦅 {ROMULAN}"] == f"<@{world.bob.id}>"
    await world.moderator.click(lobby, label="Start the conference")
    since = len(env.http_requests)
    article = (
        await world.alice.slash(world.channel, "accord propose", clause="trade", text="Grain.")
    ).response
    assert requests_of(env, since) == ["POST /interactions/{id}/{token}/callback"]
    # the article's message was remembered all the same: a Support by command redraws it
    await world.bob.slash(world.channel, "accord support", article=1)
    shown = next(m for m in world.channel.history(viewer=world.bob) if m.id == article.id)
    assert "agreed" in (shown.embeds[0].title or "")
    since = len(env.http_requests)
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    assert [r for r in requests_of(env, since) if r.startswith("GET")] == []
    await world.alice.slash(world.channel, "accord sign")
    shown = next(m for m in world.channel.history(viewer=world.bob) if m.id == draft.id)
    assert {f.name: f.value for f in shown.embeds[0].fields}["⚔️ Klingon Empire"] == "signed"
    assert len(env.errors) == 0


async def test_join_by_command_is_its_reply_and_the_lobby(env: Env, world: World) -> None:
    """Two requests, both needed: the lobby (another message) shows who sits, and the reply."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")  # type: ignore[attr-defined]
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="nimbus_iii")).response
    since = len(env.http_requests)
    await world.alice.slash(world.channel, "accord join", power=KLINGON)
    assert sorted(requests_of(env, since)) == [
        "PATCH /channels/{id}/messages/{id}",
        "POST /interactions/{id}/{token}/callback",
    ]
    shown = next(m for m in world.channel.history(viewer=world.bob) if m.id == lobby.id)
    assert {f.name: f.value for f in shown.embeds[0].fields}[f"⚔️ {KLINGON}"] == f"<@{world.alice.id}>"
    assert len(env.errors) == 0


async def test_abandoning_in_negotiation_leaves_no_live_button(env: Env, world: World) -> None:
    """An end whose phase the events do not tell still disables every message's buttons."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")  # type: ignore[attr-defined]
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="nimbus_iii")).response
    await world.alice.click(lobby, label=f"Sit for {KLINGON}")
    await world.bob.click(lobby, label=f"Sit for {ROMULAN}")
    await world.moderator.click(lobby, label="Start the conference")
    article = (
        await world.alice.slash(world.channel, "accord propose", clause="trade", text="Grain.")
    ).response
    asked = await world.moderator.slash(world.channel, "accord host abandon")
    await world.moderator.click(asked.response, label="Abandon it")
    for message in (lobby, article):
        assert not any(live(world.channel, message.id, world.bob).values())
    assert len(env.errors) == 0


def bench_game_tasks() -> tuple[str, ...]:
    """bench/interactions_simcord.py's names of a conference's waiting tasks (bench/ holds scripts)."""
    bench = str(Path(__file__).parents[2] / "bench")
    sys.path.insert(0, bench)
    try:
        return tuple(importlib.import_module("interactions_simcord").GAME_TASKS)
    finally:
        sys.path.remove(bench)


async def test_the_interactions_bench_knows_a_conferences_waiting_tasks(env: Env, world: World) -> None:
    """bench/interactions.py sets a conference's waiting tasks aside from SimCord's settling, by
    name: a renamed task made every interaction of its memory run slower with each conference."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")  # type: ignore[attr-defined]
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="nimbus_iii")).response
    game_id = lobby.components[0]["components"][0]["custom_id"].split(":")[1]
    await world.moderator.click(lobby, label="Fill the free seats with delegations")
    # its delegations' turns, and the one clock that waits for every conference's next deadline
    waiting = [
        t.get_name()
        for t in asyncio.all_tasks()
        if t.get_name().endswith(f"-{game_id}") or t.get_name() == "deadline-clock"
    ]
    assert "deadline-clock" in waiting, "the conference has a deadline"
    assert all(name.startswith(bench_game_tasks()) for name in waiting), waiting
