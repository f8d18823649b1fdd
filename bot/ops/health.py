"""What `khitomer check` and every start look at before Discord: the data and the database.

Nothing here writes: the database is opened read-only, so a health check can run beside a
live bot, and a file from a newer release stays as it was.
"""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..content import ContentError
from ..domain.shards import describe_shards
from ..storage import StorageError, migrations
from ..storage.database import BUSY_TIMEOUT_MS, check_is_sqlite, creation_problem, writable_problem
from ..storage.sqlite_files import disk_full_problem
from .logs import log_file_problem

MISSING_TOKEN_TEXT = (
    "DISCORD_TOKEN is not set: put the bot token in .env (see .env.example); the offline "
    "console (`khitomer console`) needs none."
)


@dataclass(frozen=True, slots=True)
class DataReport:
    lore: int
    treaties: int
    powers: int
    scenarios: int

    def summary(self) -> str:
        return (
            f"{self.lore} lore entries, {self.treaties} treaties, "
            f"{self.powers} powers, {self.scenarios} scenarios"
        )


def check_data() -> DataReport:
    """Load and validate every data file (each is loaded once per process); ContentError if not."""
    from ..content.lore import canon_lore
    from ..content.privacy import data_policy
    from ..content.scenarios import canon_powers, canon_scenarios
    from ..content.treaties import canon_treaties

    data_policy()  # the data statements: what is kept, and for how long (data/privacy.toml)
    return DataReport(len(canon_lore()), len(canon_treaties()), len(canon_powers()), len(canon_scenarios()))


@dataclass(frozen=True, slots=True)
class DatabaseReport:
    path: Path | str  # the SQLite file, or where the PostgreSQL database is (never its password)
    exists: bool
    version: int = 0
    latest: int = 0
    pending: list[str] = field(default_factory=list)
    problem: str | None = None

    def summary(self) -> str:
        if self.problem:
            return self.problem
        if not self.exists:
            return (
                f"{self.path} does not exist yet; the first start creates it at schema version {self.latest}"
            )
        if self.pending:
            return (
                f"{self.path} is at schema version {self.version} of {self.latest}; the next start applies "
                f"{len(self.pending)} migration(s): {', '.join(self.pending)}"
            )
        return f"{self.path} is at schema version {self.version}, up to date"


def inspect_database(path: Path) -> DatabaseReport:
    """Read the database at `path` without changing it: version, pending migrations, problems."""
    known = migrations.discover()
    latest = known[-1].version if known else 0
    if not path.exists():
        return DatabaseReport(path, False, latest=latest, problem=creation_problem(path))
    try:
        check_is_sqlite(path)
        version = _read_version(path)
        migrations.check_not_newer(version, known, path)
    except StorageError as error:
        return DatabaseReport(path, True, latest=latest, problem=str(error))
    pending = [m.name for m in known if m.version > version]
    return DatabaseReport(path, True, version, latest, pending, writable_problem(path))


def _read_version(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # reads the header and schema
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError) and (full := disk_full_problem(path)):
            raise StorageError(full) from error
        raise StorageError(f"{path} could not be read as a SQLite database: {error}") from error
    finally:
        conn.close()


def inspect_postgres(url: str) -> DatabaseReport:
    """Connect to the PostgreSQL database at `url` and read its schema version; write nothing."""
    from ..storage.postgres import describe

    where = describe(url)
    known = migrations.discover(migrations.POSTGRES_DIR)
    latest = known[-1].version if known else 0
    try:
        version = asyncio.run(_postgres_version(url))
        migrations.check_not_newer(version, known, where)
    except StorageError as error:
        return DatabaseReport(where, True, latest=latest, problem=str(error))
    except Exception as error:  # asyncpg's and the network's errors alike: one line, not a traceback
        return DatabaseReport(where, True, latest=latest, problem=f"cannot connect to {where}: {error}")
    pending = [m.name for m in known if m.version > version]
    return DatabaseReport(where, True, version, latest, pending)


async def _postgres_version(url: str) -> int:
    import asyncpg

    conn = await asyncpg.connect(url, timeout=10)
    try:
        return await migrations.postgres_version(conn)
    finally:
        await conn.close()


def findings(settings: Settings) -> list[tuple[bool, str, str]]:
    """What `khitomer check` reports: (ok, area, what was found), without writing anything."""
    shards = (
        "shards automatic"
        if settings.shard_count is None
        else describe_shards(settings.shard_ids or (), settings.shard_count)
    )
    if settings.database_url:
        from ..storage.postgres import describe

        where = describe(settings.database_url)
    else:
        where = str(settings.database_path)
    found = [
        (
            True,
            "settings",
            f"database {where}; {shards}; log level {settings.log_level}",
        ),
        (bool(settings.token), "token", "DISCORD_TOKEN is set" if settings.token else MISSING_TOKEN_TEXT),
    ]
    if settings.log_file is not None:
        try:
            problem = log_file_problem(settings.log_file)
        except OSError as error:
            problem = os_problem(error)
        found.append((problem is None, "log file", problem or f"{settings.log_file} can be written"))
    try:
        found.append((True, "data", check_data().summary()))
    except ContentError as error:
        found.append((False, "data", f"invalid: {error}"))
    try:
        database = (
            inspect_postgres(settings.database_url)
            if settings.database_url
            else inspect_database(settings.database_path)
        )
    except OSError as error:
        database = DatabaseReport(where, False, problem=os_problem(error))
    found.append((database.problem is None, "database", database.summary()))
    return found


def os_problem(error: OSError) -> str:
    """One line for an OSError no check foresaw (a folder this user may not look into, say)."""
    what = f"cannot use {error.filename}" if error.filename else "a file could not be used"
    return f"{what}: {error.strerror or error}"
