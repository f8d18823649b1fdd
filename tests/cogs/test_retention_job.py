"""Nothing kept longer than the data statements say (issue #24): error reports go after 90 days,
stashed page texts 30 days after their last use, at start-up and every few hours after, through
restarts and a database that goes away."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import discord
import pytest
from simcord.env import Env

from bot.application.retention import EVERY
from bot.storage import error_reports
from tests.conftest import World
from tests.support.faults import DatabaseDown

GONE = "This menu is no longer available. Run the command again."
QUERY = "what did the klingons give the romulans in exchange for their cloaking devices"


@pytest.fixture
def admiral(env: Env, world: World):  # type: ignore[no-untyped-def]
    """The bot's owner, who reads error reports with /owner error."""
    admirals = world.guild.create_role("Admirals", permissions=discord.Permissions(administrator=True))
    member = world.guild.add_member(env.create_user("picard"), roles=[admirals])
    env.bot.owner_ids = {member.id}
    return member


async def report_dated(env: Env, world: World, reference: str, days_old: float) -> None:
    await error_reports.record(
        env.bot.db,
        error_reports.ErrorReport(
            reference,
            datetime.now(UTC) - timedelta(days=days_old),
            world.guild.id,
            world.channel.id,
            world.alice.id,
            "/lore search",
            "RuntimeError",
            "Traceback (most recent call last):\nRuntimeError: a bug",
        ),
    )


async def report_kept(admiral, world: World, reference: str) -> bool:  # type: ignore[no-untyped-def]
    """What the owner reads: the report, or that none is kept under that reference."""
    found = await admiral.slash(world.channel, "owner error", reference=reference)
    if found.response.embeds:
        assert found.response.embeds[0].title == f"Error {reference}"
        return True
    assert "No error is kept" in found.response.content
    return False


async def stash_aged(env: Env, member_id: int, days: float) -> None:
    """Date every page text `member_id` stashed as if stashed `days` ago."""
    async with env.bot.db.transaction() as conn:
        await conn.execute(
            "UPDATE pager_args SET created_at = ? WHERE owner_id = ?",
            ((datetime.now(UTC) - timedelta(days=days)).isoformat(), member_id),
        )


async def test_at_start_up_old_reports_and_page_texts_go_and_their_buttons_say_so(
    env: Env,
    world: World,
    admiral,
    make_bot,  # type: ignore[no-untyped-def]
) -> None:
    old = (await world.alice.slash(world.channel, "lore search", query=QUERY)).response
    recent = (await world.bob.slash(world.channel, "lore search", query=QUERY)).response
    await stash_aged(env, world.alice.id, 31)
    await stash_aged(env, world.bob.id, 29)
    await report_dated(env, world, "0000a091", 91)
    await report_dated(env, world, "0000a089", 89)
    await env.restart_bot(make_bot())
    assert env.bot.retention.runs == 1
    env.bot.owner_ids = {admiral.id}
    turned = await world.alice.click(old, label="Next ▶")
    assert turned.ephemeral and turned.response.content == GONE
    assert "Page 2 of" in (await world.bob.click(recent, label="Next ▶")).response.embeds[0].footer.text
    assert not await report_kept(admiral, world, "0000a091")
    assert await report_kept(admiral, world, "0000a089")
    assert len(env.errors) == 1  # the missing report


async def test_it_runs_again_every_few_hours(env: Env, world: World, admiral) -> None:  # type: ignore[no-untyped-def]
    assert env.bot.retention.runs == 1  # at start-up
    await report_dated(env, world, "0000b091", 91)
    await env.advance_time(EVERY - 60)
    assert await report_kept(admiral, world, "0000b091")
    await env.advance_time(120)
    assert env.bot.retention.runs == 2
    assert not await report_kept(admiral, world, "0000b091")
    assert len(env.errors) == 1  # the missing report


async def test_a_database_that_is_away_delays_a_run_never_ends_the_job(
    env: Env,
    world: World,
    admiral,
    caplog,  # type: ignore[no-untyped-def]
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.application.retention")
    await report_dated(env, world, "0000c091", 91)
    away = DatabaseDown(env.bot.db).down()
    await env.advance_time(EVERY + 1)
    assert away.refused and env.bot.retention.runs == 1
    assert "retention: could not delete old rows; next try in 15 s" in caplog.text
    away.back()
    await env.advance_time(16)
    assert env.bot.retention.runs == 2
    assert not await report_kept(admiral, world, "0000c091")
    assert [type(e).__name__ for e in env.errors] == ["CommandInvokeError"]  # the missing report
