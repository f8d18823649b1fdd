"""When each player last acted is stored with the game (defect 8 of issue #22): the head keeps it,
the events replay to it, and a replacement is decided on it, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from bot.domain.accords import Clause, Phase, new_game, replay
from bot.domain.accords import commands as c
from bot.domain.accords import events as e
from bot.domain.accords.absence import Present
from bot.services.accords import AccordService
from bot.storage import games as store
from tests.support.postgres import OpenDb

GUILD, CHANNEL, HOST, KOR, HECTAVIOUS, CAROL = 100, 200, 1, 2, 3, 4
POWERS = ("Klingon Empire", "Romulan Star Empire")
T0, HOUR = 1_767_225_600.0, 3600.0
DURATIONS = {Phase.NEGOTIATION: 72 * HOUR}


@pytest.fixture
async def service(open_db: OpenDb):  # type: ignore[no-untyped-def]
    db = await open_db()
    yield AccordService(db)
    await db.close()


async def test_when_players_acted_is_stored_and_replays(service: AccordService) -> None:
    game = await service.convene(GUILD, CHANNEL, HOST, "Nimbus III", POWERS)
    g = game.game_id
    await service.act(GUILD, g, c.Join(POWERS[0]), KOR, at=T0)
    await service.act(GUILD, g, c.Join(POWERS[1]), HECTAVIOUS, at=T0 + 60)
    await service.act(GUILD, g, c.Start(T0 + HOUR, DURATIONS), HOST, at=T0 + HOUR)
    await service.act(GUILD, g, c.Table(Clause.TRADE, "Dilithium."), KOR, at=T0 + 2 * HOUR)

    fresh = AccordService(service.db)  # nothing remembered: read from the database
    stored = await fresh.game(GUILD, g)
    assert stored.acted == ((KOR, T0 + 2 * HOUR), (HECTAVIOUS, T0 + 60))
    assert replay(new_game(g, GUILD, HOST, "Nimbus III", POWERS), await store.events(service.db, g)) == stored

    with pytest.raises(Present):  # KOR tabled an hour ago
        await fresh.act(GUILD, g, c.Replace(KOR, CAROL, T0 + 3 * HOUR, DURATIONS), HOST, at=T0 + 3 * HOUR)
    late = T0 + 37 * HOUR  # HECTAVIOUS has been silent since T0 + 1m: past the 36 hours
    state, events = await fresh.act(GUILD, g, c.Replace(HECTAVIOUS, CAROL, late, DURATIONS), HOST, at=late)
    assert events == [e.Replaced(HOST, HECTAVIOUS, CAROL, idle=late - T0 - 60, when=late)]
    assert state.last_acted(CAROL) == late
    assert await store.events(service.db, g) == [*(await store.events(service.db, g))[:4], *events]
    assert await AccordService(service.db).game(GUILD, g) == state
