"""Two `khitomer run` processes configured for the same shard would both arm its timers and send
every reminder twice (issue #22, defect 9): the second refuses to start, with one line naming the
shard and the process that runs it. Real processes, with Discord out of reach so that the first
stays in its start-up retries while holding its claim."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import pytest

from bot.storage.postgres import describe
from bot.storage.shard_claims import HOLDER
from tests.support.processes import POINTED, assert_one_line_error, environment, fake_discord, khitomer
from tests.test_startup import closed_port


@pytest.fixture
def database(tmp_path: Path, database_url: str | None) -> dict[str, str]:
    """The settings that put a process on the test's database."""
    return {"DATABASE_URL": database_url} if database_url else {"DATABASE_PATH": str(tmp_path / "k.db")}


def wait_for(process: subprocess.Popen[str], text: str, seconds: float = 60) -> None:
    assert process.stderr is not None
    deadline = time.monotonic() + seconds
    while text not in (line := process.stderr.readline()):
        assert line and time.monotonic() < deadline, f"{text!r} never came"


@contextmanager
def running(tmp_path: Path, **env: str) -> Iterator[subprocess.Popen[str]]:
    """`khitomer run` up to its first failed try to reach Discord: storage open, shards claimed."""
    api = f"http://127.0.0.1:{closed_port()}/api/v10"
    process = subprocess.Popen(
        [sys.executable, "-c", POINTED, api, "run"],
        cwd=tmp_path,
        env=environment(DISCORD_TOKEN="t", CONNECT_TIMEOUT="600", **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(process, "try 1 failed")
        yield process
    finally:
        process.kill()
        process.communicate(timeout=30)


def start(tmp_path: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """A second `khitomer run`; (how it ended, what it asked Discord)."""
    with fake_discord() as discord:  # refuses the token: reaching it means the claim was made
        done = khitomer("run", cwd=tmp_path, api=discord.url, DISCORD_TOKEN="t", timeout=60, **env)
    return done, discord.requests


def refused(done: subprocess.CompletedProcess[str], asked: list[str], *expected: str) -> None:
    assert_one_line_error(done, *expected)
    assert done.returncode == 1
    assert asked == [], "refused before Discord is asked anything"


def started(done: subprocess.CompletedProcess[str], asked: list[str]) -> None:
    assert_one_line_error(done, "Discord refused the token")
    assert asked == ["/api/v10/users/@me"]


def test_a_second_process_for_a_shard_already_run_is_refused_on_postgresql(
    tmp_path: Path, database_url: str | None, database: dict[str, str]
) -> None:
    if database_url is None:
        pytest.skip("shards split over processes share one database through PostgreSQL")
    where = describe(database_url)
    with running(tmp_path, SHARD_COUNT="2", SHARD_IDS="0", **database) as first:
        holder = f"the khitomer process on {socket.gethostname()}, pid {first.pid}"
        refused(
            *start(tmp_path, SHARD_COUNT="2", SHARD_IDS="0,1", **database),
            f"khitomer: shard 0 of 2 is already run by {holder} on {where}; each shard runs in one process",
        )
        refused(*start(tmp_path, **database), f"khitomer: {holder} already runs on {where}", "SHARD_IDS")
        refused(
            *start(tmp_path, SHARD_COUNT="3", SHARD_IDS="2", **database),
            "runs with SHARD_COUNT 2, this one with 3; every process must have the same SHARD_COUNT",
        )
        started(*start(tmp_path, SHARD_COUNT="2", SHARD_IDS="1", **database))

        # The server drops the connection that holds the claim (a restart, say): it is claimed again.
        asyncio.run(drop_claims(database_url))
        wait_for(first, "shard 0 of 2 claimed again")
        refused(*start(tmp_path, SHARD_COUNT="2", SHARD_IDS="0", **database), "shard 0 of 2 is already run")

        first.send_signal(signal.SIGKILL)  # a killed process frees its shards with its connection
        first.wait(timeout=30)
        started(*start(tmp_path, SHARD_COUNT="2", SHARD_IDS="0", **database))


async def drop_claims(url: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        dropped = await conn.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE $1",
            f"{HOLDER}%",
        )
        assert dropped == 1
    finally:
        await conn.close()


def test_a_second_process_on_one_sqlite_file_is_refused(
    tmp_path: Path, database_url: str | None, database: dict[str, str]
) -> None:
    if database_url is not None:
        pytest.skip("the SQLite file's own claim")
    with running(tmp_path, **database) as first:
        holder = f"the khitomer process on {socket.gethostname()}, pid {first.pid}"
        refused(
            *start(tmp_path, SHARD_COUNT="2", SHARD_IDS="1", **database),
            f"khitomer: {holder} already runs on {database['DATABASE_PATH']}",
            "each process needs a DATABASE_PATH of its own",
        )
        started(*start(tmp_path, DATABASE_PATH=str(tmp_path / "other.db")))
        first.send_signal(signal.SIGKILL)  # the lock dies with the process
        first.wait(timeout=30)
        started(*start(tmp_path, **database))
