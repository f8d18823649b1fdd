"""Start-up as an operator meets it, in real processes: one line naming what to fix, never a
traceback, and the database and data checked before Discord is asked anything."""

from __future__ import annotations

import re
import socket
import sqlite3
import time
from pathlib import Path

import pytest

from bot.storage.migrations import discover
from tests.support.processes import (
    assert_one_line_error,
    fake_discord,
    khitomer,
    read_only,
)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once the socket is closed


def test_a_rejected_token_is_one_line(tmp_path: Path) -> None:
    with fake_discord() as discord:
        done = khitomer("run", cwd=tmp_path, api=discord.url, DISCORD_TOKEN="not-a-real-token")
    assert_one_line_error(done, "Discord refused the token in DISCORD_TOKEN", "Developer Portal")
    assert discord.requests == ["/api/v10/users/@me"]
    assert "not-a-real-token" not in done.stderr


def test_an_unreachable_discord_is_retried_with_backoff_then_given_up(tmp_path: Path) -> None:
    api = f"http://127.0.0.1:{closed_port()}/api/v10"
    started = time.monotonic()
    done = khitomer("run", cwd=tmp_path, api=api, DISCORD_TOKEN="t", CONNECT_TIMEOUT="5")
    took = time.monotonic() - started
    assert_one_line_error(done, "could not reach Discord in 5 s", "4 tries", "network")
    tries = [line for line in done.stderr.splitlines() if "Discord is unreachable" in line]
    assert [t.split("; ")[-1] for t in tries] == [
        "try 1 failed, next in 1 s",
        "try 2 failed, next in 2 s",
        "try 3 failed, next in 2 s",  # 4 s would pass CONNECT_TIMEOUT: the last try is at its end
    ], "one log line a try, waiting longer each time"
    assert len(done.stderr.splitlines()) == len(tries) + 3  # + database ready, data summary, the reason
    assert 5 <= took < 30


def test_a_gateway_that_cannot_be_reached_after_login_is_one_line(tmp_path: Path) -> None:
    with fake_discord(accepting=True) as discord:
        done = khitomer("run", cwd=tmp_path, api=discord.url, DISCORD_TOKEN="good-token")
    assert_one_line_error(done, "the connection to Discord's gateway failed", "service manager")
    assert "/api/v10/gateway/bot" in discord.requests  # logged in, then asked for the gateway
    assert done.returncode == 1


def test_what_start_up_made_is_set_aside_from_garbage_collection_before_the_gateway(tmp_path: Path) -> None:
    """Python's full collections walked start-up's ~50,000 objects: 10-15 ms of a held loop at
    random (issue #21). `khitomer run` sets them aside once logged in, before the gateway."""
    with fake_discord(accepting=True) as discord:
        done = khitomer("run", cwd=tmp_path, api=discord.url, DISCORD_TOKEN="good-token", LOG_LEVEL="DEBUG")
    found = re.search(r"(\d+) objects of start-up set aside from garbage collection", done.stderr)
    assert found, done.stderr
    assert int(found[1]) > 20_000, "the modules, content and cogs, not a handful"
    after = done.stderr[found.end() :]
    assert "the connection to Discord's gateway failed" in after, "set aside before the gateway is asked"


def write_schema(path: Path, version: int) -> None:
    """A database as an older (or, past the last migration, newer) release left it."""
    with sqlite3.connect(path) as conn:
        for migration in discover()[:version]:
            conn.executescript(migration.sql)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def unusable_database(tmp_path: Path, case: str) -> tuple[dict[str, str], list[str], str]:
    """(environment, command prefix, what the one line must say) for each broken database."""
    folder = tmp_path / "data"
    folder.mkdir()
    if case == "folder cannot be created":
        (tmp_path / "a-file").write_text("not a folder")
        return {"DATABASE_PATH": str(tmp_path / "a-file" / "k.db")}, [], "is a file, not a folder"
    if case == "folder read-only":
        return {"DATABASE_PATH": str(folder / "k.db")}, read_only(folder), "folder"
    if case == "file read-only":
        write_schema(folder / "k.db", 9)
        return {"DATABASE_PATH": str(folder / "k.db")}, read_only(folder / "k.db"), "is read-only"
    if case == "not SQLite":
        (folder / "k.db").write_text("captain's log, stardate 9529.1")
        return {"DATABASE_PATH": str(folder / "k.db")}, [], "is not a SQLite database"
    assert case == "newer schema"
    write_schema(folder / "k.db", len(discover()) + 1)
    return {"DATABASE_PATH": str(folder / "k.db")}, [], "newer release"


@pytest.mark.parametrize(
    "case", ["folder cannot be created", "folder read-only", "file read-only", "not SQLite", "newer schema"]
)
def test_an_unusable_database_is_one_line_before_discord_is_asked(tmp_path: Path, case: str) -> None:
    env, prefix, expected = unusable_database(tmp_path, case)
    with fake_discord() as discord:
        done = khitomer("run", cwd=tmp_path, api=discord.url, prefix=prefix, DISCORD_TOKEN="t", **env)
    line = assert_one_line_error(done, expected)
    assert done.returncode == 1
    assert discord.requests == [], "storage is checked before connecting"
    assert len(line) < 300


def test_a_bad_shard_setting_is_one_line(tmp_path: Path) -> None:
    done = khitomer("run", cwd=tmp_path, DISCORD_TOKEN="t", SHARD_COUNT="2", SHARD_IDS="0,2")
    assert_one_line_error(done, "SHARD_IDS must be below SHARD_COUNT (2)")
    assert done.returncode == 2


def test_voice_warnings_are_silenced_and_log_file_gets_the_records(tmp_path: Path) -> None:
    with fake_discord() as discord:
        done = khitomer(
            "run", cwd=tmp_path, api=discord.url, DISCORD_TOKEN="t", LOG_FILE=str(tmp_path / "logs" / "k.log")
        )
    assert "voice" not in done.stderr
    logged = (tmp_path / "logs" / "k.log").read_text()
    assert "database khitomer.db ready at schema version" in logged
    assert "voice" not in logged
    records = [line.split(" ", 2)[2] for line in logged.splitlines()]
    assert records[:-1] == [line.split(" ", 2)[2] for line in done.stderr.splitlines()[:-1]], (
        "the file holds the same records as stderr"
    )
    reason = done.stderr.splitlines()[-1].removeprefix("khitomer: ")
    assert records[-1] == f"CRITICAL bot.ops.cli: {reason}", "and the reason it stopped"


def test_sync_without_a_route_to_discord_is_one_line(tmp_path: Path) -> None:
    api = f"http://127.0.0.1:{closed_port()}/api/v10"
    done = khitomer("sync", cwd=tmp_path, api=api, DISCORD_TOKEN="t", CONNECT_TIMEOUT="1")
    assert_one_line_error(done, "could not reach Discord")
    assert done.returncode == 1


def test_a_log_file_that_cannot_be_written_is_a_bad_setting(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("not a folder")
    done = khitomer("run", cwd=tmp_path, DISCORD_TOKEN="t", LOG_FILE="afile/k.log")
    assert_one_line_error(done, "LOG_FILE afile/k.log cannot be created: afile is a file, not a folder")
    assert done.returncode == 2
