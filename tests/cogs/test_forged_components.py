"""Every restart-proof button and menu reads its custom_id as untrusted (issue #22): a number out
of range, another server's id or someone else's pages get a plain refusal the member reads, and
nothing changes: never the apology for a crash, never a changed message or row."""

from __future__ import annotations

from typing import Any

import discord
import pytest

from bot.application.components import RestartProof
from tests.cogs.test_lore import add_entry
from tests.conftest import World

HUGE = "99999999999999999999"  # 20 digits: past any 64-bit id
JUST_PAST = str(2**63)  # 19 digits, one past the largest id a database column holds
NO_LONGER_VALID = "no longer valid. Run the command again."
GONE = "That entry does not exist here (any more)."


async def forge(env: Any, channel_id: int, custom_id: str, *, menu: bool = False) -> discord.Message:
    """A message carrying a component with this custom_id, as a forger would make one."""
    view = discord.ui.View(timeout=None)
    if menu:
        options = [discord.SelectOption(label="x", value="hectavious")]
        view.add_item(discord.ui.Select(custom_id=custom_id, options=options))
    else:
        view.add_item(discord.ui.Button(label="x", custom_id=custom_id))
    channel = env.bot.get_channel(channel_id)
    message: discord.Message = await channel.send("forged", view=view)
    return message


async def press(env: Any, actor: Any, channel_id: int, custom_id: str, *, menu: bool = False) -> str:
    """Press (or pick from) a forged component; what the member reads, after checking that it was
    a private refusal and the forged message is untouched."""
    message = await forge(env, channel_id, custom_id, menu=menu)
    if menu:
        result = await actor.select(message, ["hectavious"], custom_id=custom_id)
    else:
        result = await actor.click(message, custom_id=custom_id)
    assert result.ephemeral, custom_id
    said: str = result.response.content
    assert "went wrong" not in said, (custom_id, said)  # a refusal, not the apology for a crash
    after = await env.bot.get_channel(channel_id).fetch_message(message.id)
    assert after.content == "forged" and not after.embeds, custom_id
    return said


async def rows(env: Any) -> tuple[int, ...]:
    """What a forged press could change: games, their events, lore, settings, error reports."""
    counts = []
    for table in ("games", "game_events", "lore_entries", "guild_settings", "error_reports"):
        counts.append((await env.bot.db.fetch_one(f"SELECT count(*) FROM {table}"))[0])
    return tuple(counts)


def restart_proof_classes() -> set[type[Any]]:
    found: set[type[Any]] = set()
    todo: list[type[Any]] = [discord.ui.DynamicItem]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in {"bot", "cogs"}:
                found.add(sub)
    return found


async def test_every_restart_proof_item_is_built_on_the_one_base(env) -> None:  # type: ignore[no-untyped-def]
    classes = restart_proof_classes()  # every cog is loaded by now
    assert len(classes) >= 8
    assert {c.__name__ for c in classes if not issubclass(c, RestartProof)} == set()


async def test_a_huge_conference_number_in_the_status_pages_is_refused(env, world: World) -> None:
    """Defect 9: this crashed with OverflowError and the member read the apology."""
    before = await rows(env)
    custom_id = f"pager:next:accord_status:{world.alice.id}:0:{HUGE}"
    said = await press(env, world.alice, world.channel.id, custom_id)
    assert said == "There is no such conference in this server."
    assert await rows(env) == before


async def test_no_page_source_crashes_on_a_huge_number(env, world: World) -> None:  # type: ignore[no-untyped-def]
    """Every registered source (whatever its argument means to it) answers or refuses."""
    before = await rows(env)
    sources = env.bot.page_sources.names()
    assert {"accord_status", "help", "lore_entry", "treaty_quote"} <= set(sources)
    for source in sources:
        for arg in (HUGE, JUST_PAST, f"server-{HUGE}", f"@{HUGE}", f"a{HUGE}"):
            custom_id = f"pager:next:{source}:{world.moderator.id}:0:{arg}"
            message = await forge(env, world.channel.id, custom_id)
            result = await world.moderator.click(message, custom_id=custom_id)
            said = result.response.content or ""
            assert "went wrong" not in said, (custom_id, said)
    assert await rows(env) == before


@pytest.mark.parametrize("source", ["accord_history", "treaty_list"])
@pytest.mark.parametrize("cursor", [f"o{HUGE}", f"n{JUST_PAST}", "a9223372036854775807"])
async def test_no_keyset_reader_crashes_on_a_huge_cursor(env, world: World, source: str, cursor: str) -> None:
    custom_id = f"keyset:next:{source}:{world.alice.id}:2:{cursor}"
    message = await forge(env, world.channel.id, custom_id)
    result = await world.alice.click(message, custom_id=custom_id)
    assert "went wrong" not in (result.response.content or "")


# Every numeric field of every template, out of range; {me} is the member who presses.
OUT_OF_RANGE = [
    f"pager:next:help:{HUGE}:0:",
    f"pager:next:help:{JUST_PAST}:0:",
    f"keyset:next:accord_history:{HUGE}:2:o5",
    f"lore:tl:next:{JUST_PAST}:2::ckor",
    f"accord:{HUGE}:start",
    f"accord:{JUST_PAST}:join:0",
    f"accord:{HUGE}:abandon:{{me}}:yes",
    f"accord:1:abandon:{JUST_PAST}:yes",
    f"lore:remove:{HUGE}:{{me}}:yes",
    f"lore:remove:1:{JUST_PAST}:yes",
    f"config:reset:{HUGE}:*:yes",
    f"accord:{HUGE}:cede:{{me}}:2:3:n:yes",
    f"accord:1:cede:{{me}}:{JUST_PAST}:3:n:yes",
    f"owner:purge:{HUGE}:{{me}}:yes",
    f"owner:purge:1:{JUST_PAST}:yes",
]


@pytest.mark.parametrize("template", OUT_OF_RANGE)
async def test_a_number_out_of_range_is_refused_and_changes_nothing(env, world: World, template: str) -> None:
    before = await rows(env)
    said = await press(env, world.moderator, world.channel.id, template.format(me=world.moderator.id))
    assert said == f"This button is {NO_LONGER_VALID}"
    assert await rows(env) == before


async def test_a_related_menu_for_a_huge_entry_is_refused(env, world: World) -> None:
    said = await press(env, world.alice, world.channel.id, f"lore:related:server-{HUGE}", menu=True)
    assert said == GONE  # a key, not a number field: looked up in this server only


async def test_another_server_s_ids_are_refused_there(env, world: World) -> None:
    """Forged in the other server with ids of this one: a conference, a lore entry, pages."""
    game = await env.bot.get_cog("Accords").service.convene(
        world.guild.id,
        world.channel.id,
        world.moderator.id,
        "Nimbus Talks",
        ("Klingon Empire", "Romulan Star Empire"),
    )
    admins = world.other_guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    host = world.other_guild.add_member(env.create_user("host"), roles=[admins])
    await add_entry(world)
    entry = (await env.bot.db.fetch_one("SELECT id FROM lore_entries"))[0]
    before = await rows(env)
    there = world.other_channel.id
    no_game = "There is no such conference in this server."
    for custom_id, expected in [
        (f"accord:{game.game_id}:start", no_game),
        (f"accord:{game.game_id}:abandon:{host.id}:yes", no_game),
        (f"pager:next:accord_status:{host.id}:0:{game.game_id}", no_game),
        (f"lore:remove:{entry}:{host.id}:yes", GONE),
    ]:
        assert await press(env, host, there, custom_id) == expected, custom_id
    related = await press(env, host, there, f"lore:related:server-{entry}", menu=True)
    assert related == GONE
    assert await rows(env) == before


@pytest.mark.parametrize(
    "template",
    ["pager:next:help:{owner}:1:", "keyset:next:accord_history:{owner}:2:o5", "lore:tl:next:{owner}:2::ckor"],
)
async def test_someone_else_s_pages_are_refused(env, world: World, template: str) -> None:
    said = await press(env, world.bob, world.channel.id, template.format(owner=world.alice.id))
    assert said == "These pages belong to someone else. Run the command yourself to browse."


# One custom_id per item class, in the area it belongs to; {me} is the member who presses.
IN_AREAS = [
    ("accords", "accord:1:start"),
    ("accords", "accord:1:abandon:{me}:no"),
    ("accords", "accord:1:cede:{me}:2:3:n:no"),
    ("accords", "pager:next:accord_status:{me}:0:1"),
    ("accords", "keyset:next:accord_history:{me}:2:o5"),
    ("lore", "lore:remove:1:{me}:no"),
    ("lore", "lore:tl:next:{me}:2::ckor"),
    ("treaties", "keyset:next:treaty_list:{me}:2:"),
]


async def test_every_item_answers_a_turned_off_area_with_the_same_refusal(env, world: World) -> None:
    for area in ("accords", "lore", "treaties"):
        await world.moderator.slash(world.channel, "config area", name=area, enabled=False)
    for area, template in IN_AREAS:
        said = await press(env, world.moderator, world.channel.id, template.format(me=world.moderator.id))
        assert said == f"{area.capitalize()} is turned off here by the moderators.", template
    related = await press(env, world.alice, world.channel.id, "lore:related:kor", menu=True)
    assert related == "Lore is turned off here by the moderators."
