"""Old rows go, newer ones stay (issue #24: keep nothing longer than needed), on either backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.storage import Database, error_reports, pager_args, retention
from tests.support.postgres import OpenDb

GUILD, MEMBER = 100, 7
NOW = datetime.now(UTC)


@pytest.fixture
async def db(open_db: OpenDb):  # type: ignore[no-untyped-def]
    opened = await open_db()
    yield opened
    await opened.close()


def report(reference: str, days_old: float) -> error_reports.ErrorReport:
    return error_reports.ErrorReport(
        reference, NOW - timedelta(days=days_old), GUILD, 200, MEMBER, "/lore search", "RuntimeError", "tb"
    )


async def stash_dated(db: Database, value: str, days_old: float) -> int:
    """A stashed argument, dated as if stashed `days_old` days ago (the test writes the date)."""
    stored = await pager_args.stash(db, value, GUILD, MEMBER)
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE pager_args SET created_at = ? WHERE id = ?",
            ((NOW - timedelta(days=days_old)).isoformat(), stored),
        )
    return stored


async def test_error_reports_past_their_days_are_deleted_and_the_rest_kept(db: Database) -> None:
    for reference, days in (("0000old1", 120), ("0000old2", 90.01), ("0000keep", 89.9), ("0000new1", 0)):
        await error_reports.record(db, report(reference, days))
    assert await retention.prune(db, "error_reports", NOW - timedelta(days=90)) == 2
    assert (
        await error_reports.find(db, "0000old1") is None and await error_reports.find(db, "0000old2") is None
    )
    kept = await error_reports.find(db, "0000keep")
    assert kept is not None and kept.user_id == MEMBER
    assert await error_reports.find(db, "0000new1") is not None
    assert await retention.prune(db, "error_reports", NOW - timedelta(days=90)) == 0


async def test_a_long_backlog_goes_a_batch_at_a_time(db: Database) -> None:
    old = [await stash_dated(db, f"an old long search number {n}", 40 + n) for n in range(7)]
    fresh = await stash_dated(db, "a search from yesterday", 1)
    assert await retention.prune(db, "pager_args", NOW - timedelta(days=30), batch=3) == 7
    for stored in old:
        assert await pager_args.fetch(db, stored, GUILD, MEMBER) is None
    assert await pager_args.fetch(db, fresh, GUILD, MEMBER) == "a search from yesterday"


async def test_a_page_text_asked_for_again_is_kept_from_its_last_use(db: Database) -> None:
    """Pages of the same long search asked for today must not lose their text because it was
    first stashed 40 days ago: stashing again dates it again, under the same id."""
    first = await stash_dated(db, "what did the klingons give the romulans", 40)
    again = await pager_args.stash(db, "what did the klingons give the romulans", GUILD, MEMBER)
    assert again == first
    assert await retention.prune(db, "pager_args", NOW - timedelta(days=30)) == 0
    assert await pager_args.fetch(db, first, GUILD, MEMBER) == "what did the klingons give the romulans"


async def test_only_tables_with_a_retention_are_pruned_and_times_carry_their_zone(db: Database) -> None:
    with pytest.raises(ValueError, match="lore_entries has no retention"):
        await retention.prune(db, "lore_entries", NOW)
    with pytest.raises(ValueError, match="time zone"):
        await retention.prune(db, "pager_args", datetime(2026, 1, 1))


async def test_old_rows_are_found_through_an_index_not_a_scan(db: Database) -> None:
    if db.dialect.postgres:  # its planner scans a table this small whatever its indexes: ask for them
        for table, (_, written) in retention.PRUNABLE.items():
            row = await db.fetch_one(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?",
                (f"{table}_by_time",),
            )
            assert row is not None and f"({written})" in str(row["indexdef"]), table
        return
    for table, (_, written) in retention.PRUNABLE.items():
        plan = await db.fetch_all(
            f"EXPLAIN QUERY PLAN SELECT 1 FROM {table} WHERE {written} < ? ORDER BY {written} LIMIT 5",
            (NOW.isoformat(),),
        )
        steps = " ".join(str(row["detail"]) for row in plan)
        assert f"INDEX {table}_by_time" in steps, steps
