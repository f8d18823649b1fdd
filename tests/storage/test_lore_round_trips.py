"""A lore question, a typo repair and an autocomplete on PostgreSQL, counted in round trips
(issue #21, point 1): each costs ~0.3 ms on a 2-core machine, more than most of these statements
take on the server. Reads whose statements need no common snapshot (a server's names, the words
near a misspelling) run without a transaction: no BEGIN and COMMIT around one statement."""

from __future__ import annotations

import pytest

from bot.domain.lore import Kind
from bot.services.lore import LoreService
from bot.storage.lore import Draft
from bot.storage.postgres import POOL_SIZE
from tests.support import postgres, round_trips

pytestmark = pytest.mark.skipif(not postgres.postgres_wanted(), reason="PostgreSQL's round trips")

GUILD = 5
OTHER = 6


@pytest.fixture
async def lore(open_db: postgres.OpenDb):  # type: ignore[no-untyped-def]
    db = await open_db()
    service = LoreService(db)
    await service.start()
    for n, place in enumerate(["Kavarek", "Tolanven", "Mekdara", "Shazen", "Vorlan"] * 6):
        title = f"{place} Station {n}"
        await service.add(GUILD, 1, Draft(title, Kind.PLACE, f"A relay post of the {place} line.", "Quiet."))
    await service.add(OTHER, 1, Draft("Kavarek Deep", Kind.PLACE, "Another server's post.", "Hidden."))
    yield service
    await db.close()


async def asked_warm(lore: LoreService, monkeypatch: pytest.MonkeyPatch, ask):  # type: ignore[no-untyped-def]
    """What `ask` answers, and the round trips of its first asking that prepares nothing: a
    statement new to a connection costs a round trip to prepare, and which pooled connection a
    concurrent read lands on is the pool's choice, so warming takes as many askings as it takes."""
    for _ in range(4 * POOL_SIZE):
        with round_trips.counted(monkeypatch) as sent:
            answer = await ask()
        assert not [s for s in sent if s.startswith(("BEGIN", "COMMIT"))], sent
        if not [s for s in sent if s.startswith("prepare")]:
            return answer, sent
    raise AssertionError(f"still preparing after {4 * POOL_SIZE} askings: {sent}")


async def test_an_autocomplete_is_one_round_trip(lore: LoreService, monkeypatch: pytest.MonkeyPatch) -> None:
    named, sent = await asked_warm(lore, monkeypatch, lambda: lore.suggest(GUILD, "Ka"))
    titles = [n.title for n in named]
    assert {f"Kavarek Station {n}" for n in (0, 5, 10, 15, 20, 25)} <= set(titles)
    assert "Kavarek Deep" not in titles  # another server's
    assert len(sent) == 1, sent  # the names starting so (two letters: no near spellings read)


async def test_a_misspelt_autocomplete_reads_near_names_without_a_transaction(
    lore: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    named, sent = await asked_warm(lore, monkeypatch, lambda: lore.suggest(GUILD, "Kavrek Stat"))
    assert "Kavarek Station 0" in [n.title for n in named]
    assert "Kavarek Deep" not in [n.title for n in named]  # another server's
    assert len(sent) == 3, sent  # the prefix, the near names' keys, those names


async def test_a_question_is_three_round_trips(lore: LoreService, monkeypatch: pytest.MonkeyPatch) -> None:
    found, sent = await asked_warm(
        lore, monkeypatch, lambda: lore.search(GUILD, "which relay post of the tolanven line")
    )
    assert found.hits[0].entry.title.startswith("Tolanven Station")
    assert len(sent) == 3, sent  # the index, the names the question may hold, the entries


async def test_a_typo_question_repairs_in_one_round_trip(
    lore: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    found, sent = await asked_warm(
        lore, monkeypatch, lambda: lore.search(GUILD, "which post of the tolanvem line")
    )
    assert found.corrected == {"tolanvem": "tolanven"}
    assert found.hits[0].entry.title.startswith("Tolanven Station")
    # the index and the names at once, the words near "tolanvem", the index and the names of the
    # repaired question at once, the entries: six round trips, four waited for
    assert len(sent) == 6, sent


async def test_a_question_sends_the_same_statements_whatever_it_reads(
    lore: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However many entries, names or scopes it reads: a statement's text that changed with the
    count would be prepared anew on every pooled connection."""
    asked = ["which relay post of the tolanven line", "which relay post", "which post of the tolanvem line"]
    texts = []
    for question in asked:
        with round_trips.counted(monkeypatch) as sent:
            found = await lore.search(GUILD, question)
        assert found.hits
        ours = [s.removeprefix("prepare: ") for s in sent if "typeinfo" not in s and "'jit'" not in s]
        texts.append(set(ours))  # asyncpg learns a connection's array types once: not ours
    assert texts[0] == texts[1] <= texts[2], texts


async def test_near_names_are_read_by_the_same_statements_whatever_was_typed(
    lore: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Misspellings of one word and of two make a different number of keys to look up."""
    texts = []
    for typed, meant in (("Kavrek Stat", "Kavarek Station 0"), ("Tolanvn", "Tolanven Station 1")):
        with round_trips.counted(monkeypatch) as sent:
            named = await lore.suggest(GUILD, typed)
        assert meant in [n.title for n in named]
        texts.append({s.removeprefix("prepare: ") for s in sent if "typeinfo" not in s and "'jit'" not in s})
    assert texts[0] == texts[1], texts
