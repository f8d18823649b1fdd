"""An accord's record after ratification, as stored: typed events in the rows' kind/power/data
format (the one written before the events were typed, so old rows load), and one append that
stores the events with the history, status and reputation they bring."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import get_args

import asyncpg
import pytest

from bot.domain.accords.after_events import (
    AfterEvent,
    ComplaintDecided,
    ComplaintFiled,
    Reinstated,
    VoteCast,
    Withdrawn,
)
from bot.domain.accords.afterwards import Complaint, fold
from bot.domain.treaties import HistoryEvent
from bot.storage import Database, accord_reads, accords, reputation
from bot.storage import accord_event_codec as codec
from bot.storage import accord_events as store
from tests.storage.test_accords import GUILD, new_accord
from tests.support.postgres import OpenDb

PARTIES = ("Klingon Empire", "Romulan Star Empire")
KLINGON, ROMULAN = PARTIES
# One of each kind, and how it was stored before the events were typed.
EVERY_EVENT: list[tuple[AfterEvent, tuple[str, str, str]]] = [
    (
        Withdrawn(KLINGON, reason="The Council condemned us. «Qapla'»"),
        ("withdrawn", KLINGON, json.dumps({"reason": "The Council condemned us. «Qapla'»"})),
    ),
    (Reinstated(KLINGON), ("reinstated", KLINGON, "{}")),
    (
        ComplaintFiled(KLINGON, number=1, against=ROMULAN, text="Cloaked ships."),
        ("complaint", KLINGON, '{"number": 1, "against": "Romulan Star Empire", "text": "Cloaked ships."}'),
    ),
    (VoteCast(ROMULAN, number=1, uphold=False), ("vote", ROMULAN, '{"number": 1, "uphold": false}')),
    (
        ComplaintDecided(ROMULAN, number=1, upheld=True),
        ("decided", ROMULAN, '{"number": 1, "upheld": true}'),
    ),
]


def test_every_kind_of_event_is_covered_here() -> None:
    assert {type(event) for event, _ in EVERY_EVENT} == set(get_args(AfterEvent))


@pytest.mark.parametrize(("event", "row"), EVERY_EVENT, ids=lambda x: getattr(x, "kind", ""))
def test_an_event_is_written_as_before_and_read_back_whole(
    event: AfterEvent, row: tuple[str, str, str]
) -> None:
    assert codec.dump(event) == row
    assert codec.load(*codec.dump(event)) == event


def test_rows_of_the_first_format_load() -> None:
    """A complaint row without its text, a reinstatement with the column's default, a whole-number
    vote: what the first version wrote or could have written still reads."""
    assert codec.load("complaint", KLINGON, '{"number": 2, "against": "Romulan Star Empire"}') == (
        ComplaintFiled(KLINGON, number=2, against=ROMULAN, text="")
    )
    assert codec.load("reinstated", ROMULAN, "") == Reinstated(ROMULAN)
    assert codec.load("vote", ROMULAN, '{"number": "2", "uphold": 1}') == VoteCast(ROMULAN, 2, True)


def test_an_unknown_kind_is_named() -> None:
    with pytest.raises(ValueError, match="unknown kind of accord event: 'annexed'"):
        codec.load("annexed", KLINGON, "{}")


@pytest.fixture
async def db(open_db: OpenDb):  # type: ignore[no-untyped-def]
    database = await open_db()
    yield database
    await database.close()


async def _accord(db: Database) -> int:
    stored = await accords.ratify(db, new_accord())
    found = accords.accord_id_of(stored.key)
    assert found is not None
    return found


async def test_rows_stored_before_the_events_were_typed_load_as_events(db: Database) -> None:
    accord_id = await _accord(db)
    rows = [
        ("withdrawn", ROMULAN, '{"reason": "Cloaked ships."}'),
        ("complaint", KLINGON, '{"number": 1, "against": "Romulan Star Empire", "text": "Ships."}'),
        ("reinstated", ROMULAN, "{}"),
        ("vote", ROMULAN, '{"number": 1, "uphold": false}'),
        ("decided", ROMULAN, '{"number": 1, "upheld": false}'),
    ]
    async with db.transaction(guild=GUILD) as conn:
        await conn.executemany(
            "INSERT INTO accord_events (accord_id, seq, at, actor_id, kind, power, data)"
            " VALUES (?, ?, '2024-05-01T10:00:00+00:00', 7, ?, ?, ?)",
            [(accord_id, seq, *row) for seq, row in enumerate(rows, 1)],
        )
    past = await store.past(db, accord_id)
    assert past == [
        Withdrawn(ROMULAN, reason="Cloaked ships."),
        ComplaintFiled(KLINGON, number=1, against=ROMULAN, text="Ships."),
        Reinstated(ROMULAN),
        VoteCast(ROMULAN, number=1, uphold=False),
        ComplaintDecided(ROMULAN, number=1, upheld=False),
    ]
    record = fold(PARTIES, past)
    assert record.status() == "in force"
    assert record.complaints[1] == Complaint(1, KLINGON, ROMULAN, "Ships.", {ROMULAN: False}, False)


async def test_an_append_stores_its_events_history_status_and_reputation_together(db: Database) -> None:
    accord_id = await _accord(db)
    at = datetime(2024, 5, 1, 10, tzinfo=UTC)
    first = store.Change(
        events=(Withdrawn(ROMULAN, reason="Cloaked ships."),),
        actor=7,
        at=at,
        history=(HistoryEvent(None, "withdrawn", f"{ROMULAN} withdrew on 2024-05-01: Cloaked ships."),),
        status="suspended: Romulan Star Empire withdrew",
        reputation={7: -2},
    )
    async with db.transaction(guild=GUILD) as conn:
        assert await store.past(conn, accord_id) == []
        await store.append(conn, GUILD, accord_id, first, known=0)
    second = store.Change(
        events=(Reinstated(ROMULAN),), actor=7, at=at, history=(), status="in force", reputation={}
    )
    async with db.transaction(guild=GUILD) as conn:
        await store.append(conn, GUILD, accord_id, second, known=1)
    assert await store.past(db, accord_id) == [*first.events, *second.events]
    rows = await db.fetch_all(
        "SELECT seq, at, actor_id, kind, power, data FROM accord_events WHERE accord_id = ? ORDER BY seq",
        (accord_id,),
    )
    assert [tuple(r) for r in rows] == [
        (1, at.isoformat(), 7, "withdrawn", ROMULAN, '{"reason": "Cloaked ships."}'),
        (2, at.isoformat(), 7, "reinstated", ROMULAN, "{}"),
    ]
    treaty = await accord_reads.quoted(db, GUILD, accord_id, None)
    assert treaty is not None
    assert treaty.status == "in force"
    assert [(h.kind, h.text) for h in treaty.history][-1] == (
        "withdrawn",
        "Romulan Star Empire withdrew on 2024-05-01: Cloaked ships.",
    )
    assert await reputation.leaderboard(db, GUILD) == [(7, -2, 0)]


async def test_an_append_decided_on_a_stale_record_is_refused_whole(db: Database) -> None:
    """Two changes decided on the same record cannot both be stored: the second fails, and none
    of its history, status or reputation is kept."""
    accord_id = await _accord(db)
    at = datetime(2024, 5, 1, 10, tzinfo=UTC)
    withdrawal = store.Change((Withdrawn(ROMULAN, "r"),), 7, at, (), "suspended", {7: -2})
    async with db.transaction(guild=GUILD) as conn:
        await store.append(conn, GUILD, accord_id, withdrawal, known=0)
    late = store.Change((Withdrawn(KLINGON, "r"),), 8, at, (), "suspended twice", {8: -2})
    with pytest.raises((sqlite3.IntegrityError, asyncpg.UniqueViolationError)):
        async with db.transaction(guild=GUILD) as conn:
            await store.append(conn, GUILD, accord_id, late, known=0)
    assert await store.past(db, accord_id) == [Withdrawn(ROMULAN, "r")]
    treaty = await accord_reads.quoted(db, GUILD, accord_id, None)
    assert treaty is not None and treaty.status == "suspended"
    assert await reputation.leaderboard(db, GUILD) == [(7, -2, 0)]
