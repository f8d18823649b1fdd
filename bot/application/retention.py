"""Keeps nothing longer than the data statements say (data/privacy.toml, issue #24).

One task per process: at start-up, then every EVERY seconds, it deletes the rows of each table
a statement limits (error reports after 90 days, stashed pager arguments 30 days after their
last use) through bot/storage/retention.py. A database that is away delays a run, never ends
the task: it tries again after 5 s, 15 s, 45 s … as the outbox does. Nothing is kept between
runs, so a restart loses nothing: the next start prunes first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from ..content.privacy import data_policy
from ..domain.privacy import retention_days
from ..storage import Database
from ..storage import retention as store
from .background import Background
from .outbox import retry_delay

log = logging.getLogger(__name__)

EVERY = 6 * 3600.0  # a row outlives its retention by at most this much


def wall_clock() -> datetime:
    """The clock rows are dated by when written (datetime.now in storage)."""
    return datetime.now(UTC)


def limits() -> dict[str, int]:
    """table -> days, from the statements; a table no pruner knows is a mistake in the data."""
    days = retention_days(data_policy())
    if unknown := sorted(set(days) - set(store.PRUNABLE)):
        raise RuntimeError(f"data/privacy.toml limits {unknown}, which bot/storage/retention.py cannot prune")
    return days


class Retention(Background):
    NAME = "khitomer-retention"

    def __init__(self, db: Callable[[], Database], *, now: Callable[[], datetime] = wall_clock) -> None:
        self._db, self._now = db, now
        self._limits = limits()  # checked at start-up: a bad statement stops the bot, not the job
        self.runs = 0  # completed runs, for tests and /about-like reports

    async def prune_once(self) -> dict[str, int]:
        """Delete what each limited table keeps past its days; how many rows went, by table."""
        now, gone = self._now(), {}
        for table, days in sorted(self._limits.items()):
            gone[table] = await store.prune(self._db(), table, now - timedelta(days=days))
        self.runs += 1
        if any(gone.values()):
            log.info("retention: deleted %s", ", ".join(f"{n} from {t}" for t, n in gone.items() if n))
        return gone

    async def _run(self) -> None:
        failures = 0
        while True:
            try:
                await self.prune_once()
                failures, pause = 0, EVERY
            except Exception:  # the database is away: try again, more slowly each time
                failures += 1
                pause = retry_delay(min(failures, 4))
                log.warning("retention: could not delete old rows; next try in %.0f s", pause, exc_info=True)
            await asyncio.sleep(pause)
