"""/config export and /config import through SimCord (issue #24, point 4): a server's archive
taken away and brought into another server, byte for byte the same when exported again, on
SQLite and PostgreSQL (KHITOMER_TEST_BACKEND=postgres)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

import discord
import simcord
from simcord.env import Env

from bot.application.app import KhitomerBot
from bot.domain.lore import Kind, Years
from bot.domain.lore_facts import parse_facts
from bot.services.archive import PENDING_SECONDS
from bot.services.lore import LoreService
from bot.storage.lore import Draft
from tests.cogs.test_accords import ratified_game
from tests.cogs.test_forged_components import HUGE, press
from tests.cogs.test_lore import add_entry, fields_of
from tests.conftest import World
from tests.support.stored_ids import columns_holding

JSON, ZIP = "khitomer-archive.json", "khitomer-lore.zip"


def last(result: simcord.InteractionResult) -> simcord.ResponseMessage:
    """The message a member reads last of an answer (the reply, or its last follow-up)."""
    return [m for m in (result.response, *result.followups) if m is not None][-1]


async def export(member: simcord.MemberActor, channel: simcord.ChannelHandle) -> dict[str, bytes]:
    result = await member.slash(channel, "config export")
    said = last(result)
    assert said.ephemeral and "Running conferences are not archived" in said.content
    shown = [m for m in (result.response, *result.followups) if m is not None]
    return {a.filename: await a.read() for m in shown for a in m.attachments}


def bot_of(env: Env) -> KhitomerBot:
    assert isinstance(env.bot, KhitomerBot)
    return env.bot


def moderator_of(env: Env, guild: simcord.GuildHandle) -> simcord.MemberActor:
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    return guild.add_member(env.create_user("kirk"), roles=[admins])


async def import_file(
    member: simcord.MemberActor,
    channel: simcord.ChannelHandle,
    name: str,
    data: bytes,
    *,
    confirm: bool = True,
) -> simcord.ResponseMessage:
    preview = last(await member.slash(channel, "config import", file=(name, data)))
    if not confirm:
        return preview
    assert "Import it?" in preview.content, preview.content
    return last(await member.click(preview, label="Import"))


async def a_full_server(env: Env, world: World) -> None:
    """Lore (one entry linking another and canon, with facts), an accord with a withdrawal, a
    complaint and votes, settings and an area turned off, and the reputation all that left."""
    await add_entry(world)
    lore = LoreService(bot_of(env).db)  # the cog's own rules for names, without its form
    first = await lore.find(world.guild.id, "Battle of Zeta Draconis")
    await lore.add(
        world.guild.id,
        world.moderator.id,
        Draft(
            "Admiral Korth",
            Kind.PERSON,
            "Korth led the fleet at Zeta Draconis.",
            "## Life\nBorn on Qo'noS.",
            aliases=("Korth of the House of Martok",),
            years=Years(2330, 2390),
            factions=("Klingon Empire",),
            related=(first.key, "kor"),
            facts=parse_facts({"born": 2330, "role": "an admiral"}),
        ),
    )
    await world.moderator.slash(world.channel, "config set", setting="game.threads", value="off")
    key, carol = await ratified_game(world)  # played in the channel, as tests/cogs/test_accords.py plays
    await world.alice.slash(world.channel, "accord record withdraw", accord=key, reason="The Council.")
    await world.alice.slash(world.channel, "accord record reinstate", accord=key)
    await world.alice.slash(
        world.channel, "accord record complaint", accord=key, against="romulans", text="Cloaks."
    )
    await world.alice.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=True)
    await carol.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=True)
    for setting, value in (("lore.tiers", "canon+licensed"), ("deadline.lobby", "2h")):
        await world.moderator.slash(world.channel, "config set", setting=setting, value=value)
    await world.moderator.slash(world.channel, "config area", name="treaties", enabled=False)


async def test_an_archive_brought_into_another_server_exports_the_same_files(env: Env, world: World) -> None:
    await a_full_server(env, world)
    files = await export(world.moderator, world.channel)
    assert set(files) == {JSON, ZIP}
    archive = json.loads(files[JSON])
    assert archive["khitomer_archive"] == 1
    assert [e["title"] for e in archive["lore"]] == ["Battle of Zeta Draconis", "Admiral Korth"]
    assert archive["lore"][1]["related"] == [{"lore": "Battle of Zeta Draconis"}, {"canon": "kor"}]
    (accord,) = archive["accords"]
    assert [e["kind"] for e in accord["events"]] == [
        "withdrawn",
        "reinstated",
        "complaint",
        "vote",
        "vote",
        "decided",
    ]
    assert str(world.guild.id) not in files[JSON].decode(), "the archive names no server"

    db = bot_of(env).db
    source_rows = await columns_holding(db, [world.guild.id])
    kirk = moderator_of(env, world.other_guild)
    before = await world.stranger.slash(world.other_channel, "lore search", query="Zeta Draconis")
    assert "server lore" not in (last(before).embeds[0].description or "")
    done = await import_file(kirk, world.other_channel, JSON, files[JSON])
    assert done.content.startswith("Imported:") and "lore: 2 entries added, 0 replaced" in done.content

    again = await export(kirk, world.other_channel)
    assert again[JSON] == files[JSON], "exported again, the archive is the same, byte for byte"
    assert again[ZIP] == files[ZIP]
    assert await columns_holding(db, [world.guild.id]) == source_rows, "nothing written under the source"
    held = await columns_holding(db, [world.other_guild.id])
    for column in ("lore_entries.guild_id", "lore_names.scope", "lore_timeline.guild_id", "accords.guild_id",
                   "accord_parties.guild_id", "treaty_search.guild_id", "reputation.guild_id",
                   "guild_settings.guild_id", "guild_disabled_areas.guild_id"):  # fmt: skip
        assert held.get(column), f"{column} holds nothing of the server imported into"

    # what members of the other server now read
    shown = await world.stranger.slash(
        world.other_channel, "lore entry", topic="Korth of the House of Martok"
    )
    assert last(shown).embeds[0].title == "Admiral Korth (server lore)"
    assert fields_of(last(shown))["Years"] == "2330–2390"
    board = (
        last(await world.stranger.slash(world.other_channel, "accord leaderboard")).embeds[0].description
        or ""
    )
    assert f"<@{world.alice.id}>" in board
    off = await world.stranger.slash(world.other_channel, "treaty show", treaty="Nimbus Talks")
    assert off.ephemeral and "Treaties is turned off" in last(off).content
    await kirk.slash(world.other_channel, "config area", name="treaties", enabled=True)
    shown = await world.stranger.slash(world.other_channel, "treaty show", treaty="Nimbus Talks")
    assert "Nimbus Talks" in (last(shown).embeds[0].title or "")
    # imported again, everything is replaced in place: the same files once more, the accord quotable
    done = await import_file(kirk, world.other_channel, JSON, files[JSON])
    assert "lore: 0 entries added, 2 replaced" in done.content
    assert "accords: 0 accords added, 1 replaced" in done.content
    assert (await export(kirk, world.other_channel))[JSON] == files[JSON]
    await kirk.slash(world.other_channel, "config area", name="treaties", enabled=True)  # off again
    quoted = await world.stranger.slash(
        world.other_channel, "treaty quote", treaty="Nimbus Talks", article="I"
    )
    assert "Peace." in (last(quoted).embeds[0].description or "")
    assert len(env.errors) == 1  # treaties turned off


async def test_the_importer_confirms_alone_and_an_import_does_not_outlive_a_restart(
    env: Env, world: World, make_bot: Callable[[], KhitomerBot]
) -> None:
    await add_entry(world)
    files = await export(world.moderator, world.channel)
    kirk = moderator_of(env, world.other_guild)
    preview = await import_file(kirk, world.other_channel, JSON, files[JSON], confirm=False)
    assert "lore: 1 entry added, 0 replaced" in preview.content and "Import it?" in preview.content
    spock = world.other_guild.add_member(env.create_user("spock"), roles=[world.other_guild.roles["Admins"]])
    custom_id = next(c["custom_id"] for row in preview.components for c in row["components"])
    assert custom_id.startswith(f"config:import:{kirk.id}:") and custom_id.endswith(":yes")
    # the preview is kirk's alone to see; a forged copy of its button is still refused to others
    said = await press(env, spock, world.other_channel.id, custom_id)
    assert said == "Only the moderator who asked can confirm this."
    forged = await press(env, kirk, world.other_channel.id, f"config:import:{HUGE}:0badc0de:yes")
    assert forged == "This button is no longer valid. Run the command again."
    cancelled = await kirk.click(preview, label="Cancel")
    assert last(cancelled).content == "Cancelled. Nothing was imported."

    preview = await import_file(kirk, world.other_channel, JSON, files[JSON], confirm=False)
    await env.restart_bot(make_bot())
    late = await kirk.click(preview, label="Import")
    assert late.ephemeral and "no longer waiting" in last(late).content
    preview = await import_file(kirk, world.other_channel, JSON, files[JSON], confirm=False)
    await env.advance_time(PENDING_SECONDS + 60)
    late = await kirk.click(preview, label="Import")
    assert late.ephemeral and "no longer waiting" in last(late).content
    assert await columns_holding(bot_of(env).db, [world.other_guild.id]) == {}, "nothing was written there"
    assert len(env.errors) == 0  # a button's refusal is an answer, not an error


async def test_settings_naming_channels_and_roles_the_server_lacks_are_left_out(
    env: Env, world: World
) -> None:
    gms = world.guild.create_role("Game Masters")
    await world.moderator.slash(world.channel, "config set", setting="gm_role", role=gms)
    await world.moderator.slash(
        world.channel, "config set", setting="game.channels", value="add", channel=world.channel
    )
    await world.moderator.slash(
        world.channel, "config set", setting="answers.visibility", value="private", channel=world.channel
    )
    await world.moderator.slash(world.channel, "config set", setting="game.threads", value="off")
    files = await export(world.moderator, world.channel)
    kirk = moderator_of(env, world.other_guild)
    preview = await import_file(kirk, world.other_channel, JSON, files[JSON], confirm=False)
    assert "Left out: " in preview.content
    for said in ("`answers.visibility` in a channel", "`game.channels`: 1 channel", "`gm_role`: this server"):
        assert said in preview.content, said
    await kirk.click(preview, label="Import")
    shown = "\n".join(
        e.description or "" for e in last(await kirk.slash(world.other_channel, "config show")).embeds
    )
    assert "`game.threads` — off *(changed)*" in shown
    assert "`gm_role` — none" in shown and str(world.channel.id) not in shown
    # the same server takes every one back
    done = await import_file(world.moderator, world.channel, JSON, files[JSON])
    assert "Left out" not in done.content


async def test_the_lore_zip_imports_again_whole_or_a_file_at_a_time(env: Env, world: World) -> None:
    await a_full_server(env, world)
    files = await export(world.moderator, world.channel)
    kirk = moderator_of(env, world.other_guild)
    with zipfile.ZipFile(io.BytesIO(files[ZIP])) as unzipped:
        names = sorted(unzipped.namelist())
        korth = unzipped.read("lore/0002-admiral-korth.md").decode()
    assert names == [
        "README.txt",
        "lore.json",
        "lore/0001-battle-of-zeta-draconis.md",
        "lore/0002-admiral-korth.md",
    ]
    assert korth == (
        "# Admiral Korth\n\nKorth led the fleet at Zeta Draconis.\n\n## Life\nBorn on Qo'noS.\n\n"
        "Role: an admiral\nBorn: 2330\n"
    )
    one = last(
        await kirk.slash(
            world.other_channel, "lore import", file=("0002-admiral-korth.md", korth.encode()), kind="person"
        )
    )
    assert "Imported **Admiral Korth**" in one.content
    # the whole zip, one entry edited: the entry of the same title is replaced, the other added
    edited = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(files[ZIP])) as source, zipfile.ZipFile(edited, "w") as target:
        for info in source.infolist():
            text = source.read(info)
            if info.filename.endswith("korth.md"):
                text = text.replace(b"led the fleet", b"commanded the fleet")
            target.writestr(f"export/{info.filename}", text)
    done = await import_file(kirk, world.other_channel, "lore.zip", edited.getvalue())
    assert "lore: 1 entry added, 1 replaced" in done.content
    assert "a lore zip has none, so they stay as they are" in done.content
    shown = await world.stranger.slash(world.other_channel, "lore entry", topic="Admiral Korth")
    assert last(shown).embeds[0].description == "Korth commanded the fleet at Zeta Draconis."
    assert fields_of(last(shown))["Years"] == "2330–2390"
    assert fields_of(last(shown))["Born"] == "2330"
