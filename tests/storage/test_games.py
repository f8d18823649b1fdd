"""The game store: events and state together, stale writes refused, replay equals state."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.domain.accords import Clause, GameState, Phase, evolve, new_game, replay
from bot.domain.accords import commands as c
from bot.domain.accords import events as e
from bot.services.accords import AccordService
from bot.storage import SqliteDatabase
from bot.storage import game_codec as codec
from bot.storage import games as store
from tests.support.postgres import OpenDb

GUILD, CHANNEL, HOST, KOR, HECTAVIOUS = 100, 200, 1, 2, 3
POWERS = ("Klingon Empire", "Romulan Star Empire")


@pytest.fixture
async def service(open_db: OpenDb):  # type: ignore[no-untyped-def]
    db = await open_db()
    yield AccordService(db)
    await db.close()


async def ready_to_sign(service: AccordService) -> int:
    game = await service.convene(GUILD, CHANNEL, HOST, "Nimbus III", POWERS)
    await service.act(GUILD, game.game_id, c.Join("Klingon Empire"), KOR)
    await service.act(GUILD, game.game_id, c.Join("Romulan Star Empire"), HECTAVIOUS)
    await service.act(GUILD, game.game_id, c.Start(), HOST)
    await service.act(GUILD, game.game_id, c.Table(Clause.TRADE, "Cloaks for cruisers."), KOR)
    await service.act(GUILD, game.game_id, c.Support(1), HECTAVIOUS)
    await service.act(GUILD, game.game_id, c.CloseDraft(), HOST)
    return game.game_id


async def test_state_is_the_replay_of_its_events(service: AccordService) -> None:
    game_id = await ready_to_sign(service)
    stored = await store.get(service.db, GUILD, game_id)
    opening = new_game(game_id, GUILD, HOST, "Nimbus III", POWERS)
    assert replay(opening, await store.events(service.db, game_id)) == stored
    assert stored.phase is Phase.RATIFICATION and stored.version == 6


class TrustingCache(store.GameCache):
    """Hands out the state it remembers whatever version is stored: how a decision could be made
    against a game another process has since moved on, which the write's version check refuses."""

    def get(self, game_id: int, guild_id: int, version: int) -> GameState | None:
        return self._states.get(game_id)


async def test_a_write_against_a_moved_version_is_refused_and_changes_nothing(service: AccordService) -> None:
    game = await service.convene(GUILD, CHANNEL, HOST, "Nimbus III", POWERS)
    here = AccordService(service.db)
    here._cache = remembered = TrustingCache()
    remembered.put(await store.get(service.db, GUILD, game.game_id))  # version 0, as seen here
    await AccordService(service.db).act(GUILD, game.game_id, c.Join("Klingon Empire"), KOR)  # elsewhere
    moved = await store.get(service.db, GUILD, game.game_id)
    assert moved.version == 1 and moved.seat_of(KOR) is not None  # its state moved with its version
    with pytest.raises(store.StaleGame, match="same moment"):  # decided on version 0: KOR's seat is free
        await here.act(GUILD, game.game_id, c.Join("Klingon Empire"), HECTAVIOUS)
    assert await store.get(service.db, GUILD, game.game_id) == moved
    assert await store.events(service.db, game.game_id) == [e.Joined(KOR, "Klingon Empire")]


async def test_signing_at_once_and_twice_gives_one_signature_each_and_one_ratification(
    service: AccordService,
) -> None:
    game_id = await ready_to_sign(service)
    results = await asyncio.gather(
        service.act(GUILD, game_id, c.Sign(), KOR),
        service.act(GUILD, game_id, c.Sign(), KOR),
        service.act(GUILD, game_id, c.Sign(), HECTAVIOUS),
        service.act(GUILD, game_id, c.Sign(), KOR),
        return_exceptions=True,
    )
    # applied one after the other: the repeat changes nothing, and a press after ratification is
    # told the conference is over
    late = [r for r in results if isinstance(r, Exception)]
    assert all("over" in str(r) for r in late)
    kinds = [ev.kind for r in results if not isinstance(r, Exception) for ev in r[1]]
    assert kinds.count("signed") == 2 and kinds.count("ratified") == 1
    stored = await store.get(service.db, GUILD, game_id)
    assert stored.phase is Phase.RATIFIED and stored.signed == {"Klingon Empire", "Romulan Star Empire"}
    logged = [ev.kind for ev in await store.events(service.db, game_id)]
    assert logged.count("signed") == 2 and logged.count("ratified") == 1


async def test_a_game_is_only_found_in_its_own_server(service: AccordService) -> None:
    game = await service.convene(GUILD, CHANNEL, HOST, "Nimbus III", POWERS)
    with pytest.raises(Exception, match="no such conference"):
        await store.get(service.db, GUILD + 1, game.game_id)


def test_state_round_trips_through_json() -> None:
    state = new_game(5, GUILD, HOST, "Khitomer", POWERS)
    state = evolve(state, e.Joined(KOR, "Klingon Empire"))
    terms = (("subject", "dilithium"), ("giver", "Klingon Empire"))
    state = evolve(state, e.Tabled(KOR, "Klingon Empire", Clause.TRADE, POWERS, "Ore.", terms))
    state = replace(state, signed=frozenset({"Klingon Empire"}))
    head = codec.load_head(codec.dump_head(state), ())
    articles = tuple(codec.load_article(codec.dump_article(a)) for a in state.articles)
    assert replace(head, articles=articles) == state
    for event in [
        e.Tabled(KOR, "Klingon Empire", Clause.TRADE, POWERS, "Ore.", terms),
        e.Ratified(0, POWERS),
    ]:
        assert codec.load_event(event.kind, event.actor, codec.dump_event(event)) == event


async def test_supporting_and_starting_at_once_count_once(service: AccordService) -> None:
    game = await service.convene(GUILD, CHANNEL, HOST, "Nimbus III", POWERS)
    await service.act(GUILD, game.game_id, c.Join("Klingon Empire"), KOR)
    await service.act(GUILD, game.game_id, c.Join("Romulan Star Empire"), HECTAVIOUS)
    starts = await asyncio.gather(
        *(service.act(GUILD, game.game_id, c.Start(), HOST) for _ in range(3)), return_exceptions=True
    )
    started = [r for r in starts if not isinstance(r, Exception) and r[1]]
    assert len(started) == 1 and all("negotiation" in str(r) for r in starts if isinstance(r, Exception))
    await service.act(GUILD, game.game_id, c.Table(Clause.TRADE, "Dilithium."), KOR)
    supports = await asyncio.gather(
        *(service.act(GUILD, game.game_id, c.Support(1), HECTAVIOUS) for _ in range(3))
    )
    assert sum(len(events) for _, events in supports) == 1
    logged = [ev.kind for ev in await store.events(service.db, game.game_id)]
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


async def test_a_process_never_acts_on_a_remembered_state_another_process_moved_on(
    service: AccordService,
) -> None:
    """Each service remembers the states it wrote; another one (another shard process) writing
    the same game makes that memory stale, and the stored version says so."""
    game_id = await ready_to_sign(service)
    other = AccordService(service.db)  # a second process on the same database
    await other.act(GUILD, game_id, c.Sign(), KOR)
    state, events = await service.act(GUILD, game_id, c.Sign(), HECTAVIOUS)
    assert [type(ev) for ev in events] == [e.Signed, e.Ratified]  # it saw the other's signature
    assert state == await store.get(service.db, GUILD, game_id)


async def test_an_action_writes_only_the_articles_it_touches(service: AccordService) -> None:
    game = await service.convene(GUILD, CHANNEL, HOST, "Nimbus III", POWERS)
    await service.act(GUILD, game.game_id, c.Join("Klingon Empire"), KOR)
    await service.act(GUILD, game.game_id, c.Join("Romulan Star Empire"), HECTAVIOUS)
    await service.act(GUILD, game.game_id, c.Start(), HOST)
    for n in range(30):
        await service.act(GUILD, game.game_id, c.Table(Clause.TRADE, f"Cargo {n}."), KOR)
    written: list[str] = []
    await service.db.trace(written.append)
    try:
        await service.act(GUILD, game.game_id, c.Support(7), HECTAVIOUS)
    finally:
        await service.db.trace(None)
    touched = [sql for sql in written if "game_articles" in sql]
    assert len(touched) == 1 and ", 7, " in touched[0]  # article 7 alone, not all thirty
    assert not any(sql.startswith("SELECT") and "game_articles" in sql for sql in written)  # remembered
    stored = await store.get(service.db, GUILD, game.game_id)
    assert len(stored.articles) == 30 and stored.article(7).agreed


async def test_games_stored_before_articles_had_rows_of_their_own_still_load(tmp_path: Path) -> None:
    """Migration 0010 moves each article out of the game's JSON; events written with the
    first form of typed terms (subject, giver, receiver as fields) replay to the same state."""
    import sqlite3

    from bot.storage.migrations import MIGRATIONS_DIR, discover

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for migration in discover(MIGRATIONS_DIR):
        if migration.version < 10:
            conn.executescript(migration.sql)
    conn.execute("PRAGMA user_version = 9")
    article = {
        "number": 1, "author": "Klingon Empire", "clause": "technology transfer", "parties": list(POWERS),
        "text": "Cloaks.", "support": ["Klingon Empire"], "oppose": [], "versions": 1, "retracted": False,
        "subject": "cloaking devices", "giver": "Romulan Star Empire", "receiver": "Klingon Empire",
    }  # fmt: skip
    state = {
        "game_id": 1, "guild_id": GUILD, "host": HOST, "title": "Old", "powers": list(POWERS),
        "phase": "negotiation", "seats": [{"power": "Klingon Empire", "players": [KOR]}],
        "articles": [article], "signed": [], "refused": [], "paused": False, "version": 3,
        "scenario": "", "deadline": None, "remaining": None, "narrower": False,
    }  # fmt: skip
    conn.execute(
        "INSERT INTO games VALUES (1, ?, ?, 3, ?, '2293-01-01T00:00:00+00:00')",
        (GUILD, CHANNEL, json.dumps(state)),
    )
    tabled = {k: article[k] for k in ("author", "clause", "parties", "text", "subject", "giver", "receiver")}
    rows = [(1, "joined", {"power": "Klingon Empire"}), (2, "started", {}), (3, "tabled", tabled)]
    conn.executemany(
        "INSERT INTO game_events VALUES (1, ?, '2293-01-01T00:00:00+00:00', ?, ?, ?)",
        [(seq, KOR if kind != "started" else HOST, kind, json.dumps(data)) for seq, kind, data in rows],
    )
    conn.commit()
    conn.close()
    db = await SqliteDatabase.open(path)
    try:
        stored = await store.get(db, GUILD, 1)
        assert stored.article(1).terms == (
            ("subject", "cloaking devices"), ("giver", "Romulan Star Empire"), ("receiver", "Klingon Empire"),
        )  # fmt: skip
        opening = new_game(1, GUILD, HOST, "Old", POWERS)
        assert replay(opening, await store.events(db, 1)) == stored
    finally:
        await db.close()
