"""`khitomer forget-user USER_ID [--dry-run]` (issue #24): the operator forgets one member in every
server, as /mydata forget does; a dry run changes nothing and prints what would go."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.errors import OperatorError
from bot.ops.forget_user import forget_report
from tests.cogs.test_accords import lobby
from tests.cogs.test_mydata import alice_plays
from tests.conftest import World
from tests.support.stored_ids import columns_holding

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
async def _games_stay_in_the_channel(env, world: World) -> None:  # type: ignore[no-untyped-def]
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")


async def khitomer(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line, against the test's database, while the bot keeps running."""
    env = {k: v for k, v in os.environ.items() if k not in {"DISCORD_TOKEN", "DATABASE_PATH", "DATABASE_URL"}}
    env["PYTHONPATH"] = str(ROOT)
    if settings.database_url:
        env["DATABASE_URL"] = settings.database_url
    else:
        env["DATABASE_PATH"] = str(settings.database_path)
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "bot", *args],
        cwd=settings.database_path.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def counts(text: str) -> list[str]:
    """The counted kinds of a report, whoever reads it."""
    return [
        part.strip(" .")
        for line in text.splitlines()
        if ": " in line
        for part in line.split(": ", 1)[1].split(", ")
    ]


async def test_a_dry_run_changes_nothing_and_the_real_run_matches_the_slash_command(
    env: Any, world: World, settings: Settings
) -> None:
    _key, carol_actor = await alice_plays(env, world)
    db = env.bot.db
    held = await columns_holding(db, [world.alice.id])
    dry = await khitomer(settings, "forget-user", str(world.alice.id), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        f"Dry run, nothing was changed. Forgetting member {world.alice.id} would:",
        "  delete: reputation in 2 servers, 1 saved search for page buttons, 1 error report",
        "  keep without their name: 1 signature on an accord, 3 actions in the minutes, 1 conference, "
        "2 complaints, votes and withdrawals",
        f"  in 2 servers: {world.guild.id}, 9000000000000000001",
    ]
    assert await columns_holding(db, [world.alice.id]) == held, "a dry run changes nothing"
    asked = await world.alice.slash(world.channel, "mydata forget")
    done = await world.alice.click(asked.response, label="Forget me")
    said = done.response.content.splitlines()
    assert counts("\n".join(said[1:3])) == counts("\n".join(dry.stdout.splitlines()[1:3]))
    assert await columns_holding(db, [world.alice.id]) == {}
    # the operator's real run for bob does what his dry run said, and leaves carol's data alone
    bob, carol = world.bob.id, carol_actor.id
    carols = await columns_holding(db, [carol])
    plan = await forget_report(db, bob, dry_run=True)
    real = await khitomer(settings, "forget-user", str(bob))
    assert real.returncode == 0, real.stderr
    assert real.stdout.splitlines()[0] == f"Forgot member {bob}:"
    assert real.stdout.splitlines()[1:] == plan.splitlines()[1:]
    assert await columns_holding(db, [bob]) == {}
    assert await columns_holding(db, [carol]) == carols
    again = await khitomer(settings, "forget-user", str(bob), "--dry-run")
    assert again.stdout == f"Member {bob}: nothing is held about them; nothing to forget.\n"


async def test_a_member_still_playing_is_refused_in_one_line(
    env: Any, world: World, settings: Settings
) -> None:
    message = await lobby(world)
    await world.alice.click(message, label="Sit for Klingon Empire")
    with pytest.raises(OperatorError, match="still plays 1 running conference: 'Nimbus Talks'"):
        await forget_report(env.bot.db, world.alice.id, dry_run=False)
    refused = await khitomer(settings, "forget-user", str(world.alice.id))
    assert refused.returncode == 1 and refused.stdout == ""
    line = refused.stderr.strip().splitlines()[-1]  # after the log's "database … ready"
    assert "Traceback" not in refused.stderr
    assert line.startswith(f"khitomer: member {world.alice.id} still plays 1 running conference")
    assert "sits for Klingon Empire" in line and "Nothing was forgotten" in line
    assert (await columns_holding(env.bot.db, [world.alice.id])).keys() == {
        "games.state", "game_events.actor_id"
    }  # fmt: skip
    bad = await khitomer(settings, "forget-user", "alice")
    assert bad.returncode == 1 and bad.stderr.strip() == (
        "khitomer: forget-user takes a member's ID (digits), not 'alice'."
    )
