"""/config import refuses what is no archive of this bot, or breaks one of its rules, saying what
and where; nothing is written (issue #24, point 4). /config export says when a server's archive is
too big for Discord."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from simcord.env import Env

from bot.domain.lore import Kind
from bot.services.lore import LoreService
from bot.storage.lore import Draft
from tests.cogs.test_config_archive import JSON, a_full_server, bot_of, export, last, moderator_of
from tests.cogs.test_lore import add_entry
from tests.conftest import World
from tests.support.stored_ids import columns_holding


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("a.json", b"{not json", "That file is not JSON."),
        ("a.json", b'{"khitomer_archive": 2}', "made by a newer release of Khitomer (archive version 2)"),
        ("a.txt", b"{}", "Import takes what `/config export` made"),
        ("a.json", b'{"title": "x"}', "That file is not a Khitomer archive"),
    ],
)
async def test_a_file_that_is_no_archive_changes_nothing(
    env: Env, world: World, name: str, data: bytes, said: str
) -> None:
    refused = last(await world.moderator.slash(world.channel, "config import", file=(name, data)))
    assert refused.ephemeral and said in refused.content, refused.content
    assert not refused.components
    assert len(env.errors) == 1


def broken(archive: dict[str, Any], change: Callable[[dict[str, Any]], object]) -> bytes:
    change(archive)
    return json.dumps(archive).encode()


async def test_a_bad_field_is_named_and_nothing_is_written(
    env: Env, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    await a_full_server(env, world)
    files = await export(world.moderator, world.channel)
    kirk = moderator_of(env, world.other_guild)
    cases = [
        (lambda a: a["lore"][0].update(title="T" * 101),
         "lore entry 1, the title is 101 characters long; at most 100"),
        (lambda a: a["lore"][1].update(author_id="alice"), "the author should be a Discord member's id"),
        (lambda a: a["accords"][0]["articles"].append(dict(a["accords"][0]["articles"][0])),
         "accord 1 ('Nimbus Talks'), article I is numbered twice"),
        (lambda a: a["reputation"][0].update(points=True), "the points should be a whole number"),
        (lambda a: a["lore"][1]["related"].append({"lore": "Nowhere"}), "a link leads to 'Nowhere'"),
        (lambda a: a["settings"]["values"].append({"name": "colour", "scope": 0, "value": "red"}),
         "there is no setting 'colour'"),
    ]  # fmt: skip
    for change, said in cases:
        data = broken(json.loads(files[JSON]), change)
        refused = last(await kirk.slash(world.other_channel, "config import", file=(JSON, data)))
        assert refused.ephemeral and said in refused.content and "Nothing was changed." in refused.content
    monkeypatch.setattr("bot.services.archive_import.MAX_BYTES", 1000)
    refused = last(await kirk.slash(world.other_channel, "config import", file=(JSON, files[JSON])))
    assert (
        refused.content.startswith("That file is ")
        and "an archive is at most 1,000 bytes." in refused.content
    )
    assert await columns_holding(bot_of(env).db, [world.other_guild.id]) == {}
    assert len(env.errors) == len(cases) + 1


async def test_an_export_too_big_for_discord_says_so(
    env: Env, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add_entry(world)
    monkeypatch.setattr("bot.services.archive.MAX_BYTES", 600)
    said = last(await world.moderator.slash(world.channel, "config export"))
    assert said.ephemeral and "more than Discord takes as one file here" in said.content
    assert not said.attachments
    assert len(env.errors) == 1


async def test_a_name_the_server_already_gives_another_entry_is_refused(env: Env, world: World) -> None:
    await add_entry(world)  # "Battle of Zeta Draconis", also called "Zeta skirmish"
    files = await export(world.moderator, world.channel)
    kirk = moderator_of(env, world.other_guild)
    lore = LoreService(bot_of(env).db)
    await lore.add(world.other_guild.id, kirk.id, Draft("Zeta Skirmish", Kind.EVENT, "Theirs.", ""))
    before = await columns_holding(bot_of(env).db, [world.other_guild.id])
    refused = last(await kirk.slash(world.other_channel, "config import", file=(JSON, files[JSON])))
    assert refused.ephemeral and refused.content == (
        "That file cannot be imported. The archive's lore entry 'Battle of Zeta Draconis' is called "
        "'Zeta skirmish', already the name of this server's entry 'Zeta Skirmish', which the archive "
        "does not replace. Rename one of them, then import again. Nothing was changed."
    )
    assert await columns_holding(bot_of(env).db, [world.other_guild.id]) == before
    assert len(env.errors) == 1
