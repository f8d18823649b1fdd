"""The `khitomer` command as an operator meets it: one clear line, never a traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def khitomer(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DISCORD_TOKEN", "DATABASE_PATH", "DEV_GUILD_ID"}
    }
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_line_error(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for text in expected:
        assert text in lines[0]


@pytest.mark.parametrize("args", [(), ("run",), ("sync",), ("sync", "--guild", "123456789012345678")])
def test_without_a_token_it_names_what_is_missing(tmp_path: Path, args: tuple[str, ...]) -> None:
    done = khitomer(*args, cwd=tmp_path)
    assert_one_line_error(done, "DISCORD_TOKEN", ".env.example", "khitomer console")
    assert not (tmp_path / "khitomer.db").exists(), "nothing is created before the token is checked"


def test_a_bad_setting_is_one_line(tmp_path: Path) -> None:
    done = khitomer(cwd=tmp_path, DISCORD_TOKEN="x", DEV_GUILD_ID="my-server")
    assert_one_line_error(done, "DEV_GUILD_ID")


def test_backup_copies_the_database(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    with sqlite3.connect(live) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(10)])
    done = khitomer("backup", "copy.db", cwd=tmp_path, DATABASE_PATH=str(live))
    assert done.returncode == 0, done.stderr
    assert "Backed up" in done.stdout
    with sqlite3.connect(tmp_path / "copy.db") as conn:
        assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 10


def test_backup_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("captain's log")
    done = khitomer("backup", "copy.db", cwd=tmp_path, DATABASE_PATH="notes.db")
    assert_one_line_error(done, "not a SQLite database")
    assert not (tmp_path / "copy.db").exists()


def test_at_a_terminal_without_a_token_it_opens_the_console_and_says_how_to_go_live(tmp_path: Path) -> None:
    """The README's first command ends here on a fresh machine: the console, not an error."""
    import pty
    import select

    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in {"DISCORD_TOKEN", "DATABASE_PATH"}}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT), "TERM": "dumb"},
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    shown = b""
    try:
        deadline = time.monotonic() + 60
        while b"#conference-hall> " not in shown and time.monotonic() < deadline:
            if select.select([controller], [], [], 1)[0]:
                shown += os.read(controller, 65536)
        while process.poll() is None and time.monotonic() < deadline:
            # Ctrl-D at the prompt; again if it came before the prompt took the terminal (which
            # flushes what was typed ahead).
            os.write(controller, b"\x04")
            if select.select([controller], [], [], 0.5)[0]:
                try:
                    shown += os.read(controller, 65536)
                except OSError:
                    break
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        os.close(controller)
    text = " ".join(shown.decode(errors="replace").split())
    assert "No DISCORD_TOKEN yet, so this is the offline console." in text
    assert "put the bot token in .env (see .env.example) and run `khitomer` again" in text
    assert "Khitomer offline console" in text
    assert not (tmp_path / "khitomer.db").exists(), "the console uses a temporary database"


def test_a_backup_stopped_by_a_signal_keeps_no_half_written_copy(tmp_path: Path) -> None:
    """The copy is held half-written until the signal comes; the stop says so and removes it."""
    import signal

    held = (
        "import time, bot.storage as s\n"
        "def half(source, destination):\n"
        "    destination.write_bytes(b'SQLite format 3')\n"
        "    print('READY', flush=True)\n"
        "    while True:\n"
        "        time.sleep(0.05)\n"
        "s.backup_file = half\n"
        "from bot.ops.cli import main\n"
        "raise SystemExit(main())\n"
    )
    (tmp_path / "live.db").write_bytes(b"")
    process = subprocess.Popen(
        [sys.executable, "-c", held, "backup", "copy.db"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_PATH": "live.db"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == "READY\n"
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 128 + signal.SIGTERM
    assert err.strip() == "khitomer: backup stopped by SIGTERM before it finished; no copy was kept."
    assert not (tmp_path / "copy.db").exists()
