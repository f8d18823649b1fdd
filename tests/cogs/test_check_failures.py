"""Defect 4 of issue #22, the check half: whatever fails inside a check (the settings cannot be
read because the database connection went away, Discord cannot say who owns the bot) reaches
the one error handler, and the member reads the apology with a reference, for a command and for
a button alike. Before, only AppCommandError left a check; anything else escaped the task and
the member read nothing."""

from __future__ import annotations

import re

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from bot.storage import error_reports
from tests.conftest import World, build_world

REFERENCE = re.compile(r"`([0-9a-f]{8})`")


class ConnectionLost(Exception):
    """What a storage read raises when the server closed the bot's connection."""


def cut_the_settings(env) -> None:  # type: ignore[no-untyped-def]
    """Every read of the server settings fails from now on, as with a terminated connection."""

    async def get(guild_id: int | None) -> None:
        raise ConnectionLost("connection was closed in the middle of operation")

    env.bot.guild_config.get = get


async def the_apology(env, result, member) -> str:  # type: ignore[no-untyped-def]
    """The member's ephemeral apology; its reference names a kept report of the real error."""
    shown = [m for m in (result.response, *result.followups) if m is not None]
    assert shown, "the member read nothing"
    assert all(m.ephemeral for m in shown)
    text = shown[-1].content
    found = REFERENCE.search(text)
    assert found, text
    assert "ConnectionLost" not in text and "Traceback" not in text and "connection was closed" not in text
    report = await error_reports.find(env.bot.db, found.group(1))
    assert report is not None and report.user_id == member.id
    return report.error_type


async def test_a_command_whose_check_cannot_read_the_settings_apologises(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    await world.alice.slash(world.channel, "accord convene", scenario="nimbus_iii")
    before = (await env.bot.db.fetch_one("SELECT count(*) FROM game_events"))[0]
    cut_the_settings(env)
    result = await world.alice.slash(world.channel, "accord propose", clause="trade", text="Dilithium.")
    assert await the_apology(env, result, world.alice) == "ConnectionLost"
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM game_events"))[0] == before


async def test_a_button_whose_check_cannot_read_the_settings_apologises(env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    lobby = (await world.alice.slash(world.channel, "accord convene", scenario="nimbus_iii")).response
    cut_the_settings(env)
    result = await world.bob.click(lobby, label="Sit for Romulan Star Empire")
    assert await the_apology(env, result, world.bob) == "ConnectionLost"


async def test_an_owner_check_that_cannot_ask_discord_apologises(env, world: World) -> None:
    admirals = world.guild.create_role("Admirals", permissions=discord.Permissions(administrator=True))
    picard = world.guild.add_member(env.create_user("picard"), roles=[admirals])

    async def is_owner(user: discord.abc.User) -> bool:
        raise ConnectionLost("application info unavailable")

    env.bot.is_owner = is_owner
    result = await picard.slash(world.channel, "owner error", reference="deadbeef")
    assert await the_apology(env, result, picard) == "ConnectionLost"


@pytest.fixture
async def probe(simcord_env):  # type: ignore[no-untyped-def]
    """A cog whose interaction_check fails the way a storage read can, synced like the rest."""

    class Probe(commands.GroupCog, group_name="probe", group_description="Fails in its check."):
        async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
            raise ConnectionLost("connection was closed in the middle of operation")

        @app_commands.command(name="run", description="Never runs.")
        async def run(self, interaction: discord.Interaction) -> None:
            await interaction.response.send_message("ran", ephemeral=True)

    await simcord_env.bot.add_cog(Probe())
    await simcord_env.bot.tree.sync()
    return simcord_env


async def test_a_cog_interaction_check_that_fails_apologises(probe) -> None:  # type: ignore[no-untyped-def]
    world = build_world(probe)
    result = await world.alice.slash(world.channel, "probe run")
    assert await the_apology(probe, result, world.alice) == "ConnectionLost"


async def test_a_form_submitted_when_its_check_cannot_read_the_settings_apologises(env, world: World) -> None:
    from tests.cogs.test_lore import modal_values

    shown = await world.moderator.slash(world.channel, "lore add", kind="battle")
    cut_the_settings(env)  # the form is re-checked when it is submitted, much later maybe
    result = await world.moderator.submit_modal(shown, modal_values(shown))
    assert await the_apology(env, result, world.moderator) == "ConnectionLost"
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 0
    assert [type(e).__name__ for e in env.errors] == ["ConnectionLost"]  # seen by the form's on_error


async def test_a_view_button_that_fails_apologises(env, world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cogs.lore._modal import LoreModal
    from tests.cogs.test_lore import modal_values

    shown = await world.moderator.slash(world.channel, "lore add", kind="battle")
    refused = await world.moderator.submit_modal(shown, modal_values(shown, years="soon"))

    def again(self: LoreModal) -> LoreModal:
        raise ConnectionLost("connection was closed in the middle of operation")

    monkeypatch.setattr(LoreModal, "again", again)
    result = await world.moderator.click(refused.response, label="Fix the form")
    assert await the_apology(env, result, world.moderator) == "ConnectionLost"
    assert [type(e).__name__ for e in env.errors] == ["InvalidInput", "ConnectionLost"]  # on_error saw them


def test_every_view_and_form_of_the_bot_routes_its_failures() -> None:
    """discord.py's View.on_error and Modal.on_error only log: each of ours overrides it."""
    import importlib
    import pkgutil

    import bot
    import cogs

    for package in (bot, cogs):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if not module.name.endswith("__main__"):  # that one runs the command line
                importlib.import_module(module.name)

    def ours(base: type) -> list[type]:
        found = [c for c in base.__subclasses__() if c.__module__.startswith(("bot.", "cogs."))]
        return found + [d for c in base.__subclasses__() for d in ours(c)]

    views, forms = ours(discord.ui.View), ours(discord.ui.Modal)
    assert views and forms
    for cls in views:
        assert cls.on_error is not discord.ui.View.on_error, cls.__qualname__
    for cls in forms:
        assert cls.on_error is not discord.ui.Modal.on_error, cls.__qualname__
