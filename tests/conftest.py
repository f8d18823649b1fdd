"""Shared fixtures: the real bot from create_bot(), run inside SimCord, every request checked."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import discord
import pytest
import simcord
from simcord.env import Env

from bot import create_bot
from bot.application.app import KhitomerBot
from bot.config import Settings
from bot.services.lore import LoreService
from bot.storage import open_database
from tests.support import postgres
from tests.support.contract import SPEC_PATH, ContractViolation, load_contract


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The bot shards automatically (discord.py asks Discord how many); SimCord answers one."""
    for item in items:
        if item.get_closest_marker("simcord") is None:
            item.add_marker(pytest.mark.simcord(shard_count=1))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str | None]:
    """The PostgreSQL server of a `KHITOMER_TEST_BACKEND=postgres` run (None on SQLite)."""
    if not postgres.postgres_wanted():
        yield None
    elif url := os.environ.get("KHITOMER_TEST_DATABASE_URL"):
        yield url
    else:
        with postgres.throwaway_server() as url:
            yield url


@pytest.fixture
def database_url(postgres_server: str | None) -> Iterator[str | None]:
    """A fresh PostgreSQL schema for this test, or None when the suite runs on SQLite."""
    if postgres_server is None:
        yield None
        return
    name, url = postgres.new_schema(postgres_server)
    yield url
    postgres.drop_schema(postgres_server, name)


@pytest.fixture
def open_db(tmp_path: Path, database_url: str | None) -> postgres.OpenDb:
    """Opens the test's database on the backend the suite runs on (the caller closes it)."""
    return lambda: open_database(tmp_path / "k.db", database_url)


@pytest.fixture
async def lore_service(open_db: postgres.OpenDb) -> AsyncIterator[LoreService]:
    """A started lore service on the test's database, stopped and closed when the test ends."""
    db = await open_db()
    lore = LoreService(db)
    await lore.start()
    yield lore
    await lore.stop()
    await db.close()


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    return Settings(token=None, database_path=tmp_path / "khitomer.db", database_url=database_url)


@pytest.fixture
async def make_bot(settings: Settings) -> AsyncIterator[Callable[[], KhitomerBot]]:
    """Build bots on the test's database; each is closed (storage too) when the test ends.

    SimCord detaches a bot without closing it, and an open aiosqlite connection keeps a
    worker thread alive, so the test closes what it built.
    """
    built: list[KhitomerBot] = []

    def make() -> KhitomerBot:
        built.append(create_bot(settings))
        return built[-1]

    yield make
    for bot in reversed(built):
        await bot.close()


@pytest.fixture
def simcord_bot(make_bot: Callable[[], KhitomerBot]) -> KhitomerBot:
    return make_bot()


@pytest.fixture
async def env(simcord_env: Env) -> Env:
    """A running bot whose commands were synced the way an operator would (`khitomer sync`)."""
    await simcord_env.bot.tree.sync()
    return simcord_env


@dataclass
class World:
    guild: simcord.GuildHandle
    channel: simcord.ChannelHandle
    moderator: simcord.MemberActor
    alice: simcord.MemberActor
    bob: simcord.MemberActor
    other_guild: simcord.GuildHandle
    other_channel: simcord.ChannelHandle
    stranger: simcord.MemberActor


@pytest.fixture
def world(env: Env) -> World:
    return build_world(env)


def build_world(env: Env) -> World:
    """A server with a moderator and two players, and a second server with a stranger."""
    guild = env.create_guild(name="Khitomer Conference")
    channel = guild.create_text_channel("conference-hall")
    mods = guild.create_role("Moderators", permissions=discord.Permissions(manage_guild=True))
    moderator = guild.add_member(env.create_user("worf"), roles=[mods])
    alice = guild.add_member(env.create_user("alice"))
    bob = guild.add_member(env.create_user("bob"))
    other = env.create_guild(name="Nimbus III")
    other_channel = other.create_text_channel("paradise-city")
    stranger = other.add_member(env.create_user("stranger"))
    return World(guild, channel, moderator, alice, bob, other, other_channel, stranger)


# --- the contract: every REST body SimCord records, in every test, against the spec ---------

_CHECKED: list[int] = [0]


@pytest.fixture(autouse=True)
def _discord_contract(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Validate every request of every SimCord Env a test starts, after the test ends."""
    started: list[Env] = []
    original_start = Env.start

    async def start(self: Env) -> None:
        started.append(self)
        await original_start(self)

    monkeypatch.setattr(Env, "start", start)
    yield
    contract = load_contract()
    if contract is None:
        return  # tests/test_contract.py skips, naming the missing file
    problems = []
    for env in started:
        for request in env.http_requests:
            try:
                contract.check(request.method, request.path, request.json)
                _CHECKED[0] += 1
            except ContractViolation as violation:
                problems.append(str(violation))
    if problems:
        pytest.fail("Requests that break Discord's API contract:\n" + "\n".join(problems), pytrace=False)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.domain.test_citation_corpus import REPORT as CITATIONS
    from tests.services.test_lore_answers import REPORT
    from tests.services.test_lore_search import RATES

    terminalreporter.write_line(f"backend: {postgres.BACKEND} (KHITOMER_TEST_BACKEND)")
    if RATES:
        terminalreporter.write_line(
            f"lore search: {RATES['questions']:.0f} questions ({RATES['paraphrased']:.0f} paraphrased):"
            f" first hit {RATES['first']:.0%}, first three {RATES['three']:.0%},"
            f" first page {RATES['page']:.0%}"
        )
    for table in REPORT:
        terminalreporter.write_line("lore answer lines, by type and half (tests/services/lore_answers.tsv):")
        for line in table.splitlines():
            terminalreporter.write_line("  " + line)
    for line in CITATIONS:
        terminalreporter.write_line(line)
    if _CHECKED[0]:
        terminalreporter.write_line(
            f"contract: {_CHECKED[0]} REST requests validated against {SPEC_PATH.name}"
        )


async def read_all_pages(actor: simcord.MemberActor, message: simcord.ResponseMessage) -> list[str]:
    """Click Next until it is disabled, reading each page's description as it is shown."""
    seen = [message.embeds[0].description or ""]

    def next_enabled(current: simcord.ResponseMessage) -> bool:
        return any(
            c.get("label") == "Next ▶" and not c.get("disabled")
            for row in current.components
            for c in row.get("components", [])
        )

    while next_enabled(message):
        result = await actor.click(message, label="Next ▶")
        assert result.response is not None
        message = result.response
        seen.append(message.embeds[0].description or "")
    return seen


def recent_text(channel: simcord.ChannelHandle, count: int = 3) -> str:
    """The last few messages of a channel, oldest first: an ending is announced after the
    action (or deadline) that caused it, so the cause is not always the very last message."""
    return "\n".join(m.content or "" for m in channel.history()[-count:])
