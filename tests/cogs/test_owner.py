"""Command sync is deliberate: never on ready, only by an owner or the CLI."""

from __future__ import annotations

import discord
import pytest

from bot.application.sync import sync_commands
from bot.storage import error_reports
from tests.conftest import World, build_world


def command_writes(env) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"{r.method} {r.path}"
        for r in env.http_requests
        if "/commands" in r.path and r.method in {"PUT", "POST", "PATCH", "DELETE"}
    ]


async def test_sync_is_not_called_on_ready(simcord_env) -> None:  # type: ignore[no-untyped-def]
    assert simcord_env.bot.is_ready()
    build_world(simcord_env)  # guilds arrive, on_ready and guild events have fired
    await simcord_env.settle()
    assert command_writes(simcord_env) == []


async def test_sync_helper_pushes_global_or_one_guild(simcord_env) -> None:  # type: ignore[no-untyped-def]
    people = build_world(simcord_env)
    tree = simcord_env.bot.tree
    assert await sync_commands(tree, None) == len(tree.get_commands())
    assert await sync_commands(tree, people.guild.id) == len(tree.get_commands())
    writes = command_writes(simcord_env)
    assert writes[0].endswith("/commands") and "/guilds/" not in writes[0]
    assert f"/guilds/{people.guild.id}/commands" in writes[1]


@pytest.fixture
def admiral(env, world: World):  # type: ignore[no-untyped-def]
    """An administrator of the conference server who owns the bot."""
    admirals = world.guild.create_role("Admirals", permissions=discord.Permissions(administrator=True))
    member = world.guild.add_member(env.create_user("picard"), roles=[admirals])
    env.bot.owner_ids = {member.id}
    return member


async def test_an_owner_syncs_to_this_server(env, world: World, admiral) -> None:  # type: ignore[no-untyped-def]
    before = len(command_writes(env))
    result = await admiral.slash(world.channel, "owner sync", scope="here")
    assert result.ephemeral
    shown = [result.response, *result.followups]
    assert shown[-1].content == f"Synced {len(env.bot.tree.get_commands())} commands to this server."
    assert command_writes(env)[before:] == [
        f"PUT /applications/{env.backend.application_id}/guilds/{world.guild.id}/commands"
    ]


async def test_an_administrator_who_is_not_an_owner_is_refused(env, world: World, admiral) -> None:  # type: ignore[no-untyped-def]
    env.bot.owner_ids = {world.alice.id}
    before = len(command_writes(env))
    result = await admiral.slash(world.channel, "owner sync", scope="global")
    assert result.ephemeral
    assert result.response.content == "Only the bot's owners can use this."
    assert len(command_writes(env)) == before
    assert len(env.errors) == 1


async def test_the_owner_looks_up_an_error_by_reference(env, world: World, admiral) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    report = error_reports.ErrorReport(
        "0badc0de",
        datetime(2293, 1, 1, tzinfo=UTC),
        world.guild.id,
        world.channel.id,
        world.alice.id,
        "/lore entry",
        "KeyError",
        "Traceback (most recent call last):\n" + '  File "x.py", line 1\n' * 400 + "KeyError: 'Praxis'",
    )
    await error_reports.record(env.bot.db, report)
    found = await admiral.slash(world.channel, "owner error", reference="`0BADC0DE`")
    embed = found.response.embeds[0]
    assert found.ephemeral and embed.title == "Error 0badc0de"
    assert "KeyError: 'Praxis'" in embed.description and "most recent call" not in embed.description
    (whole,) = found.response.attachments
    assert whole.filename == "error-0badc0de.txt"
    assert (await whole.read()).decode() == report.traceback, "the file keeps what the embed cuts"
    missing = await admiral.slash(world.channel, "owner error", reference="ffffffff")
    assert "No error is kept" in missing.response.content
    assert len(env.errors) == 1
