"""The one error handler: plain words for domain errors, an apology with a reference otherwise."""

from __future__ import annotations

import logging
import re

import discord
import pytest

from bot.domain.errors import NotAllowed
from bot.storage import error_reports
from tests.conftest import World, build_world

REFERENCE = re.compile(r"`([0-9a-f]{8})`")


@pytest.fixture
async def probes(simcord_env):  # type: ignore[no-untyped-def]
    """The real bot plus three commands that fail on purpose, synced like the rest."""
    tree = simcord_env.bot.tree

    @tree.command(name="explode", description="Fails with a bug.")
    async def explode(interaction: discord.Interaction) -> None:
        raise RuntimeError("secret internals: /srv/khitomer/db password=hunter2")

    @tree.command(name="refuse", description="Fails with a domain error.")
    async def refuse(interaction: discord.Interaction) -> None:
        raise NotAllowed("Only the host can start this game.")

    @tree.command(name="explode_late", description="Fails after deferring.")
    async def explode_late(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True)
        raise ValueError("boom after defer")

    await tree.sync()
    return simcord_env


@pytest.fixture
def people(probes) -> World:  # type: ignore[no-untyped-def]
    return build_world(probes)


async def test_an_unexpected_error_gets_an_apology_a_log_record_and_a_report(probes, people, caplog) -> None:
    caplog.set_level(logging.ERROR, logger="bot.application.interaction_errors")
    result = await people.alice.slash(people.channel, "explode")

    assert result.ephemeral
    text = result.response.content
    assert text.startswith("Sorry, something went wrong on our side")
    assert "hunter2" not in text and "RuntimeError" not in text and "Traceback" not in text
    reference = REFERENCE.search(text).group(1)

    records = [r for r in caplog.records if reference in r.getMessage()]
    assert len(records) == 1
    assert records[0].exc_info is not None and records[0].exc_info[0] is RuntimeError
    assert "/explode" in records[0].getMessage()

    report = await error_reports.find(probes.bot.db, reference)
    assert report is not None
    assert report.command == "/explode" and report.user_id == people.alice.id
    assert report.guild_id == people.guild.id and report.error_type == "RuntimeError"
    assert "hunter2" in report.traceback  # kept for the operator, never shown to the user
    assert [type(e).__name__ for e in probes.errors] == ["CommandInvokeError"]


async def test_the_apology_follows_a_deferred_response(probes, people) -> None:
    result = await people.alice.slash(people.channel, "explode_late")
    # the deferred "thinking…" placeholder becomes the apology (a follow-up to the defer)
    shown = [result.response, *result.followups]
    assert [m.ephemeral for m in shown] == [True] * len(shown)
    assert REFERENCE.search(shown[-1].content)
    assert len(probes.errors) == 1  # captured by SimCord, and now acknowledged


async def test_a_domain_error_is_explained_in_plain_words(probes, people, caplog) -> None:
    caplog.set_level(logging.ERROR)
    result = await people.bob.slash(people.channel, "refuse")
    assert result.ephemeral
    assert result.response.content == "Only the host can start this game."
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert (await probes.bot.db.fetch_one("SELECT count(*) FROM error_reports"))[0] == 0
    assert len(probes.errors) == 1  # captured by SimCord, and now acknowledged


async def test_a_failed_permission_check_names_the_permission(probes, people) -> None:
    """/config's own check (Manage Server), reached as a player would reach it if Discord showed
    them the command: it hides it from them by default, and the bot checks again when it runs."""
    probes.bot.tree.get_command("config").default_permissions = None
    await probes.bot.tree.sync()
    refused = await people.alice.slash(people.channel, "config show")
    assert refused.ephemeral and not refused.response.embeds
    assert refused.response.content == "Only members with Manage Server can change this server's settings."
    allowed = await people.moderator.slash(people.channel, "config show")
    assert allowed.response.embeds[0].title == "Khitomer settings for this server"
    assert len(probes.errors) == 1  # captured by SimCord, and now acknowledged
