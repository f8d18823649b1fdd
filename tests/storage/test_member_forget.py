"""Forgetting a member finds them where no event of theirs names them (a seat given to them by the
host) and in messages still queued, and leaves the others' ids where they were."""

from __future__ import annotations

import json

import pytest

from bot.domain.accords.commands import Abandon, Join, Replace
from bot.domain.member_data import FORMER
from bot.services import member_data
from bot.services.accords import AccordService
from bot.storage import Database, outbox
from tests.support.postgres import OpenDb
from tests.support.stored_ids import columns_holding

GUILD, HOST, GONE, HANDED_OVER = 100, 1, 1456074443980800017, 1456074443980800018
POWERS = ("Klingon Empire", "Romulan Star Empire")


@pytest.fixture
async def db(open_db: OpenDb):  # type: ignore[no-untyped-def]
    opened = await open_db()
    yield opened
    await opened.close()


async def test_a_seat_given_to_the_member_and_a_queued_message_are_forgotten(db: Database) -> None:
    service = AccordService(db)
    game = await service.convene(GUILD, 200, HOST, "Talks", POWERS)
    await service.act(GUILD, game.game_id, Join("Klingon Empire"), HANDED_OVER)
    await service.act(GUILD, game.game_id, Replace(HANDED_OVER, GONE, consent=True), HOST)
    running = await member_data.running(db, GONE)
    assert [(r.title, r.power, r.lobby) for r in running] == [("Talks", "Klingon Empire", True)]
    with pytest.raises(member_data.StillSeated):
        await member_data.forget(db, GONE)
    await service.act(GUILD, game.game_id, Abandon(), HOST)
    async with db.transaction() as conn:
        await outbox.add(
            conn, GUILD, [outbox.text(300, f"<@{GONE}>, the seat is yours.", users=[GONE, HOST])], now=0
        )
    assert [h.conferences for h in await member_data.held(db, GONE)] == [1], "found by the seat given"
    others = await columns_holding(db, [HANDED_OVER, HOST])

    done = await member_data.forget(db, GONE)
    assert (done.conferences, done.minutes, done.queued_messages, done.servers) == (1, 1, 1, {GUILD})
    assert await columns_holding(db, [GONE]) == {}
    assert await columns_holding(db, [HANDED_OVER, HOST]) == others
    (body,) = [
        json.loads(r["body"]) for r in await db.fetch_all("SELECT body FROM outbox WHERE channel_id = 300")
    ]
    assert body == {"text": "a former member, the seat is yours.", "users": [HOST]}
    (data,) = [
        json.loads(r["data"])
        for r in await db.fetch_all("SELECT data FROM game_events WHERE kind = 'replaced'")
    ]
    assert (data["old"], data["new"]) == (HANDED_OVER, FORMER)
    state = await service.game(GUILD, game.game_id)
    assert [s.players for s in state.seats] == [()] and state.host == HOST
