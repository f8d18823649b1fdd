"""Logging, set up once per process: stderr always, and a rotating file when LOG_FILE is set."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from .config import ConfigError, Settings
from .storage.database import folder_blocker

FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
# A month of an active server's INFO lines fits in the files; the oldest is dropped first.
LOG_FILE_MAX_BYTES = 5 * 1024 * 1024
LOG_FILE_BACKUPS = 5


# discord.py's start-up warnings about voice libraries (Khitomer has no voice), and its login
# line, which would double the one line a try that an unreachable Discord gets.
QUIET = ("voice will NOT be supported", "logging in using static token")


class QuietDiscord(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name.startswith("discord.") and any(q in record.getMessage() for q in QUIET))


def log_file_problem(path: Path) -> str | None:
    """Why LOG_FILE could not be written (checked without creating anything), or None."""
    if path.exists():
        if path.is_dir() or not os.access(path, os.W_OK):
            return f"LOG_FILE {path} is a folder or read-only: point it at a file this user can write"
        return None
    if path.parent.is_dir():
        blocker = None if os.access(path.parent, os.W_OK) else f"{path.parent} is read-only for this user"
    else:
        blocker = folder_blocker(path.parent)
    return f"LOG_FILE {path} cannot be created: {blocker}" if blocker else None


def configure_logging(settings: Settings) -> None:
    """Replace whatever handlers the root logger has with ours (safe to call again). A LOG_FILE
    that cannot be written is a ConfigError naming it."""
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if settings.log_file is not None:
        if problem := log_file_problem(settings.log_file):
            raise ConfigError(problem)
        settings.log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                settings.log_file, maxBytes=LOG_FILE_MAX_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8"
            )
        )
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
        old.close()
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(QuietDiscord())
        root.addHandler(handler)
    root.setLevel(settings.log_level_number)
    # discord.http logs every rate-limit bucket at DEBUG; keep it for when it matters.
    logging.getLogger("discord.http").setLevel(max(settings.log_level_number, logging.INFO))


def note_in_log_file(message: str) -> None:
    """Write `message` to the log file only (stderr gets it from the caller, as one plain line)."""
    reason = message.removeprefix("khitomer: ")
    record = logging.LogRecord("bot.cli", logging.CRITICAL, __file__, 0, reason, None, None)
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            handler.handle(record)
