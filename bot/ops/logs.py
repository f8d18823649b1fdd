"""Logging, set up once per process: stderr always, and a rotating file when LOG_FILE is set."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import stat
import sys
from pathlib import Path

from ..config import ConfigError, Settings
from ..storage.database import folder_blocker
from ..storage.sqlite_files import takes_new_files

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


class LogFile(logging.handlers.RotatingFileHandler):
    """The rotating LOG_FILE, which a full disk (or any refused write) never turns into a
    traceback a record: one warning on stderr when writing stops, the records go on to stderr
    only, each record tries the file again, and a note says when it takes them again."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=LOG_FILE_MAX_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8")
        self.shown = path
        self.lost = 0  # records since writing stopped
        self._failed, self._reason = False, ""

    def emit(self, record: logging.LogRecord) -> None:
        if self.lost:
            back = _record(
                f"LOG_FILE {self.shown} can be written again; {self.lost} records before this one went to "
                "stderr only"
            )
            if not self._write(back):
                self.lost += 1
                return
            _to_stderr(back)
            self.lost = 0
        if not self._write(record):
            if not self.lost:
                _to_stderr(
                    _record(f"LOG_FILE {self.shown} cannot be written ({self._reason}): records go to "
                            "stderr only until it can")
                )  # fmt: skip
            self.lost += 1

    def _write(self, record: logging.LogRecord) -> bool:
        self._failed, self._reason = False, ""
        super().emit(record)  # opens the file again if a failure closed it
        return not self._failed

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            self._refused(error)
        else:
            super().handleError(record)

    def flush(self) -> None:  # emit() flushes each record; close() flushes too
        try:
            super().flush()
        except OSError as error:
            self._refused(error)

    def _refused(self, error: OSError) -> None:
        """Close the file (what it could not take is lost) so the next record opens it anew."""
        self._failed, self._reason = True, error.strerror or str(error)
        stream, self.stream = self.stream, None
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord(__name__, logging.WARNING, __file__, 0, message, None, None)


def _to_stderr(record: logging.LogRecord) -> None:
    for handler in logging.getLogger().handlers:
        if not isinstance(handler, logging.FileHandler):
            handler.handle(record)


def log_file_problem(path: Path) -> str | None:
    """Why LOG_FILE could not be written (checked without changing anything), or None."""
    if path.exists():
        if path.is_dir() or not os.access(path, os.W_OK):
            return f"LOG_FILE {path} is a folder or read-only: point it at a file this user can write"
        return _opening_problem(path)
    if not path.parent.is_dir():
        blocker = folder_blocker(path.parent)
    elif not os.access(path.parent, os.W_OK):
        blocker = f"{path.parent} is read-only for this user"
    else:
        blocker = None if takes_new_files(path.parent) else f"{path.parent} takes no new file"
    return f"LOG_FILE {path} cannot be created: {blocker}" if blocker else None


def _opening_problem(path: Path) -> str | None:
    """Open an existing LOG_FILE as the log does (append, then seek to the end) and write nothing:
    root's access() says yes to /proc too."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK)  # never waits on a FIFO
        try:
            if not stat.S_ISFIFO(os.fstat(handle).st_mode):
                os.lseek(handle, 0, os.SEEK_END)
        finally:
            os.close(handle)
    except OSError as error:
        return f"LOG_FILE {path} cannot be opened ({error.strerror}): point it at a file this user can write"
    return None


def configure_logging(settings: Settings) -> None:
    """Replace whatever handlers the root logger has with ours (safe to call again). A LOG_FILE
    that cannot be written is a ConfigError naming it."""
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if settings.log_file is not None:
        if problem := log_file_problem(settings.log_file):
            raise ConfigError(problem)
        settings.log_file.parent.mkdir(parents=True, exist_ok=True)
        try:
            handlers.append(LogFile(settings.log_file))
        except OSError as error:  # what no check foresaw
            raise ConfigError(f"LOG_FILE {settings.log_file} cannot be opened ({error.strerror})") from error
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
    record = logging.LogRecord("bot.ops.cli", logging.CRITICAL, __file__, 0, reason, None, None)
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            handler.handle(record)
