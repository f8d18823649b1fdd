"""Delegation seats in storage: the head says which seats the bot holds, heads written before
delegations existed still load, and a delegation's action is stored and replayed like any."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.domain.accords import Clause, Seat, new_game, replay
from bot.domain.accords import commands as c
from bot.domain.accords import events as e
from bot.domain.accords.machine import CLOCK
from bot.domain.accords.seating import BOT
from bot.services.accords import AccordService
from bot.storage import game_codec as codec
from bot.storage import games as store
from tests.support.postgres import OpenDb

GUILD, CHANNEL, HOST, KOR = 100, 200, 1, 2
POWERS = ("Klingon Empire", "Romulan Star Empire")


@pytest.fixture
async def service(open_db: OpenDb):  # type: ignore[no-untyped-def]
    db = await open_db()
    yield AccordService(db)
    await db.close()


def test_a_delegation_seat_round_trips_and_old_heads_load_without_one() -> None:
    held = Seat("Romulan Star Empire", (), delegation=True)
    seated = replace(new_game(1, GUILD, HOST, "Nimbus III", POWERS), seats=(held,))
    assert codec.load_head(codec.dump_head(seated), ()).seats == (held,)
    old = json.loads(codec.dump_head(seated))
    old["seats"] = [{"power": "Klingon Empire", "players": [KOR]}]  # as written before delegations
    assert codec.load_head(json.dumps(old), ()).seats == (Seat("Klingon Empire", (KOR,)),)
    event = e.Delegated(HOST, "Klingon Empire", (KOR,), when=5.0)
    assert codec.load_event(event.kind, event.actor, codec.dump_event(event)) == event


async def test_a_delegations_actions_are_stored_and_replay(service: AccordService) -> None:
    game = await service.convene(GUILD, CHANNEL, HOST, "Nimbus III", POWERS)
    await service.act(GUILD, game.game_id, c.Join("Klingon Empire"), KOR)
    await service.act(GUILD, game.game_id, c.Delegate("Romulan Star Empire"), HOST)
    await service.act(GUILD, game.game_id, c.Start(), HOST)
    state, _ = await service.act(GUILD, game.game_id, c.Table(Clause.TRADE, "Dilithium."), KOR)
    move = c.AsDelegation("Romulan Star Empire", c.Support(1), state.version)
    state, events = await service.act(GUILD, game.game_id, move, CLOCK, at=10.0)
    assert [(ev.kind, ev.actor) for ev in events] == [("supported", BOT)]
    stored = await service.game(GUILD, game.game_id)
    assert stored == state and stored.seats[-1] == Seat("Romulan Star Empire", (), delegation=True)
    logged = await store.events(service.db, game.game_id)
    opening = new_game(game.game_id, GUILD, HOST, "Nimbus III", POWERS, deadline=game.deadline)
    assert replay(opening, logged).seats == stored.seats
    assert logged[-1] == e.Supported(BOT, 1, "Romulan Star Empire", when=10.0)
