"""Start-up failures an operator meets outside Discord (issue #22, defect 9): a full disk, a
malformed or unreachable DATABASE_URL, a DATABASE_PATH no file can be made in. Each is one line
naming what to fix, never a traceback, never the password; `khitomer check` agrees with `run`."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from bot.storage import StorageError
from bot.storage.database import SqliteDatabase
from tests.support.processes import assert_one_line_error, fake_discord, khitomer, operator_lines
from tests.test_check import lines
from tests.test_logs import root_handlers  # noqa: F401  (a fixture)
from tests.test_startup import closed_port, write_schema

PASSWORD = "hunter2"

# A tmpfs with no byte free mounted over the folder (what it held copied in first), in a mount
# namespace of the command's own: a full disk without filling a real one.
FILL = (
    'set -e; stage=$(mktemp -d); cp -a "$1/." "$stage/"; mount -t tmpfs -o size=512k tmpfs "$1";'
    ' cp -a "$stage/." "$1/"; rm -rf "$stage"; dd if=/dev/zero of="$1/filler" bs=1k 2>/dev/null || true;'
    ' shift; exec "$@"'
)


def full_disk(folder: Path) -> list[str]:
    """A command prefix under which `folder` sits on a full disk."""
    unshare = shutil.which("unshare")
    namespace = ["-m"] if os.geteuid() == 0 else ["-r", "-m"]
    if not unshare or subprocess.run([unshare, *namespace, "true"], capture_output=True).returncode:
        pytest.skip("needs a mount namespace of its own (util-linux unshare) to mount a small tmpfs")
    return [unshare, *namespace, "sh", "-c", FILL, "sh", str(folder)]


def test_a_full_disk_at_start_says_the_disk_is_full(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    write_schema(folder / "k.db", 3)
    with __import__("sqlite3").connect(folder / "k.db") as conn:  # as a bot that ran before left it
        conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    prefix = full_disk(folder)
    checked = khitomer(
        "check", cwd=tmp_path, prefix=prefix, DISCORD_TOKEN="t", DATABASE_PATH=str(folder / "k.db")
    )
    assert checked.returncode == 1
    assert lines(checked.stdout)["FAIL database"].startswith(
        f"FAIL database: the disk holding {folder} is full"
    )
    with fake_discord() as discord:
        done = khitomer(
            "run",
            cwd=tmp_path,
            api=discord.url,
            prefix=prefix,
            DISCORD_TOKEN="t",
            DATABASE_PATH=str(folder / "k.db"),
        )
    line = assert_one_line_error(done, f"the disk holding {folder} is full", "free space")
    assert "disk I/O error" not in line
    assert discord.requests == []


def test_a_database_path_no_file_can_be_made_in_fails_the_check_and_run_alike(tmp_path: Path) -> None:
    """/proc takes no new file, even from root (whose access() says every folder is writable)."""
    checked = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t", DATABASE_PATH="/proc/k.db")
    assert checked.returncode == 1, checked.stdout
    verdict = lines(checked.stdout)["FAIL database"]
    assert "/proc" in verdict and "DATABASE_PATH" in verdict
    with fake_discord() as discord:
        done = khitomer("run", cwd=tmp_path, api=discord.url, DISCORD_TOKEN="t", DATABASE_PATH="/proc/k.db")
    assert assert_one_line_error(done, "DATABASE_PATH") == verdict.replace("FAIL database: ", "khitomer: ")
    assert discord.requests == []


async def test_a_database_sqlite_cannot_open_leaves_no_thread_to_fail_after_the_loop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """aiosqlite stops its worker without waiting when the connection fails; with the event loop
    closed by then, the worker printed an 'Event loop is closed' traceback (in about one run of
    three). Each open here runs on a loop of its own that closes at once, as `khitomer run` does;
    the checks made before connecting are skipped, so that SQLite itself refuses the file."""
    for check in ("creation_problem", "writable_problem"):
        monkeypatch.setattr(f"bot.storage.database.{check}", lambda path: None)
    failures: list[Any] = []
    hook, threading.excepthook = threading.excepthook, failures.append
    folder = Path("/proc") if os.geteuid() == 0 else Path("/")  # a folder no file can be made in

    async def fail_open() -> None:
        with pytest.raises(StorageError):
            await SqliteDatabase.open(folder / "k.db")

    try:
        for _ in range(12):
            await asyncio.to_thread(asyncio.run, fail_open())
        await asyncio.sleep(0.2)  # a worker thread still running would fail by now
    finally:
        threading.excepthook = hook
    assert [str(failure.exc_value) for failure in failures] == []


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://khitomer:{PASSWORD}@db.example:99999/khitomer",
        f"postgresql://khitomer:{PASSWORD}@[::1/khitomer",
        f"postgres://khitomer:{PASSWORD}@db.example/khitomer?sslmode",
    ],
)
@pytest.mark.parametrize("command", ["run", "check", "import-wiki"])
def test_a_malformed_database_url_is_one_line_without_the_password(
    tmp_path: Path, url: str, command: str
) -> None:
    args = ["import-wiki", "x.xml", "--guild", "1"] if command == "import-wiki" else [command]
    done = khitomer(*args, cwd=tmp_path, DISCORD_TOKEN="t", DATABASE_URL=url)
    assert PASSWORD not in done.stdout + done.stderr
    if command == "check":
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert lines(done.stdout)["FAIL settings"].startswith(
            "FAIL settings: DATABASE_URL is not a PostgreSQL URL"
        )
    else:
        assert_one_line_error(done, "DATABASE_URL is not a PostgreSQL URL that can be used")
        assert done.returncode == 2


def test_an_unreachable_postgresql_is_retried_with_backoff_then_given_up(tmp_path: Path) -> None:
    port = closed_port()
    url = f"postgresql://khitomer:{PASSWORD}@127.0.0.1:{port}/khitomer"
    started = time.monotonic()
    with fake_discord() as discord:
        done = khitomer(
            "run", cwd=tmp_path, api=discord.url, DISCORD_TOKEN="t", DATABASE_URL=url, CONNECT_TIMEOUT="3"
        )
    took = time.monotonic() - started
    where = f"PostgreSQL at postgresql://127.0.0.1:{port}/khitomer"
    assert_one_line_error(done, f"could not reach {where} in 3 s (3 tries; last: ", "service manager")
    tries = [line.split(": ", 1)[1] for line in done.stderr.splitlines() if " is unreachable (" in line]
    assert [t.split("; ")[-1] for t in tries] == ["try 1 failed, next in 1 s", "try 2 failed, next in 2 s"]
    assert all(t.startswith(f"{where} is unreachable (") for t in tries)
    assert PASSWORD not in done.stderr
    assert discord.requests == [], "Discord is not asked before the database is open"
    assert 3 <= took < 30


def test_a_log_file_on_a_full_disk_is_one_warning_and_the_bot_goes_on(tmp_path: Path) -> None:
    with fake_discord() as discord:
        done = khitomer("run", cwd=tmp_path, api=discord.url, DISCORD_TOKEN="t", LOG_FILE="/dev/full")
    assert "Logging error" not in done.stderr
    warned = [line for line in done.stderr.splitlines() if "LOG_FILE" in line]
    assert len(warned) == 1 and warned[0].endswith(
        "LOG_FILE /dev/full cannot be written (No space left on device): "
        "records go to stderr only until it can"
    )
    assert_one_line_error(done, "Discord refused the token")  # it went on, up to Discord's answer
    assert operator_lines(done.stderr) == [done.stderr.rstrip().splitlines()[-1]]


@pytest.mark.parametrize("log_file", ["/proc/k.log", "/proc/version"])
def test_a_log_file_that_cannot_be_made_or_opened_fails_the_check_and_run_alike(
    tmp_path: Path, log_file: str
) -> None:
    checked = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t", LOG_FILE=log_file)
    assert checked.returncode == 1, checked.stdout
    verdict = lines(checked.stdout)["FAIL log file"]
    assert verdict.startswith(f"FAIL log file: LOG_FILE {log_file} cannot be")
    done = khitomer("run", cwd=tmp_path, DISCORD_TOKEN="t", LOG_FILE=log_file)
    assert assert_one_line_error(done) == verdict.replace("FAIL log file: ", "khitomer: ")
    assert done.returncode == 2


def test_a_folder_that_is_a_dead_link_fails_the_check_and_run_alike(tmp_path: Path) -> None:
    (tmp_path / "data").symlink_to(tmp_path / "gone")  # a mount point not mounted, say
    database = str(tmp_path / "data" / "k.db")
    checked = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t", DATABASE_PATH=database)
    assert checked.returncode == 1, checked.stdout
    verdict = lines(checked.stdout)["FAIL database"]
    assert f"{tmp_path / 'data'} is a link that leads nowhere" in verdict
    done = khitomer("run", cwd=tmp_path, DISCORD_TOKEN="t", DATABASE_PATH=database)
    assert assert_one_line_error(done) == verdict.replace("FAIL database: ", "khitomer: ")


@pytest.mark.usefixtures("root_handlers")  # main() sets the process's logging up
@pytest.mark.parametrize("command", ["check", "run"])
def test_a_path_no_check_foresaw_is_still_one_line(
    tmp_path: Path, command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder this user may not look into (root may look into every folder, so the refusal is
    made here): whatever OSError a path raises reaches the operator as one line."""
    private = tmp_path / "private"
    stat = Path.stat

    def refused(path: Path, **kwargs: Any) -> os.stat_result:
        if path.is_relative_to(private):
            raise PermissionError(13, "Permission denied", str(path))
        return stat(path, **kwargs)

    monkeypatch.setattr(Path, "stat", refused)
    monkeypatch.chdir(tmp_path)
    for name, value in {"DISCORD_TOKEN": "t", "DATABASE_PATH": str(private / "k.db")}.items():
        monkeypatch.setenv(name, value)
    from bot.ops.cli import main

    assert main([command]) == 1
    out, err = capsys.readouterr()
    said = out if command == "check" else err
    assert "Traceback" not in err
    line = lines(said)["FAIL database"] if command == "check" else err.strip()
    assert line.endswith(f"cannot use {private / 'k.db'}: Permission denied"), said
