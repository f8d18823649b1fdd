"""The game store: events and state together, stale writes refused, replay equals state."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest

from bot.domain.accords import Event, Phase, evolve, new_game, replay
from bot.services.accords import AccordService
from bot.storage import Database
from bot.storage import games as store

GUILD, CHANNEL, HOST, KOR, HECTAVIOUS = 100, 200, 1, 2, 3
POWERS = ("Klingon Empire", "Romulan Star Empire")


@pytest.fixture
async def service(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = await Database.open(tmp_path / "k.db")
    yield AccordService(db)
    await db.close()


async def ready_to_sign(service: AccordService) -> int:
    game = await service.convene(GUILD, CHANNEL, HOST, "Nimbus III", POWERS)
    await service.act(GUILD, game.game_id, "join", KOR, power="Klingon Empire")
    await service.act(GUILD, game.game_id, "join", HECTAVIOUS, power="Romulan Star Empire")
    await service.act(GUILD, game.game_id, "start", HOST)
    await service.act(GUILD, game.game_id, "propose", KOR, clause="trade", text="Cloaks for cruisers.")
    await service.act(GUILD, game.game_id, "support", HECTAVIOUS, article=1)
    await service.act(GUILD, game.game_id, "ratify", HOST)
    return game.game_id


async def test_state_is_the_replay_of_its_events(service: AccordService) -> None:
    game_id = await ready_to_sign(service)
    stored = await store.get(service.db, GUILD, game_id)
    opening = new_game(game_id, GUILD, HOST, "Nimbus III", POWERS)
    assert replay(opening, await store.events(service.db, game_id)) == stored
    assert stored.phase is Phase.RATIFICATION and stored.version == 6


async def test_a_write_against_a_moved_version_is_refused_and_changes_nothing(service: AccordService) -> None:
    game = await service.convene(GUILD, CHANNEL, HOST, "Nimbus III", POWERS)
    async with service.db.transaction() as conn:  # another writer moved the game on meanwhile
        await conn.execute("UPDATE games SET version = version + 5 WHERE id = ?", (game.game_id,))
    with pytest.raises(store.StaleGame, match="same moment"):
        await service.act(GUILD, game.game_id, "join", KOR, power="Klingon Empire")
    assert await store.events(service.db, game.game_id) == []


async def test_signing_at_once_and_twice_gives_one_signature_each_and_one_ratification(
    service: AccordService,
) -> None:
    game_id = await ready_to_sign(service)
    results = await asyncio.gather(
        service.act(GUILD, game_id, "sign", KOR),
        service.act(GUILD, game_id, "sign", KOR),
        service.act(GUILD, game_id, "sign", HECTAVIOUS),
        service.act(GUILD, game_id, "sign", KOR),
        return_exceptions=True,
    )
    # applied one after the other: the repeat changes nothing, and a press after ratification is
    # told the conference is over
    late = [r for r in results if isinstance(r, Exception)]
    assert all("over" in str(r) for r in late)
    kinds = [e.kind for r in results if not isinstance(r, Exception) for e in r[1]]
    assert kinds.count("signed") == 2 and kinds.count("ratified") == 1
    stored = await store.get(service.db, GUILD, game_id)
    assert stored.phase is Phase.RATIFIED and stored.signed == {"Klingon Empire", "Romulan Star Empire"}
    logged = [e.kind for e in await store.events(service.db, game_id)]
    assert logged.count("signed") == 2 and logged.count("ratified") == 1


async def test_a_game_is_only_found_in_its_own_server(service: AccordService) -> None:
    game = await service.convene(GUILD, CHANNEL, HOST, "Nimbus III", POWERS)
    with pytest.raises(Exception, match="no such conference"):
        await store.get(service.db, GUILD + 1, game.game_id)


def test_state_round_trips_through_json() -> None:
    state = new_game(5, GUILD, HOST, "Khitomer", POWERS)
    state = evolve(state, Event("joined", KOR, {"power": "Klingon Empire"}))
    state = replace(state, signed=frozenset({"Klingon Empire"}))
    assert store.load(store.dump(state)) == state


async def test_supporting_and_starting_at_once_count_once(service: AccordService) -> None:
    game = await service.convene(GUILD, CHANNEL, HOST, "Nimbus III", POWERS)
    await service.act(GUILD, game.game_id, "join", KOR, power="Klingon Empire")
    await service.act(GUILD, game.game_id, "join", HECTAVIOUS, power="Romulan Star Empire")
    starts = await asyncio.gather(
        *(service.act(GUILD, game.game_id, "start", HOST) for _ in range(3)), return_exceptions=True
    )
    started = [r for r in starts if not isinstance(r, Exception) and r[1]]
    assert len(started) == 1 and all("negotiation" in str(r) for r in starts if isinstance(r, Exception))
    await service.act(GUILD, game.game_id, "propose", KOR, clause="trade", text="Dilithium.")
    supports = await asyncio.gather(
        *(service.act(GUILD, game.game_id, "support", HECTAVIOUS, article=1) for _ in range(3))
    )
    assert sum(len(events) for _, events in supports) == 1
    logged = [e.kind for e in await store.events(service.db, game.game_id)]
    assert logged.count("started") == 1 and logged.count("supported") == 1


async def test_two_convenes_at_the_same_moment_make_one_conference(service: AccordService) -> None:
    from bot.domain.errors import NotAllowed

    convene = service.convene(GUILD, 5, HOST, "Nimbus III", ("Klingon Empire", "Romulan Star Empire"))
    again = service.convene(GUILD, 5, KOR, "Khitomer", ("Klingon Empire", "Romulan Star Empire"))
    results = await asyncio.gather(convene, again, return_exceptions=True)
    made = [r for r in results if not isinstance(r, BaseException)]
    refused = [r for r in results if isinstance(r, NotAllowed)]
    assert len(made) == 1 and len(refused) == 1
    assert refused[0].message == "A conference is already running in this channel."
    rows = await service.db.fetch_all("SELECT id FROM games WHERE channel_id = 5")
    assert len(rows) == 1
