"""`khitomer check`: what it finds, line by line, and an exit code scripts can trust."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot.storage.migrations import discover
from tests.support.processes import ROOT, khitomer
from tests.test_startup import write_schema

LATEST = len(discover())
DATA = ROOT / "data"
# Counted from the checkout's files, not from the loader under test.
DATA_SUMMARY = (
    f"{len(list((DATA / 'lore').glob('*.md')))} lore entries, "
    f"{len(list((DATA / 'treaties').glob('*.toml')))} treaties, "
    f"{(DATA / 'powers.toml').read_text().count('[[powers]]')} powers, "
    f"{len(list((DATA / 'scenarios').glob('*.toml')))} scenarios"
)


def lines(stdout: str) -> dict[str, str]:
    return {line.split(":", 1)[0]: line for line in stdout.splitlines() if ":" in line}


def test_a_fresh_install_can_start(tmp_path: Path) -> None:
    done = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t")
    assert done.returncode == 0, done.stdout + done.stderr
    found = lines(done.stdout)
    assert found["ok   settings"].endswith("database khitomer.db; shards automatic; log level INFO")
    assert found["ok   data"] == f"ok   data: {DATA_SUMMARY}"
    assert found["ok   database"] == (
        "ok   database: khitomer.db does not exist yet; "
        f"the first start creates it at schema version {LATEST}"
    )
    assert done.stdout.rstrip().endswith("khitomer can start.")
    assert not (tmp_path / "khitomer.db").exists(), "check creates nothing"


def test_pending_migrations_are_reported_and_the_file_is_not_touched(tmp_path: Path) -> None:
    write_schema(tmp_path / "k.db", 3)
    before = hashlib.sha256((tmp_path / "k.db").read_bytes()).hexdigest()
    done = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t", DATABASE_PATH="k.db", SHARD_COUNT="4")
    assert done.returncode == 0, done.stdout
    pending = ", ".join(m.name for m in discover()[3:])
    assert lines(done.stdout)["ok   database"] == (
        f"ok   database: k.db is at schema version 3 of {LATEST}; the next start applies "
        f"{LATEST - 3} migration(s): {pending}"
    )
    assert "database k.db; shards 0–3 of 4; log level INFO" in done.stdout
    assert hashlib.sha256((tmp_path / "k.db").read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.db"]


def test_an_up_to_date_database_says_so(tmp_path: Path) -> None:
    write_schema(tmp_path / "k.db", LATEST)
    done = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t", DATABASE_PATH="k.db")
    found = lines(done.stdout)["ok   database"]
    assert found == f"ok   database: k.db is at schema version {LATEST}, up to date"
    assert done.returncode == 0


def test_every_problem_is_listed_and_the_exit_code_says_so(tmp_path: Path) -> None:
    write_schema(tmp_path / "k.db", LATEST + 2)
    done = khitomer("check", cwd=tmp_path, DATABASE_PATH="k.db")
    assert done.returncode == 1
    found = lines(done.stdout)
    assert found["FAIL token"].startswith("FAIL token: DISCORD_TOKEN is not set: put the bot token in .env")
    newer = f"schema version {LATEST + 2}, but this Khitomer only knows up to {LATEST}"
    assert newer in found["FAIL database"]
    assert done.stdout.rstrip().endswith("2 problem(s) to fix before khitomer can start.")


def test_a_file_that_is_not_sqlite_fails_the_check(tmp_path: Path) -> None:
    (tmp_path / "k.db").write_text("not a database")
    done = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t", DATABASE_PATH="k.db")
    assert done.returncode == 1
    assert "is not a SQLite database" in lines(done.stdout)["FAIL database"]
    assert (tmp_path / "k.db").read_text() == "not a database"


def test_a_bad_setting_fails_the_check_like_any_other_problem(tmp_path: Path) -> None:
    done = khitomer("check", cwd=tmp_path, LOG_LEVEL="chatty")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "FAIL settings: LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not 'chatty'",
        "1 problem(s) to fix before khitomer can start.",
    ]


def test_check_writes_nothing_and_reports_an_unusable_log_file(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("not a folder")
    done = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t", LOG_FILE="afile/k.log")
    assert done.returncode == 1
    assert lines(done.stdout)["FAIL log file"] == (
        "FAIL log file: LOG_FILE afile/k.log cannot be created: afile is a file, not a folder"
    )
    fine = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t", LOG_FILE="logs/k.log")
    assert fine.returncode == 0 and "ok   log file: logs/k.log can be written" in fine.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"], "check created nothing"
