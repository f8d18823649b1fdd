"""SIGTERM and SIGINT stop a real process cleanly: work in flight finishes, exit 0."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.processes import ROOT, environment


def wait_for(process: subprocess.Popen[str], text: str, seconds: float = 60) -> list[str]:
    """Read stdout (or stderr for log lines) until a line holding `text` appears."""
    stream = process.stdout
    assert stream is not None
    seen: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        seen.append(line.rstrip("\n"))
        if text in line:
            return seen
    raise AssertionError(f"{text!r} never came; saw {seen}")


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_lets_the_action_in_flight_finish_then_exits_0(tmp_path: Path, stop: signal.Signals) -> None:
    database = tmp_path / "k.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.simulated_bot"],
        cwd=ROOT,
        env=environment(DATABASE_PATH=str(database)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(process, "READY")  # a member's `join` is inside its database write now
        process.send_signal(stop)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Traceback" not in err and "Task was destroyed" not in err, err
    assert out.strip().splitlines()[-1] == f"REPLY <@{member_id(out, err)}> now sits for Romulan Star Empire."
    assert f"{stop.name} received: stopping" in err
    assert "deadline timers stopped: 1" in err  # the conference's lobby deadline
    assert err.rstrip().endswith("stopped cleanly")
    with sqlite3.connect(database) as conn:
        kinds = [row[0] for row in conn.execute("SELECT kind FROM game_events ORDER BY game_id, seq")]
    conn.close()
    assert kinds[-1] == "joined", kinds
    assert not Path(f"{database}-wal").exists(), "storage was closed (SQLite removes the WAL then)"


def member_id(out: str, err: str) -> str:
    reply = out.strip().splitlines()[-1]
    assert reply.startswith("REPLY <@"), (out, err)
    return reply.removeprefix("REPLY <@").split(">", 1)[0]


@pytest.mark.parametrize("unreachable", ["Discord", "PostgreSQL"])
def test_a_signal_while_discord_or_the_database_is_unreachable_stops_at_once(
    tmp_path: Path, unreachable: str
) -> None:
    """The real `khitomer run`, retrying a Discord (or a PostgreSQL) that does not answer, stops
    on SIGTERM."""
    from tests.support.processes import POINTED
    from tests.test_startup import closed_port

    api = f"http://127.0.0.1:{closed_port()}/api/v10"
    database = (
        {"DATABASE_URL": f"postgresql://k@127.0.0.1:{closed_port()}/k"} if unreachable == "PostgreSQL" else {}
    )
    process = subprocess.Popen(
        [sys.executable, "-c", POINTED, api, "run"],
        cwd=tmp_path,
        env=environment(DISCORD_TOKEN="t", CONNECT_TIMEOUT="600", **database),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        while "try 1 failed" not in (line := process.stderr.readline()):
            assert line and time.monotonic() < deadline, "it ended, or never retried"
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert time.monotonic() - started < 10
    assert "SIGTERM received: stopping" in err and err.rstrip().endswith("stopped cleanly"), err
    assert not (tmp_path / "khitomer.db-wal").exists()
