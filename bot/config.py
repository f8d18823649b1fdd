"""Settings, read once from the environment (and `.env`) into a frozen object.

Nothing here runs at import time: call `load_settings()` where the process starts.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_DATABASE_PATH = Path("khitomer.db")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DEFAULT_CONNECT_TIMEOUT = 60.0
DEFAULT_SERVER_DATA_GRACE = 30 * 86_400.0  # a month: time to notice the bot is gone and add it back
GRACE_LIMITS = (3_600.0, 365 * 86_400.0)  # SERVER_DATA_GRACE from an hour to a year
POSTGRES_SCHEMES = ("postgresql://", "postgres://")  # what a DATABASE_URL may start with
ON_WORDS, OFF_WORDS = frozenset({"on", "true", "yes", "1"}), frozenset({"off", "false", "no", "0"})
NAME_MAX, PATH_MAX = 255, 4095  # bytes in a file name and in a path, on Linux's file systems


class ConfigError(ValueError):
    """A setting has a value we cannot use; the message names the variable."""


@dataclass(frozen=True, slots=True)
class Settings:
    # repr=False keeps the token out of logs and tracebacks that print settings.
    token: str | None = field(default=None, repr=False)
    database_path: Path = DEFAULT_DATABASE_PATH
    # postgresql://…: PostgreSQL instead of the SQLite file (several processes, one database).
    # repr=False: it may hold a password.
    database_url: str | None = field(default=None, repr=False)
    dev_guild_id: int | None = None
    owner_ids: frozenset[int] = frozenset()
    log_level: str = "INFO"
    log_file: Path | None = None
    # None: discord.py asks Discord how many shards to run, and runs them all here.
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    # How long start-up keeps retrying an unreachable Discord (or PostgreSQL) before giving up.
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    # SERVER_DATA_GRACE: how long a server's data is kept after it removes the bot, in seconds;
    # added back in that time, the bot finds everything as it was (bot/application/departures.py).
    server_data_grace: float = DEFAULT_SERVER_DATA_GRACE
    # MESSAGE_CONTENT=on: ask Discord for members' messages and their text (a privileged intent,
    # switched on in the Developer Portal first), which automatic citations need.
    message_content: bool = False

    @property
    def log_level_number(self) -> int:
        return logging.getLevelNamesMapping()[self.log_level]


def load_settings(environ: Mapping[str, str] | None = None, *, dotenv: bool = True) -> Settings:
    """Build Settings from `environ` (default: the process environment after loading `.env`)."""
    if environ is None:
        if dotenv:
            from dotenv import load_dotenv

            # The .env of the directory khitomer runs in (not of the installed package);
            # real environment variables win over the file.
            load_dotenv(Path.cwd() / ".env", override=False)
        environ = os.environ

    def text(name: str) -> str | None:
        value = environ.get(name, "").strip()
        return value or None

    return Settings(
        token=text("DISCORD_TOKEN"),
        database_path=_path("DATABASE_PATH", text("DATABASE_PATH")) or DEFAULT_DATABASE_PATH,
        database_url=_database_url(text("DATABASE_URL")),
        dev_guild_id=_snowflake("DEV_GUILD_ID", text("DEV_GUILD_ID")),
        owner_ids=frozenset(_snowflake_list("OWNER_IDS", text("OWNER_IDS"))),
        log_level=_log_level(text("LOG_LEVEL") or "INFO"),
        log_file=_path("LOG_FILE", text("LOG_FILE")),
        **_shards(text("SHARD_COUNT"), text("SHARD_IDS")),
        connect_timeout=_seconds("CONNECT_TIMEOUT", text("CONNECT_TIMEOUT"), DEFAULT_CONNECT_TIMEOUT),
        server_data_grace=_grace("SERVER_DATA_GRACE", text("SERVER_DATA_GRACE")),
        message_content=_switch("MESSAGE_CONTENT", text("MESSAGE_CONTENT")),
    )


def _shards(count: str | None, ids: str | None) -> dict[str, Any]:
    if count is None:
        if ids is not None:
            raise ConfigError("SHARD_IDS needs SHARD_COUNT: the total number of shards across all processes")
        return {}
    if not (count.isascii() and count.isdigit()) or not 1 <= int(count) <= 100_000:
        raise ConfigError(f"SHARD_COUNT must be a whole number of shards, 1 or more, not {count!r}")
    total = int(count)
    if ids is None:
        return {"shard_count": total, "shard_ids": tuple(range(total))}
    parts = [part.strip() for part in ids.split(",") if part.strip()]
    if not parts or not all(part.isascii() and part.isdigit() for part in parts):
        raise ConfigError(f"SHARD_IDS must be a comma list of shard numbers such as 0,1, not {ids!r}")
    chosen = tuple(int(part) for part in parts)
    if any(shard >= total for shard in chosen):
        raise ConfigError(f"SHARD_IDS must be below SHARD_COUNT ({total}): shards count from 0, not {ids!r}")
    if len(set(chosen)) != len(chosen):
        raise ConfigError(f"SHARD_IDS lists a shard twice: {ids!r}")
    return {"shard_count": total, "shard_ids": tuple(sorted(chosen))}


def _database_url(value: str | None) -> str | None:
    if value is None:
        return None
    if not value.startswith(POSTGRES_SCHEMES):
        raise ConfigError(
            "DATABASE_URL must be a PostgreSQL URL such as postgresql://khitomer@localhost/khitomer "
            "(leave it unset to keep the SQLite file at DATABASE_PATH)"
        )
    from .storage.pg_address import BadAddress, hosts_and_database

    try:
        hosts_and_database(value)
    except BadAddress as error:  # its text quotes nothing of the URL: it may hold a password
        raise ConfigError(f"DATABASE_URL is not a PostgreSQL URL that can be used: {error}") from None
    return value


def _path(name: str, value: str | None) -> Path | None:
    if value is None:
        return None
    try:
        path = Path(value).expanduser()
    except RuntimeError:  # ~name of a user this machine does not know
        raise ConfigError(f"{name} starts with a ~ whose home folder this machine does not know") from None
    encoded = os.fsencode(path)
    if len(encoded) > PATH_MAX or any(len(part) > NAME_MAX for part in encoded.split(b"/")):
        raise ConfigError(
            f"{name} is too long for a file system: a file or folder name may have {NAME_MAX} bytes, "
            f"a whole path {PATH_MAX:,}"
        )
    return path


def _seconds(name: str, value: str | None, default: float) -> float:
    if value is None:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 1 <= seconds <= 3600:
        raise ConfigError(f"{name} must be a number of seconds from 1 to 3600, not {value!r}")
    return seconds


def _switch(name: str, value: str | None) -> bool:
    if value is None:
        return False
    word = value.casefold()
    if word not in ON_WORDS | OFF_WORDS:
        raise ConfigError(f"{name} must be on or off, not {value!r}")
    return word in ON_WORDS


def _grace(name: str, value: str | None) -> float:
    """`30d`, `12h`, `1d12h`, `90m` -> seconds, from an hour to a year."""
    if value is None:
        return DEFAULT_SERVER_DATA_GRACE
    compact = value.casefold().replace(" ", "")
    parts = re.findall(r"([0-9]{1,6})([dhm])", compact)
    seconds = sum(int(n) * {"d": 86_400, "h": 3_600, "m": 60}[unit] for n, unit in parts)
    low, high = GRACE_LIMITS
    if "".join(n + u for n, u in parts) != compact or not compact or not low <= seconds <= high:
        raise ConfigError(f"{name} must be a duration from 1h to 365d, such as 30d, 12h or 1d12h: {value!r}")
    return float(seconds)


def _snowflake(name: str, value: str | None) -> int | None:
    if value is None:
        return None
    if not (value.isascii() and value.isdigit()) or not 15 <= len(value) <= 20:
        raise ConfigError(f"{name} must be a Discord ID (15 to 20 digits), not {value!r}")
    return int(value)


def _snowflake_list(name: str, value: str | None) -> list[int]:
    if value is None:
        return []
    parts = [part.strip() for part in value.replace(";", ",").split(",")]
    return [snowflake for part in parts if part and (snowflake := _snowflake(name, part)) is not None]


def _log_level(value: str) -> str:
    level = value.upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {value!r}")
    return level
