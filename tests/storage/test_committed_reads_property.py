"""Property: interleave writers (some failing after they wrote), readers and the settings cache
however Hypothesis likes; every read shows a state the database committed, never older than the
last write that finished before the read began, and the cache ends equal to the database."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.services.guild_config import ConfigService
from bot.storage import SETTINGS_NOTICE, Conn, Database, open_database
from bot.storage import guild_settings as store
from tests.support import postgres

T = TypeVar("T")
State = dict[str, str]
NAMES = ("deadline.lobby", "deadline.negotiation", "reminder.lead")
UPSERT = (
    "INSERT INTO guild_settings (guild_id, name, scope, value) VALUES (?, ?, 0, ?)"
    " ON CONFLICT (guild_id, name, scope) DO UPDATE SET value = excluded.value"
)
SETTLED = "settled"  # a notice topic of this test: sent last, heard once every earlier one was
_guilds = itertools.count(1)


class Boom(Exception):
    """A writer failing after it wrote, before it committed."""


@dataclass
class Intent:
    """What the running writer's transaction does to the committed state, or that it fails."""

    change: Callable[[State], State]
    fail: bool
    index: int = -1  # its state's place in History.states, once about to commit


@dataclass
class History:
    states: list[State] = field(default_factory=lambda: [{}])  # in commit order
    done: int = 0  # the newest state whose writer has returned
    done_by_service: int = 0  # the same, counting only writes made through ConfigService


_INTENT: ContextVar[Intent | None] = ContextVar("intent", default=None)
_LAG: ContextVar[float] = ContextVar("lag", default=0.0)  # seconds a reader's rows come late


class Recorder:
    """The test's database. A writer's transaction, once its statements have run and while it
    still holds the write lock (so in commit order), is recorded as the state it is about to
    commit, or made to fail."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.dialect = db.dialect
        self.version = db.version
        self.where = db.where
        self.history = History()

    def _decide(self) -> None:
        intent = _INTENT.get()
        if intent is None:
            return
        if intent.fail:
            raise Boom
        self.history.states.append(intent.change(self.history.states[-1]))
        intent.index = len(self.history.states) - 1

    @asynccontextmanager
    async def transaction(self, *, guild: int | None = None) -> AsyncIterator[Conn]:
        async with self.db.transaction(guild=guild) as conn:
            yield conn
            self._decide()

    async def write_now(self, work: Callable[[Conn], Awaitable[T]], *, guild: int | None = None) -> T:
        async def recorded(conn: Conn) -> T:
            result = await work(conn)
            self._decide()
            return result

        return await self.db.write_now(recorded, guild=guild)

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        rows = await self.db.fetch_all(sql, params)
        await asyncio.sleep(_LAG.get())
        return rows

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = await self.db.fetch_one(sql, params)
        await asyncio.sleep(_LAG.get())
        return row

    async def read_now(self, work: Callable[[Conn], Awaitable[T]]) -> T:
        return await self.db.read_now(work)

    async def notify(self, conn: Conn, topic: str, guild_id: int, key: str = "") -> None:
        await self.db.notify(conn, topic, guild_id, key)

    def on_notice(self, topic: str, callback: Callable[[int | None, str | None], None]) -> None:
        self.db.on_notice(topic, callback)

    async def size_bytes(self) -> int:
        return await self.db.size_bytes()

    async def trace(self, callback: Callable[[str], None] | None) -> None:
        await self.db.trace(callback)

    async def close(self) -> None:
        await self.db.close()


@dataclass(frozen=True)
class Write:
    path: Literal["put", "clear", "transaction", "write_now"]
    name: str
    fail: bool
    pauses: int  # times the transaction path lets other coroutines run, between its statements
    delay: int  # times it lets them run before it starts


@dataclass(frozen=True)
class Read:
    how: Literal["fetch_one", "fetch_all", "read_now", "get"]
    name: str
    delay: int
    lag: int  # milliseconds others run after its rows were read, before they reach the reader


def writes() -> st.SearchStrategy[Write]:
    paths = st.sampled_from(("put", "clear", "transaction", "write_now"))
    return st.builds(
        Write, paths, st.sampled_from(NAMES), st.booleans(), st.integers(0, 3), st.integers(0, 8)
    )


def reads() -> st.SearchStrategy[Read]:
    hows = st.sampled_from(("fetch_one", "fetch_all", "read_now", "get"))
    return st.builds(Read, hows, st.sampled_from(NAMES), st.integers(0, 8), st.integers(0, 8))


async def pause(times: int) -> None:
    for _ in range(times):
        await asyncio.sleep(0)


@dataclass
class Rig:
    loop: asyncio.AbstractEventLoop
    db: Recorder
    service: ConfigService
    settled: set[int]


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[Rig]:
    schema, url = postgres.new_schema(postgres_server) if postgres_server else (None, None)
    loop = asyncio.new_event_loop()
    path: Path = tmp_path_factory.mktemp("reads") / "k.db"
    db = Recorder(loop.run_until_complete(open_database(path, url)))
    settled: set[int] = set()
    db.on_notice(SETTLED, lambda guild, _key: settled.add(guild or 0))
    yield Rig(loop, db, ConfigService(db), settled)
    loop.run_until_complete(db.close())
    loop.close()
    if postgres_server and schema:
        postgres.drop_schema(postgres_server, schema)


async def write(rig: Rig, guild: int, op: Write, value: str) -> None:
    db, history = rig.db, rig.db.history
    await pause(op.delay)
    if op.path == "clear":
        intent = Intent(lambda state: {k: v for k, v in state.items() if k != op.name}, op.fail)
    else:
        intent = Intent(lambda state: {**state, op.name: value}, op.fail)
    _INTENT.set(intent)  # this task's own: every op runs in a task of its own

    async def now(conn: Conn) -> None:
        await db.notify(conn, SETTINGS_NOTICE, guild)
        await conn.execute(UPSERT, (guild, op.name, value))

    try:
        if op.path == "put":
            await rig.service.put(guild, op.name, value)
        elif op.path == "clear":
            await rig.service.clear(guild, op.name)
        elif op.path == "write_now":
            await db.write_now(now, guild=guild)
        else:
            async with db.transaction(guild=guild) as conn:
                await db.notify(conn, SETTINGS_NOTICE, guild)
                await pause(op.pauses)
                await conn.execute(UPSERT, (guild, op.name, value))
                await pause(op.pauses)
    except Boom:
        assert op.fail
        return
    assert not op.fail
    history.done = max(history.done, intent.index)
    if op.path in ("put", "clear"):
        history.done_by_service = max(history.done_by_service, intent.index)


async def read(rig: Rig, guild: int, op: Read) -> None:
    db, history = rig.db, rig.db.history
    await pause(op.delay)
    _LAG.set(op.lag / 1000)
    # PostgreSQL tells this process of another connection's write by a notice that comes later;
    # ConfigService's own writes drop its copy at once on both backends.
    cache_lags = op.how == "get" and db.dialect.postgres
    low = history.done_by_service if cache_lags else history.done
    everything = "SELECT name, value FROM guild_settings WHERE guild_id = ?"
    if op.how == "fetch_one":
        row = await db.fetch_one(f"{everything} AND name = ?", (guild, op.name))
        seen = {op.name: row["value"]} if row else {}
    elif op.how == "fetch_all":
        seen = {row["name"]: row["value"] for row in await db.fetch_all(everything, (guild,))}
    elif op.how == "read_now":

        async def halves(conn: Conn) -> list[Any]:  # two statements, one snapshot
            below = await conn.fetch_all(f"{everything} AND name < ?", (guild, op.name))
            return below + await conn.fetch_all(f"{everything} AND name >= ?", (guild, op.name))

        seen = {row["name"]: row["value"] for row in await db.read_now(halves)}
    else:
        seen = {name: value for (name, _scope), value in (await rig.service.get(guild)).values.items()}
    window = history.states[low:]

    def shown(state: State) -> State:  # what this read would show of a committed state
        if op.how != "fetch_one":
            return state
        return {op.name: state[op.name]} if op.name in state else {}

    assert any(shown(state) == seen for state in window), (
        f"{op.how} saw {seen}; committed since the read began: {window}"
    )


async def scenario(rig: Rig, ops: list[Write | Read]) -> None:
    guild = next(_guilds)
    rig.db.history = History()
    tasks = [
        write(rig, guild, op, f"{guild}-{number}") if isinstance(op, Write) else read(rig, guild, op)
        for number, op in enumerate(ops)
    ]
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    async with rig.db.transaction() as conn:  # notices arrive in commit order: wait for this one
        await rig.db.notify(conn, SETTLED, guild)
    for _ in range(500):
        if guild in rig.settled:
            break
        await asyncio.sleep(0.01)
    stored = await store.load(rig.db.db, guild)
    assert {name: value for (name, _), value in stored.values.items()} == rig.db.history.states[-1]
    assert (await rig.service.get(guild)).values == stored.values, "the cache kept a value it should not"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(writes(), reads()), min_size=1, max_size=14))
def test_readers_and_caches_see_only_committed_states(rig: Rig, ops: list[Write | Read]) -> None:
    rig.loop.run_until_complete(scenario(rig, ops))
