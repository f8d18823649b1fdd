"""Logging: one setup, stderr always, a rotating LOG_FILE, no voice warnings."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.ops.logs import LOG_FILE_BACKUPS, LOG_FILE_MAX_BYTES, configure_logging

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def root_handlers() -> Iterator[None]:
    """configure_logging replaces the root handlers; give pytest's back afterwards."""
    root = logging.getLogger()
    saved, level, disabled = root.handlers[:], root.level, root.manager.disable
    logging.disable(logging.NOTSET)  # an in-process console test may have switched records off
    yield
    logging.disable(disabled)
    for handler in root.handlers[:]:
        root.removeHandler(handler)
        handler.close()
    root.handlers[:] = saved
    root.setLevel(level)


@pytest.mark.usefixtures("root_handlers")
def test_the_log_file_rotates_at_its_size_and_keeps_its_count(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "khitomer.log"
    configure_logging(Settings(log_file=log_file))
    configure_logging(Settings(log_file=log_file))  # again: still one stderr and one file handler
    assert len(logging.getLogger().handlers) == 2
    line = "x" * 1000
    for _ in range((LOG_FILE_BACKUPS + 2) * LOG_FILE_MAX_BYTES // 1000):
        logging.getLogger("bot.test").info(line)
    files = sorted(p.name for p in log_file.parent.iterdir())
    assert files == ["khitomer.log"] + [f"khitomer.log.{n}" for n in range(1, LOG_FILE_BACKUPS + 1)]
    assert all(p.stat().st_size <= LOG_FILE_MAX_BYTES for p in log_file.parent.iterdir())


@pytest.mark.usefixtures("root_handlers")
def test_voice_warnings_are_dropped_and_other_discord_warnings_kept(tmp_path: Path) -> None:
    configure_logging(Settings(log_file=tmp_path / "k.log"))
    discord_log = logging.getLogger("discord.client")
    discord_log.warning("PyNaCl is not installed, voice will NOT be supported")
    discord_log.warning("davey is not installed, voice will NOT be supported")
    discord_log.warning("Shard ID 0 heartbeat blocked for more than 10 seconds.")
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = (tmp_path / "k.log").read_text()
    assert "voice" not in logged
    assert "heartbeat blocked" in logged


def test_the_readme_states_the_rotation_size_and_count() -> None:
    readme = (ROOT / "README.md").read_text()
    assert f"{LOG_FILE_MAX_BYTES // (1024 * 1024)} MB" in readme
    assert f"{LOG_FILE_BACKUPS} old files" in readme


@pytest.mark.usefixtures("root_handlers")
def test_a_log_file_on_a_full_disk_is_one_warning_not_a_flood_and_recovers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """/dev/full refuses every write with ENOSPC, as a full disk does; the link lets the test
    free the disk by pointing LOG_FILE at a real file."""
    log_file = tmp_path / "k.log"
    log_file.symlink_to("/dev/full")
    configure_logging(Settings(log_file=log_file))
    for n in range(300):
        logging.getLogger("bot.test").warning("record %d", n)
    err = capsys.readouterr().err
    assert "Logging error" not in err and "Traceback" not in err, err[:2000]
    lines = err.splitlines()
    assert len(lines) == 301, "the 300 records, and one line about the file"
    problem = [line for line in lines if "LOG_FILE" in line]
    assert len(problem) == 1
    assert problem[0].endswith(
        f"WARNING  bot.ops.logs: LOG_FILE {log_file} cannot be written (No space left on device): "
        "records go to stderr only until it can"
    )

    log_file.unlink()
    log_file.symlink_to(tmp_path / "real.log")  # room again
    logging.getLogger("bot.test").warning("after")
    logged = (tmp_path / "real.log").read_text().splitlines()
    assert [line.split(" ", 2)[2] for line in logged] == [
        f"WARNING  bot.ops.logs: LOG_FILE {log_file} can be written again; 300 records before this one "
        "went to stderr only",
        "WARNING  bot.test: after",
    ]
