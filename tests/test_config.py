"""Settings: read once, on request, into a frozen object."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

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
    code = "import bot, bot.application.app, bot.ops.cli, cogs.meta; print('imported')"
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


class Recording(dict[str, str]):
    """An environment that remembers every variable asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.add(key)
        return super().get(key, default)


def test_env_example_and_the_readme_document_every_variable_read() -> None:
    environment = Recording()
    load_settings(environment)
    assert len(environment.asked) >= 9
    documented = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert documented == environment.asked
    readme_rows = re.findall(r"^\| `([A-Z_]+)` \|", (ROOT / "README.md").read_text(), re.M)
    assert set(readme_rows) >= environment.asked


@pytest.mark.parametrize(
    ("count", "ids", "expected"),
    [
        (None, None, (None, None)),
        ("4", None, (4, (0, 1, 2, 3))),
        ("4", "3, 1", (4, (1, 3))),
        ("1", "0", (1, (0,))),
    ],
)
def test_shards_are_read(count: str | None, ids: str | None, expected: tuple[object, object]) -> None:
    raw = {k: v for k, v in {"SHARD_COUNT": count, "SHARD_IDS": ids}.items() if v is not None}
    settings = load_settings(raw)
    assert (settings.shard_count, settings.shard_ids) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"SHARD_IDS": "0"}, "SHARD_IDS needs SHARD_COUNT"),
        ({"SHARD_COUNT": "0"}, "SHARD_COUNT must be a whole number of shards, 1 or more, not '0'"),
        ({"SHARD_COUNT": "two"}, "SHARD_COUNT must be"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "0,2"}, "SHARD_IDS must be below SHARD_COUNT (2)"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "1,1"}, "SHARD_IDS lists a shard twice"),
        ({"SHARD_COUNT": "2", "SHARD_IDS": "first"}, "SHARD_IDS must be a comma list"),
        ({"CONNECT_TIMEOUT": "0"}, "CONNECT_TIMEOUT must be a number of seconds from 1 to 3600"),
        ({"CONNECT_TIMEOUT": "soon"}, "CONNECT_TIMEOUT must be"),
    ],
)
def test_bad_shard_and_timeout_settings_name_the_variable(raw: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(raw)
    assert message in str(caught.value)


def test_log_file_and_connect_timeout_are_read(tmp_path: Path) -> None:
    settings = load_settings({"LOG_FILE": str(tmp_path / "k.log"), "CONNECT_TIMEOUT": "90"})
    assert (settings.log_file, settings.connect_timeout) == (tmp_path / "k.log", 90.0)
    assert load_settings({}).log_file is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        (
            "postgresql://khitomer:hunter2@db.example:99999/khitomer",
            "the port must be a number from 1 to 65535",
        ),
        (
            "postgresql://khitomer:hunter2@db.example:abc/khitomer",
            "the port must be a number from 1 to 65535",
        ),
        ("postgresql://khitomer:hunter2@db.example:5432:5/khitomer", "the port must be a number"),
        ("postgresql://khitomer:hunter2/x@db.example/khitomer", "the port must be a number"),
        ("postgresql://khitomer:hunter@2@db.example/khitomer", "must be written %40"),
        ("postgresql://[::1/x", "an IPv6 address in [ ] is not closed"),
        ("postgresql://khitomer:hunter2@[::1/khitomer", "an IPv6 address in [ ] is not closed"),
        ("postgresql://khitomer:hunter2@db.example,/khitomer", "a host in the list is empty"),
        ("postgresql://khitomer:hunter2@db.example/khitomer?sslmode", "after ? come name=value pairs"),
    ],
)
def test_a_malformed_database_url_is_a_bad_setting_that_never_shows_the_password(
    url: str, reason: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"DATABASE_URL": url})
    message = str(caught.value)
    assert message.startswith("DATABASE_URL is not a PostgreSQL URL that can be used: ")
    assert reason in message
    assert "hunter2" not in message


@pytest.mark.parametrize(
    ("url", "where"),
    [
        ("postgresql://khitomer:hunter2@db.example/khitomer", "postgresql://db.example/khitomer"),
        ("postgres://khitomer:hunter2@[::1]:6543/k?sslmode=require", "postgresql://[::1]:6543/k"),
        ("postgresql://k:hunter2@db1:5432,db2:5433/khitomer", "postgresql://db1:5432,db2:5433/khitomer"),
        ("postgresql:///khitomer?host=/run/postgresql", "postgresql://localhost/khitomer"),
        ("postgresql://k:p%40ss@db.example/khitomer", "postgresql://db.example/khitomer"),
    ],
)
def test_a_usable_database_url_is_kept_and_described_without_its_password(url: str, where: str) -> None:
    from bot.storage.postgres import describe

    assert load_settings({"DATABASE_URL": url}).database_url == url
    assert describe(url) == where


@pytest.mark.parametrize("name", ["DATABASE_PATH", "LOG_FILE"])
@pytest.mark.parametrize("path", ["x" * 300 + ".db", "/srv/" + "y" * 256 + "/k.db", "/" + "z/" * 2100])
def test_a_path_longer_than_a_file_system_takes_names_the_variable(name: str, path: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({name: path})
    message = str(caught.value)
    assert message.startswith(f"{name} is too long for a file system:") and len(message) < 200


@pytest.mark.parametrize("name", ["DATABASE_PATH", "LOG_FILE"])
def test_a_path_under_an_unknown_users_home_names_the_variable(name: str) -> None:
    with pytest.raises(
        ConfigError, match=f"^{name} starts with a ~ whose home folder this machine does not know"
    ):
        load_settings({name: "~no-such-user-here/k.db"})
