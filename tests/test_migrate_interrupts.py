"""`khitomer migrate-to-postgres` stopped part-way (issue #22, defect 9): a signal is a non-zero
exit and one line saying what became of the target; the file's snapshot never stays behind in the
temporary folder (after a kill -9, the next run removes it); a mistyped URL never shows its
password."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest

from bot.ops.cli import main
from tests.support.processes import ROOT, assert_one_line_error, environment, khitomer, operator_lines
from tests.test_startup import closed_port

PASSWORD = "hunter2"
# migrate-to-postgres with a step held open until a signal comes: the copy itself (which then
# never reaches PostgreSQL), or, with `rows`, the progress bar after the first batch of rows.
HELD = """
import asyncio, sys, time, bot.ops.migrate_postgres as m
where = sys.argv.pop(1)
async def held_copy(snapshot, url, committed):
    print("READY", snapshot, flush=True)
    await asyncio.sleep(3600)
def held_rows(self, *args):
    print("READY", flush=True)
    while True:
        time.sleep(0.05)
if where == "copy":
    m._copy = held_copy
else:
    m.ProgressBar.advance = held_rows
from bot.ops.cli import main
raise SystemExit(main())
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A small SQLite database at this release's schema (the command upgrades a copy of it)."""
    path = tmp_path / "khitomer.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    return path


def holding(tmp_path: Path, source: Path, url: str, where: str = "copy") -> subprocess.Popen[str]:
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-c", HELD, where, "migrate-to-postgres", "--from", str(source), "--to", url],
        cwd=ROOT,
        env=environment(TMPDIR=str(tmp_path / "tmp")),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def ready(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("READY"), process.communicate(timeout=30)
    return line.removeprefix("READY").strip()


@pytest.mark.parametrize(
    "url",
    [
        f"postgress://khitomer:{PASSWORD}@localhost/khitomer",
        f"postgresql://khitomer:{PASSWORD}@localhost:99999/khitomer",
        f"postgresql://khitomer:{PASSWORD}@[::1/khitomer",
    ],
)
def test_a_mistyped_url_is_one_line_that_never_shows_the_password(
    source: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate-to-postgres", "--from", str(source), "--to", url]) == 1
    out, err = capsys.readouterr()
    assert out == "" and PASSWORD not in err
    assert len(err.splitlines()) == 1 and err.startswith(
        "khitomer: --to is not a PostgreSQL URL that can be used: "
    )


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_is_a_failure_that_says_so_and_removes_the_snapshot(
    tmp_path: Path, source: Path, stop: signal.Signals
) -> None:
    url = f"postgresql://khitomer:{PASSWORD}@127.0.0.1:{closed_port()}/khitomer"
    process = holding(tmp_path, source, url)
    try:
        snapshot = Path(ready(process))
        assert snapshot.is_file() and snapshot.parent.parent == tmp_path / "tmp"
        process.send_signal(stop)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 128 + stop
    done = subprocess.CompletedProcess(process.args, process.returncode, "", err)
    assert_one_line_error(
        done, f"khitomer: migrate-to-postgres stopped by {stop.name} before it committed: nothing was copied"
    )
    assert list((tmp_path / "tmp").iterdir()) == [], "the snapshot went with it"


def test_a_snapshot_left_by_a_killed_run_is_removed_by_the_next(tmp_path: Path, source: Path) -> None:
    url = f"postgresql://khitomer:{PASSWORD}@127.0.0.1:{closed_port()}/khitomer"
    process = holding(tmp_path, source, url)
    try:
        snapshot = Path(ready(process))
        process.kill()  # SIGKILL: nothing of the process runs again
        process.communicate(timeout=30)
    finally:
        process.kill()
    assert snapshot.is_file(), "nothing could remove it"
    size = sum(file.stat().st_size for file in snapshot.parent.iterdir())
    again = khitomer(
        "migrate-to-postgres", "--from", str(source), "--to", url, cwd=tmp_path, TMPDIR=str(tmp_path / "tmp")
    )
    assert_one_line_error(again, "cannot connect to postgresql://127.0.0.1")  # this run fails too …
    removed = [line.split(": ", 1)[1] for line in again.stderr.splitlines() if ": Removed " in line]
    assert removed == [
        f"Removed {snapshot.parent} ({size / 1_000_000:.1f} MB): the snapshot of a migrate-to-postgres "
        "that was killed before it could remove it."
    ]
    assert list((tmp_path / "tmp").iterdir()) == [], "… and leaves nothing behind either"
    assert PASSWORD not in again.stderr


def test_a_signal_during_the_copy_leaves_the_target_empty(tmp_path: Path, database_url: str | None) -> None:
    if database_url is None:
        pytest.skip("needs PostgreSQL: the suite's PostgreSQL run (KHITOMER_TEST_BACKEND=postgres) runs it")
    path = tmp_path / "played.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")  # upgraded by the command; then a few rows to copy
    conn.close()
    asyncio.run(seed(path))
    process = holding(tmp_path, path, database_url, "rows")
    try:
        ready(process)  # the first rows are in PostgreSQL, in the open transaction
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130
    assert operator_lines(err) == [
        f"khitomer: migrate-to-postgres stopped by SIGINT before it committed: nothing was copied to "
        f"{describe_url(database_url)}, and {path} is as it was."
    ]
    assert asyncio.run(rows_in(database_url)) == 0


def describe_url(url: str) -> str:
    from bot.storage.postgres import describe

    return describe(url)


async def seed(path: Path) -> None:
    from bot.services.guild_config import ConfigService
    from bot.storage import SqliteDatabase

    db = await SqliteDatabase.open(path)
    try:
        await ConfigService(db).put(100, "deadline.lobby", "600")
    finally:
        await db.close()


async def rows_in(url: str) -> int:
    conn = await asyncpg.connect(url)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM guild_settings"))
    finally:
        await conn.close()
