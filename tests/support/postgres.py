"""A throwaway PostgreSQL server for the suite, from the machine's own Debian PostgreSQL.

`KHITOMER_TEST_BACKEND=postgres` runs the suite on PostgreSQL. With `KHITOMER_TEST_DATABASE_URL`
the tests use that server; without it, one is started here for the session: `initdb` into a
temporary folder (as the `postgres` user through `runuser` when we are root, since initdb
refuses root), listening on 127.0.0.1 and a free port, fsync off, and removed at the end.
Every test gets a schema of its own, named in its URL's search_path, dropped afterwards.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import asyncpg

from bot.storage import Database

T = TypeVar("T")
BACKEND = os.environ.get("KHITOMER_TEST_BACKEND", "sqlite").strip().lower() or "sqlite"
_schemas = itertools.count(1)


def postgres_wanted() -> bool:
    if BACKEND not in ("sqlite", "postgres"):
        raise RuntimeError(f"KHITOMER_TEST_BACKEND must be sqlite or postgres, not {BACKEND!r}")
    return BACKEND == "postgres"


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run `coro` to the end on a loop of its own (callable from sync fixtures and inside a loop)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _bindir() -> Path:
    found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
    if found.returncode != 0:
        raise RuntimeError(
            "pg_config is missing: install Debian's postgresql package, or set KHITOMER_TEST_DATABASE_URL"
        )
    return Path(found.stdout.strip())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a PostgreSQL server for this process; yield the URL of its database khitomer."""
    bindir = _bindir()
    folder = Path(tempfile.mkdtemp(prefix="khitomer-pg-"))
    data, sockets = folder / "data", folder / "run"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    subprocess.run(
        _as_postgres([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                      "--locale=C", "--no-sync"]),
        check=True, capture_output=True,
    )  # fmt: skip
    server = subprocess.Popen(
        _as_postgres([str(bindir / "postgres"), "-D", str(data), "-p", str(port), "-h", "127.0.0.1",
                      "-k", str(sockets), "-F", "-c", "max_connections=200", "-c", "full_page_writes=off",
                      "-c", "synchronous_commit=off"]),
        stdout=subprocess.DEVNULL, stderr=(folder / "server.log").open("wb"),
    )  # fmt: skip
    admin = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    try:
        _wait_until_up(admin, server, folder)
        run_sync(_execute(admin, "CREATE DATABASE khitomer"))
        yield f"postgresql://postgres@127.0.0.1:{port}/khitomer"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(folder, ignore_errors=True)


def _wait_until_up(url: str, server: subprocess.Popen[bytes], folder: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            run_sync(_execute(url, "SELECT 1"))
            return
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
            if server.poll() is not None or time.monotonic() > deadline:
                log = (folder / "server.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the throwaway PostgreSQL did not start:\n{log}") from None
            time.sleep(0.1)


async def _execute(url: str, sql: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def new_schema(server: str) -> tuple[str, str]:
    """A fresh, empty schema: (its name, the URL whose search_path is that schema)."""
    name = f"test_{os.getpid()}_{next(_schemas)}"
    run_sync(_execute(server, f"CREATE SCHEMA {name}"))
    return name, f"{server}?search_path={name}"


def drop_schema(server: str, name: str) -> None:
    run_sync(_execute(server, f"DROP SCHEMA IF EXISTS {name} CASCADE"))


OpenDb = Callable[[], Awaitable[Database]]  # the `open_db` fixture: the test's database, on its backend


async def refuse_inserts(db: Database, table: str) -> None:
    """Make the database refuse every insert into `table`, as a full disk would."""
    if db.dialect.postgres:
        sql = (
            "CREATE FUNCTION no_room() RETURNS trigger LANGUAGE plpgsql AS"
            " $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;"
            f" CREATE TRIGGER no_room BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION no_room()"
        )
    else:
        sql = f"CREATE TRIGGER no_room BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    await db.write_now(lambda conn: conn.execute(sql))


async def allow_inserts(db: Database, table: str) -> None:
    drop = (
        f"DROP TRIGGER no_room ON {table}; DROP FUNCTION no_room()"
        if db.dialect.postgres
        else "DROP TRIGGER no_room"
    )
    await db.write_now(lambda conn: conn.execute(drop))
