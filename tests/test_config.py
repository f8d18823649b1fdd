"""Settings: read once, on request, into a frozen object."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import DEFAULT_DATABASE_PATH, ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_from_an_empty_environment() -> None:
    settings = load_settings({})
    assert settings == Settings()
    assert settings.token is None
    assert settings.database_path == DEFAULT_DATABASE_PATH
    assert settings.owner_ids == frozenset()
    assert settings.log_level == "INFO"


def test_every_variable_is_read() -> None:
    settings = load_settings(
        {
            "DISCORD_TOKEN": "  abc.def.ghi  ",
            "DATABASE_PATH": "/var/lib/khitomer/k.db",
            "DEV_GUILD_ID": "123456789012345678",
            "OWNER_IDS": "111111111111111111, 222222222222222222;",
            "LOG_LEVEL": "debug",
        }
    )
    assert settings.token == "abc.def.ghi"
    assert settings.database_path == Path("/var/lib/khitomer/k.db")
    assert settings.dev_guild_id == 123456789012345678
    assert settings.owner_ids == {111111111111111111, 222222222222222222}
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEV_GUILD_ID", "my-server"),
        ("DEV_GUILD_ID", "12"),
        ("OWNER_IDS", "1234567890123456,bob"),
        ("LOG_LEVEL", "loud"),
    ],
)
def test_bad_values_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        load_settings({name: value})


def test_settings_are_frozen_and_hide_the_token() -> None:
    settings = load_settings({"DISCORD_TOKEN": "super-secret-token"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.token = "other"  # type: ignore[misc]
    assert "super-secret-token" not in repr(settings)


def test_dotenv_is_loaded_and_the_real_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text("DATABASE_PATH=from-file.db\nLOG_LEVEL=WARNING\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOG_LEVEL", "ERROR")
    monkeypatch.delenv("DATABASE_PATH", raising=False)
    settings = load_settings()
    assert settings.database_path == Path("from-file.db")
    assert settings.log_level == "ERROR"


def test_importing_the_bot_reads_no_configuration(tmp_path: Path) -> None:
    """With a broken LOG_LEVEL, import still works: nothing is read until load_settings()."""
    env = {**os.environ, "LOG_LEVEL": "not-a-level", "DEV_GUILD_ID": "nope"}
    code = "import bot, bot.app, bot.cli, cogs.meta; print('imported')"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "imported"


def test_env_example_documents_every_variable() -> None:
    documented = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    read = {"DISCORD_TOKEN", "DATABASE_PATH", "DEV_GUILD_ID", "OWNER_IDS", "LOG_LEVEL"}
    assert documented == read
    source = (ROOT / "bot" / "config.py").read_text()
    assert all(f'"{name}"' in source for name in read)
