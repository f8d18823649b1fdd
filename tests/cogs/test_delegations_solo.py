"""One player alone finishes every scenario against the bot's delegations (issue #23 §1).

alice convenes a scenario, sits for one power, fills every other seat with delegations and
starts. From then on she only reads the channel and moves time, as a player waits: she answers
each article that binds her as it appears there, tables one of her own, asks for ratification
once an article is agreed, signs if the accord binds her, and reads the end. Every step is what a
member reads: the delegations' sentences, the article messages with their buttons, the end."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import World

FILL = "Fill the free seats with delegations"
STEP = 150  # seconds of game time the player waits between looks at the channel
MOST_STEPS = 40


@pytest.fixture(autouse=True)
async def _games_stay_in_the_channel(env, world: World) -> None:  # type: ignore[no-untyped-def]
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")


def buttons(message: Any) -> dict[str, bool]:
    """A message's buttons: label -> whether it can be pressed."""
    found = {}
    for row in message.components:
        for item in row["components"] if isinstance(row, dict) else row.children:
            if isinstance(item, dict):
                found[item["label"]] = not item.get("disabled")
            else:  # a message read from the channel: discord.py's components
                found[item.label] = not item.disabled
    return found


async def solo_lobby(world: World, scenario: str, power: str) -> Any:
    """alice convenes, sits for `power`, fills the other seats and starts: what the lobby reads."""
    lobby = (await world.alice.slash(world.channel, "accord convene", scenario=scenario)).response
    await world.alice.click(lobby, label=f"Sit for {power}")
    filled = await world.alice.click(lobby, label=FILL)
    held = [f.value for f in filled.response.embeds[0].fields if f.name not in {"Host", "Deadline"}]
    assert held.count(f"<@{world.alice.id}>") == 1 and all(
        v.startswith("delegation") for v in held if v != f"<@{world.alice.id}>"
    )
    started = await world.alice.click(lobby, label="Start the conference")
    assert not buttons(started.response)["Start the conference"]
    return lobby


async def wait_until_quiet(env: Any, world: World) -> None:
    """Move time until a wait brings no new message to the channel."""
    seen = len(world.channel.history())
    for _ in range(MOST_STEPS):
        await env.advance_time(STEP)
        now = len(world.channel.history())
        if now == seen:
            return
        seen = now
    raise AssertionError("the delegations never stopped talking")


def fields(message: Any) -> dict[str, str]:
    return {f.name: f.value for f in message.embeds[0].fields}


def articles(world: World) -> list[Any]:
    """The article messages of the channel as they read now."""
    return [
        m
        for m in world.channel.history()
        if m.embeds and re.match(r"Article \d+ \(", m.embeds[0].title or "")
    ]


async def answer_what_binds_me(world: World, power: str) -> int:
    """Support every article on the table that binds `power` and awaits its answer."""
    answered = 0
    for message in articles(world):
        said = fields(message)
        on_table = buttons(message).get("Support")
        if (
            on_table
            and power in said["Binds"]
            and power not in said["Support"]
            and power not in said["Oppose"]
        ):
            await world.alice.click(message, label="Support")
            answered += 1
    return answered


def delegation_lines(world: World, after: int) -> list[str]:
    """What the delegations said: the bot's messages after the lobby that are not its replies to
    alice (those answer her own actions) and not the end."""
    return [
        m.content
        for m in world.channel.history()[after:]
        if m.content and m.author.bot and not m.interaction_metadata and "**" not in m.content
    ]


SOLO = [
    (
        "nimbus_iii",
        "Klingon Empire",
        {"clause": "mutual defence", "text": "Each stands with the other if attacked."},
    ),
    ("khitomer", "Klingon Empire", {"clause": "humanitarian aid", "text": "Relief ships reach Qo'noS."}),
    (
        "second_khitomer",
        "United Federation of Planets",
        {"clause": "weapons ban", "text": "No subspace weapons.", "subject": "subspace weapons"},
    ),
    ("open_conference", "Ferengi Alliance", {"clause": "trade", "text": "Open markets for all."}),
]


@pytest.mark.parametrize(("scenario", "power", "article"), SOLO, ids=[s[0] for s in SOLO])
async def test_one_player_finishes_the_scenario_against_delegations(
    env: Any, world: World, scenario: str, power: str, article: dict[str, str]
) -> None:
    await solo_lobby(world, scenario, power)
    start = len(world.channel.history())
    assert delegation_lines(world, start) == [], "nobody speaks the moment the conference opens"
    await wait_until_quiet(env, world)
    # The delegations tabled articles and said so, each in a sentence of its own.
    lines = delegation_lines(world, start)
    assert lines, "the delegations said nothing"
    for line in lines:
        assert "{" not in line and "<@" not in line and "_" not in line, line
    assert articles(world), "the delegations tabled nothing"
    await answer_what_binds_me(world, power)
    mine = await world.alice.slash(world.channel, "accord propose", **article)
    assert not mine.ephemeral, mine.response.content
    await wait_until_quiet(env, world)
    await answer_what_binds_me(world, power)
    await wait_until_quiet(env, world)
    # Every delegation that was bound answered what it was asked, in the channel.
    said = " ".join(delegation_lines(world, start))
    assert re.search(r"Article \d", said), said
    ratify = await world.alice.slash(world.channel, "accord ratify")
    if ratify.ephemeral:  # nothing agreed that makes an accord: the deadline ends negotiation
        await env.advance_time(3 * 86_400)
    else:
        draft = ratify.response
        if buttons(draft).get("Sign"):
            await world.alice.click(draft, label="Sign")
    await wait_until_quiet(env, world)
    if "is ratified" not in _ending(world) and "failed" not in _ending(world):
        await env.advance_time(86_400)  # the signing deadline
    ending = _ending(world)
    assert "is ratified" in ending or "failed" in ending, ending
    assert "Played by the bot's delegations:" in ending
    assert "**Reputation:**" in ending
    status = await world.alice.slash(world.channel, "accord minutes")
    minutes = "\n".join(e.description or "" for e in status.response.embeds)
    assert " delegation " in minutes and "<@-1>" not in minutes


def _ending(world: World) -> str:
    """The end of the conference, as the channel shows it ("" before it came)."""
    return next(
        (m.content for m in reversed(world.channel.history()) if "**Reputation:**" in (m.content or "")), ""
    )
