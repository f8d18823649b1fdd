"""Settings, read once from the environment (and `.env`) into a frozen object.

Nothing here runs at import time: call `load_settings()` where the process starts.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_PATH = Path("khitomer.db")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(ValueError):
    """A setting has a value we cannot use; the message names the variable."""


@dataclass(frozen=True, slots=True)
class Settings:
    # repr=False keeps the token out of logs and tracebacks that print settings.
    token: str | None = field(default=None, repr=False)
    database_path: Path = DEFAULT_DATABASE_PATH
    dev_guild_id: int | None = None
    owner_ids: frozenset[int] = frozenset()
    log_level: str = "INFO"

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
        database_path=Path(text("DATABASE_PATH") or DEFAULT_DATABASE_PATH).expanduser(),
        dev_guild_id=_snowflake("DEV_GUILD_ID", text("DEV_GUILD_ID")),
        owner_ids=frozenset(_snowflake_list("OWNER_IDS", text("OWNER_IDS"))),
        log_level=_log_level(text("LOG_LEVEL") or "INFO"),
    )


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
