"""Logging, set up once per process: stderr always, and a rotating file when LOG_FILE is set."""

from __future__ import annotations

import logging
import logging.handlers

from .config import Settings

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


def configure_logging(settings: Settings) -> None:
    """Replace whatever handlers the root logger has with ours (safe to call again)."""
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if settings.log_file is not None:
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
