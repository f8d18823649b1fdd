"""Numbering a conference's title reads the titles of its family through the games_by_title
index: the titles taken in this server, never every game of it (issue #23)."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.domain.accords import titles
from bot.services.accords import AccordService
from bot.storage import game_lists
from tests.support.postgres import OpenDb

GUILD, OTHER, HOST = 100, 101, 1
POWERS = ("Klingon Empire", "Romulan Star Empire")


@pytest.fixture
async def service(open_db: OpenDb):  # type: ignore[no-untyped-def]
    db = await open_db()
    yield AccordService(db)
    await db.close()


async def convened(service: AccordService, *named: tuple[int, str]) -> None:
    for channel, (guild, title) in enumerate(named, start=200):
        await service.convene(guild, channel, HOST, title, POWERS)


CHANNELS = itertools.count(1000)


async def numbered(service: AccordService, guild: int, title: str) -> str:
    """The title a conference convened now, in a channel of its own, is given."""
    return (await service.convene(guild, next(CHANNELS), HOST, title, POWERS)).title


async def test_the_family_is_the_title_and_its_numbered_forms_in_this_server(service: AccordService) -> None:
    await convened(
        service,
        (GUILD, "Khitomer, 2293"),
        (GUILD, "Khitomer, 2293 (2)"),
        (GUILD, "Khitomer, 2293 (10)"),
        (GUILD, "Khitomer, 2293 rematch"),
        (GUILD, "Khitomer"),
        (GUILD, "Khitomer, 2293 (2) (2)"),
        (OTHER, "Khitomer, 2293 (11)"),
    )
    base, low, high = titles.family("Khitomer, 2293 (2)")
    found = await game_lists.titles_in_family(service.db, GUILD, base, low, high)
    assert sorted(found) == [
        "Khitomer, 2293",
        "Khitomer, 2293 (10)",
        "Khitomer, 2293 (2)",
        "Khitomer, 2293 (2) (2)",
    ]
    assert await numbered(service, GUILD, "Khitomer, 2293") == "Khitomer, 2293 (11)"
    assert await numbered(service, GUILD, "Khitomer,   2293 (2)") == "Khitomer, 2293 (12)"
    assert await numbered(service, GUILD, "Khitomer, 2293 rematch") == "Khitomer, 2293 rematch (2)"
    assert await numbered(service, GUILD, "Praxis") == "Praxis"
    assert await numbered(service, OTHER, "Khitomer, 2293") == "Khitomer, 2293"


async def test_the_titles_are_read_through_their_index(service: AccordService) -> None:
    await convened(service, *((GUILD, f"Talks {n}") for n in range(20)))
    statements: list[str] = []
    await service.db.trace(statements.append)
    try:
        await numbered(service, GUILD, "Talks 3")
    finally:
        await service.db.trace(None)
    (read,) = [s for s in statements if "AS title FROM games" in s and "UNION" in s]
    if service.db.dialect.postgres:
        explain = f"EXPLAIN (FORMAT TEXT) {read}"  # planned with scans priced out: can it use the index?
        rows = await service.db.read_now(lambda conn: _plan_without_scans(conn, explain))
    else:
        rows = [tuple(r) for r in await service.db.fetch_all(f"EXPLAIN QUERY PLAN {read}")]
    plan = " | ".join(str(r) for r in rows)
    assert "games_by_title" in plan, plan
    if not service.db.dialect.postgres:  # a key and a range of it, not the server's whole part
        assert "games_by_title (guild_id=? AND <expr>=?)" in plan, plan
        assert "games_by_title (guild_id=? AND <expr>>? AND <expr><?)" in plan, plan


async def _plan_without_scans(conn, explain: str) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    await conn.execute("SET LOCAL enable_seqscan = off")
    return [tuple(r) for r in await conn.fetch_all(explain)]


async def test_two_conferences_convened_at_once_never_share_a_title(service: AccordService) -> None:
    """The titles are read and the new one written in one transaction under the server's lock."""
    made = await asyncio.gather(*(service.convene(GUILD, 300 + n, HOST, "Talks", POWERS) for n in range(4)))
    assert sorted(state.title for state in made) == ["Talks", "Talks (2)", "Talks (3)", "Talks (4)"]
