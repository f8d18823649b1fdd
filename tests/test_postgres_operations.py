"""Operating on PostgreSQL (issue #14 points 1 and 6): `khitomer check` reads a database's schema
version without writing, a newer schema is refused untouched at start, the password never shows,
and `khitomer backup` points to PostgreSQL's own tools. Run as the operator runs them."""

from __future__ import annotations

from pathlib import Path

import asyncpg
import pytest

from bot.storage import DatabaseTooNew, open_database
from bot.storage.migrations import POSTGRES_DIR, discover
from tests.support.processes import khitomer

LATEST = len(discover(POSTGRES_DIR))


@pytest.fixture
def url(database_url: str | None) -> str:
    if database_url is None:
        pytest.skip("needs PostgreSQL: the suite's PostgreSQL run (KHITOMER_TEST_BACKEND=postgres) runs it")
    return database_url


def with_password(url: str) -> str:
    """The same URL with a password in it (trust authentication ignores it), to see it never shows."""
    return url.replace("postgresql://postgres@", "postgresql://postgres:s3cret-word@")


def line(stdout: str, area: str) -> str:
    return next(text for text in stdout.splitlines() if text[5:].startswith(f"{area}:"))


async def tables(url: str) -> int:
    conn = await asyncpg.connect(url)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"))
    finally:
        await conn.close()


async def test_check_reads_the_schema_version_and_writes_nothing(url: str, tmp_path: Path) -> None:
    secret = with_password(url)
    done = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t", DATABASE_URL=secret)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"is at schema version 0 of {LATEST}; the next start applies {LATEST} migration(s)" in line(
        done.stdout, "database"
    )
    assert "s3cret" not in done.stdout + done.stderr
    assert await tables(url) == 0, "check creates nothing"
    await (await open_database(tmp_path / "unused.db", url)).close()  # a start migrates it
    done = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t", DATABASE_URL=secret)
    assert line(done.stdout, "database").endswith(f"is at schema version {LATEST}, up to date")
    assert not (tmp_path / "khitomer.db").exists(), "no SQLite file when DATABASE_URL is set"


async def test_a_newer_schema_is_refused_untouched(url: str, tmp_path: Path) -> None:
    await (await open_database(tmp_path / "unused.db", url)).close()
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f"UPDATE khitomer_schema SET version = {LATEST + 1}")
        await conn.execute("INSERT INTO guild_settings (guild_id, name, value) VALUES (1, 'x', 'y')")
        with pytest.raises(DatabaseTooNew, match="newer release"):
            await open_database(tmp_path / "unused.db", url)
        assert await conn.fetchval("SELECT version FROM khitomer_schema") == LATEST + 1
        assert await conn.fetchval("SELECT count(*) FROM guild_settings") == 1
    finally:
        await conn.close()
    done = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t", DATABASE_URL=url)
    assert done.returncode == 1 and "FAIL database" in done.stdout and "DATABASE_URL" in done.stdout


def test_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    done = khitomer("check", cwd=tmp_path, DISCORD_TOKEN="t", DATABASE_URL="postgresql://k:pw@127.0.0.1:1/k")
    assert done.returncode == 1
    assert line(done.stdout, "database").startswith(
        "FAIL database: cannot connect to postgresql://127.0.0.1:1/k"
    )
    assert "pw" not in done.stdout.replace("postgresql://127.0.0.1:1/k", "")


def test_backup_points_to_postgresqls_own_tools(tmp_path: Path) -> None:
    done = khitomer("backup", "copy.db", cwd=tmp_path, DATABASE_URL="postgresql://k@127.0.0.1:1/k")
    assert done.returncode == 1 and "pg_dump" in done.stderr and not (tmp_path / "copy.db").exists()


def test_the_bot_stops_with_one_line_when_postgresql_is_unreachable(tmp_path: Path) -> None:
    done = khitomer(
        "run",
        cwd=tmp_path,
        DISCORD_TOKEN="t",
        DATABASE_URL="postgresql://k:pw@127.0.0.1:1/k",
        CONNECT_TIMEOUT="1",
    )  # retried for CONNECT_TIMEOUT seconds first (tests/test_startup_failures.py)
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .startswith("khitomer: could not reach PostgreSQL at postgresql://127.0.0.1:1/k in 1 s")
    )
    assert "Traceback" not in done.stderr and ":pw@" not in done.stderr
