"""A departure from the conference as stored: its event, the state that remembers it, and games
stored before departures existed (issue #23, part 2, point 4)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.domain.accords import Clause, Phase, new_game, replay
from bot.domain.accords import commands as c
from bot.domain.accords import events as e
from bot.services.accords import AccordService
from bot.storage import game_codec as codec
from bot.storage import games as store
from tests.support.postgres import OpenDb

GUILD, CHANNEL, HOST, KIRK, GORKON, ROMULAN = 100, 200, 1, 2, 3, 4
POWERS = ("United Federation of Planets", "Klingon Empire", "Romulan Star Empire")
UFP, KE, RSE = POWERS


def test_a_departure_and_the_state_that_remembers_it_round_trip() -> None:
    event = e.Departed(ROMULAN, RSE, "The Praetor recalls us. «Jolan tru»", when=5.0)
    assert json.loads(codec.dump_event(event)) == {
        "when": 5.0,
        "power": RSE,
        "reason": "The Praetor recalls us. «Jolan tru»",
    }
    assert codec.load_event("departed", ROMULAN, codec.dump_event(event)) == event
    state = replace(new_game(1, GUILD, HOST, "Khitomer", POWERS), departed=frozenset({RSE}))
    assert codec.load_head(codec.dump_head(state), ()) == state


def test_a_game_stored_before_departures_loads_with_nobody_departed() -> None:
    head = json.loads(codec.dump_head(new_game(1, GUILD, HOST, "Khitomer", POWERS)))
    del head["departed"]
    assert codec.load_head(json.dumps(head), ()).departed == frozenset()


@pytest.fixture
async def service(open_db: OpenDb):  # type: ignore[no-untyped-def]
    db = await open_db()
    yield AccordService(db)
    await db.close()


async def test_a_departure_is_stored_with_the_game_and_replays(service: AccordService) -> None:
    game = await service.convene(GUILD, CHANNEL, HOST, "Khitomer", POWERS)
    gid = game.game_id
    for who, power in ((KIRK, UFP), (GORKON, KE), (ROMULAN, RSE)):
        await service.act(GUILD, gid, c.Join(power), who)
    await service.act(GUILD, gid, c.Start(), HOST)
    await service.act(GUILD, gid, c.Table(Clause.MUTUAL_DEFENCE, "Allies.", (UFP, KE)), KIRK)
    await service.act(GUILD, gid, c.Support(1), GORKON)
    await service.act(GUILD, gid, c.CloseDraft(), HOST)
    _, events = await service.act(GUILD, gid, c.Depart("Recalled."), ROMULAN)
    assert [ev.kind for ev in events] == ["departed"]
    stored = await store.get(service.db, GUILD, gid)
    assert stored.departed == {RSE} and stored.phase is Phase.RATIFICATION
    logged = await store.events(service.db, gid)
    assert logged[-1] == e.Departed(ROMULAN, RSE, "Recalled.", when=logged[-1].when)
    assert replay(new_game(gid, GUILD, HOST, "Khitomer", POWERS), logged) == stored
