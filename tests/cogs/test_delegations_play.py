"""How the bot's delegations play in time (issue #23 §1): after a pause a person would take, at
once when only they are left to answer, never after the deadline, on through a restart and
through a database that goes away; and never for a seat a person holds."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.domain.accords import commands as c
from bot.services.delegations import SHORTEST, next_turn
from tests.cogs.test_delegations_solo import articles, buttons, delegation_lines, fields, solo_lobby
from tests.conftest import World
from tests.support.faults import DatabaseDown


@pytest.fixture(autouse=True)
async def _games_stay_in_the_channel(env, world: World) -> None:  # type: ignore[no-untyped-def]
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")


async def kinds(env: Any) -> list[tuple[int, str]]:
    """(actor, kind) of every recorded event, in order."""
    rows = await env.bot.db.fetch_all("SELECT actor_id, kind FROM game_events ORDER BY seq")
    return [(int(r["actor_id"]), str(r["kind"])) for r in rows]


async def test_delegations_wait_as_a_person_would_then_table_and_say_why(env, world: World) -> None:
    await solo_lobby(world, "khitomer", "Klingon Empire")
    start = len(world.channel.history())
    await env.advance_time(SHORTEST - 1)
    assert delegation_lines(world, start) == [] and articles(world) == []
    await env.advance_time(2 * 60)
    tabled = articles(world)
    assert tabled, "a delegation tables an article within two minutes"
    first = tabled[0]
    assert first.content.startswith("The "), "the article comes with the delegation's sentence"
    assert fields(first)["Tabled by"].endswith(("Romulan Star Empire", "United Federation of Planets"))
    assert buttons(first) == {"Support": True, "Oppose": True}
    minutes = (await world.alice.slash(world.channel, "accord minutes")).response.embeds[0].description
    assert " delegation tabled Article 1 (" in minutes
    # what the bot says for its delegations can ping nobody
    posts = [r.json for r in env.http_requests if r.method == "POST" and r.path.endswith("/messages")]
    said = [body for body in posts if body.get("content") == first.content]
    assert said and all(body["allowed_mentions"] == {"parse": []} for body in said)


async def test_when_only_delegations_are_left_to_answer_they_answer_at_once(env, world: World) -> None:
    await solo_lobby(world, "nimbus_iii", "Klingon Empire")
    article = await world.alice.slash(
        world.channel, "accord propose", clause="non-aggression", text="No power raises arms against another."
    )
    await env.advance_time(5)  # far less than anyone thinks: only the delegations were left to answer
    answered = fields(next(m for m in articles(world) if m.id == article.response.id))
    for power in ("Romulan Star Empire", "United Federation of Planets"):
        assert power in answered["Support"] or power in answered["Oppose"], answered
    said = delegation_lines(world, 0)
    assert len([line for line in said if "Article 1" in line]) >= 2, said


async def test_no_delegation_acts_after_the_deadline(env, world: World) -> None:
    await world.moderator.slash(world.channel, "config set", setting="deadline.negotiation", value="1m")
    await solo_lobby(world, "khitomer", "Klingon Empire")
    await env.advance_time(10 * 60)
    events = await kinds(env)
    closing = next(
        i for i, (actor, kind) in enumerate(events) if actor == 0 and kind in {"failed", "draft_closed"}
    )
    rows = await env.bot.db.fetch_all(
        "SELECT seq, data FROM game_events WHERE kind = 'tabled' AND actor_id = -1"
    )
    authors = {json.loads(r["data"])["author"] for r in rows if r["seq"] <= closing}
    assert authors == {"Romulan Star Empire", "United Federation of Planets"}, "each acted within the minute"
    late = [kind for actor, kind in events[closing:] if actor == -1]
    assert set(late) <= {"signed", "refused", "departed", "ratified", "failed"}, events  # signing only


async def test_after_a_restart_mid_negotiation_the_delegations_play_on(env, world: World, make_bot) -> None:  # type: ignore[no-untyped-def]
    await solo_lobby(world, "khitomer", "Klingon Empire")
    stored = await env.bot.get_cog("Accords").service.game(world.guild.id, 1)
    planned = next_turn(stored, 0.0, 0.0)  # what the stored state says comes next, anywhere
    assert planned is not None and isinstance(planned[0].move.command, c.Table)
    await env.restart_bot(make_bot())
    assert [actor for actor, _ in await kinds(env)].count(-1) == 0
    await env.advance_time(3 * 60)
    first = await env.bot.db.fetch_one(
        "SELECT kind, data FROM game_events WHERE actor_id = -1 ORDER BY seq LIMIT 1"
    )
    assert first is not None, "the delegations acted after the restart"
    assert (first["kind"], json.loads(first["data"])["author"]) == ("tabled", planned[0].power)


async def test_a_database_away_at_a_delegations_turn_delays_it_only(env, world: World) -> None:
    await solo_lobby(world, "khitomer", "Klingon Empire")
    before = await kinds(env)
    down = DatabaseDown(env.bot.db).down()
    await env.advance_time(3 * 60)
    assert down.refused > 0
    down.back()
    await env.advance_time(6 * 60)  # the next try, after its backoff
    after = await kinds(env)
    assert [e for e in after[len(before) :] if e[0] == -1], "the delegations acted once it came back"


async def test_a_delegation_never_acts_for_a_players_seat(env, world: World) -> None:
    await solo_lobby(world, "nimbus_iii", "Klingon Empire")
    await world.alice.slash(world.channel, "accord propose", clause="embassies", text="Envoys everywhere.")
    await env.advance_time(20 * 60)
    rows = await env.bot.db.fetch_all("SELECT data FROM game_events WHERE actor_id = -1")
    acted_for = {json.loads(r["data"]).get("power") or json.loads(r["data"]).get("author") for r in rows}
    assert acted_for and "Klingon Empire" not in acted_for, acted_for
    mine = next(m for m in articles(world) if "Envoys everywhere." in (m.embeds[0].description or ""))
    assert "Klingon Empire" in fields(mine)["Support"]  # her own, by tabling it; nobody answers for her


async def test_a_move_the_rules_refuse_is_not_tried_again_until_the_game_moves(
    env, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A wrong move (here: an answer to an article nobody tabled) is refused by the same rules as
    a player's, logged, and not retried in a loop: the game waits for its next change."""
    from bot.domain.accords.delegation import Move
    from bot.services import delegations

    asked: list[str] = []

    def wrong(state: Any, power: str, *args: Any, **kwargs: Any) -> Move:
        asked.append(power)
        return Move(c.Support(99), "The delegation supports an article that does not exist.")

    monkeypatch.setattr(delegations, "next_move", wrong)
    await solo_lobby(world, "khitomer", "Klingon Empire")
    await env.advance_time(30 * 60)
    assert [actor for actor, _ in await kinds(env)].count(-1) == 0
    assert len(asked) <= 6, asked  # each delegation asked once after the start, then again after each refusal
    assert delegation_lines(world, 0) == []
    before = len(asked)
    tabled = await world.alice.slash(world.channel, "accord propose", clause="trade", text="Grain.")
    assert not tabled.ephemeral, tabled.response.content
    await env.advance_time(30 * 60)
    assert 0 < len(asked) - before <= 6, "the game moved: they are asked again, once"
