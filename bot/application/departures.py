"""The servers this process runs that removed the bot: their purge recorded, timed and done.

One task per process, for the servers of its shards (the purges of another process's shards are
that process's). It reads when the next purge is due from the database (bot/storage/
server_departures.py), so a restart re-arms it and a purge that fell due while the bot was down
runs as soon as it is back; it sleeps until then, or until woken. A database that is away delays
a purge, with backoff, and never ends the task. Before purging it looks once more: a server the
bot is in (its return was missed) is kept instead.

Removals and returns arrive as gateway events and are written with retries of their own. On each
shard's first READY the servers the database holds data of are compared with the servers READY
listed (services/server_data.py left_while_away): one missing has removed the bot while it was
offline. READY lists every server the bot is in, those in an outage as unavailable, so a server
that is only unavailable is never taken for gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from ..domain.formatting import format_duration
from ..domain.shards import shard_of
from ..services.server_data import Purged, ServerData, Shards, left_while_away
from .nap import Nap

log = logging.getLogger(__name__)

IDLE = 6 * 3600.0  # the longest sleep: every change that matters wakes it; this is a backstop
LONGEST_RETRY = 300.0
PURGED = "server_purged"  # the event dispatched after a purge: (guild_id, the conferences' ids)


def retry_delay(failures: int) -> float:
    """5 s, 10 s, 20 s … then every five minutes."""
    return float(min(5 * 2 ** (failures - 1), LONGEST_RETRY))


def now() -> float:
    return discord.utils.utcnow().timestamp()  # Discord's clock: tests move it with SimCord


class Departures:
    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.service = ServerData(bot.db, bot.settings.server_data_grace)
        self._task: asyncio.Task[None] | None = None
        self._nap = Nap()
        self._tasks: dict[str, asyncio.Task[None]] = {}  # writes and start-up looks, by what they do
        self._pending: set[int] | None = None  # this process's servers pending purge, once read
        self._looked: set[int] = set()  # shards whose departures while offline were looked for

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="khitomer-departures")

    async def stop(self) -> None:
        """Stop the timer and the writes still retrying (a removal not yet written is found
        again at the next start-up)."""
        tasks = [t for t in (self._task, *self._tasks.values()) if t is not None]
        self._task = None
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def wake(self) -> None:
        self._nap.wake()

    def _shards(self) -> Shards | None:
        settings = self.bot.settings
        if settings.shard_count is None or settings.shard_ids is None:
            return None
        return settings.shard_count, tuple(settings.shard_ids)

    # -- gateway events -------------------------------------------------------------------------

    def left(self, guild: discord.Guild) -> None:
        """The bot was removed from `guild` (kicked, banned, or the server deleted)."""
        if not self.bot.runs_guild(guild.id):
            return
        if self._pending is not None:
            self._pending.add(guild.id)
        at, name = now(), guild.name

        async def write() -> None:
            departure = await self.service.left(guild.id, name, at)
            log.info(
                "removed from server %s (%s): its data is purged %s from now unless Khitomer is added back",
                guild.id, name, format_duration(departure.purge_at - at),
            )  # fmt: skip
            self.wake()

        self._keep_trying(f"server {guild.id}", "recording the removal", write)

    def seen(self, guild: discord.Guild) -> None:
        """The bot is in `guild` (it joined, or the server became available): a purge pending
        for it is cancelled. Servers never pending cost nothing (no database read)."""
        if self._pending is None or guild.id not in self._pending:
            return  # not read yet: the sweep after reading covers the servers already seen
        self._pending.discard(guild.id)
        self._keep_trying(f"server {guild.id}", "cancelling the purge", self._cancel_write(guild.id))

    def shard_ready(self, shard_id: int) -> None:
        """Once per shard and process: look for servers that removed the bot while it was away."""
        if shard_id in self._looked or f"shard {shard_id}" in self._tasks:
            return
        self._keep_trying(f"shard {shard_id}", "looking for servers left while offline",
                          lambda: self._look_for_departures(shard_id))  # fmt: skip

    def _cancel_write(self, guild_id: int) -> Callable[[], Awaitable[None]]:
        async def write() -> None:
            if await self.service.back(guild_id):
                log.info("added back to server %s before its purge: everything it had is kept", guild_id)

        return write

    def _keep_trying(self, key: str, what: str, work: Callable[[], Awaitable[None]]) -> None:
        """Run `work` until it succeeds, with backoff; a newer one for the same key replaces it
        (the last of a removal and a return is what holds)."""
        previous = self._tasks.pop(key, None)
        if previous is not None:
            previous.cancel()

        async def attempts() -> None:
            for failures in itertools.count(1):
                try:
                    await work()
                    break
                except Exception as error:
                    pause = retry_delay(failures)
                    log.warning(
                        "%s, %s: try %d failed (%s); trying again in %.0f s",
                        key, what, failures, type(error).__name__, pause, exc_info=failures == 1,
                    )  # fmt: skip
                    await asyncio.sleep(pause)
            if self._tasks.get(key) is asyncio.current_task():
                del self._tasks[key]

        self._tasks[key] = asyncio.create_task(attempts(), name=f"khitomer-departures-{key}")

    async def _look_for_departures(self, shard_id: int) -> None:
        count = self.bot.shard_count or 1
        shards: Shards = (count, (shard_id,))
        stored = await self.service.stored_guilds(shards=shards)
        pending = {d.guild_id for d in await self.service.pending(shards=shards)}
        seen = {g.id for g in self.bot.guilds if shard_of(g.id, count) == shard_id}  # unavailable too
        found = left_while_away(stored, seen, pending)
        self._looked.add(shard_id)
        if not found.gone:
            return
        if not found.trusted:
            log.error(
                "shard %s: %d of the %d servers with data are not among the bot's servers; that many at "
                "once looks like another application's token or another bot's database, not departures, "
                "so none is scheduled for purging (khitomer purge-server purges one deliberately)",
                shard_id, len(found.gone), found.stored,
            )  # fmt: skip
            return
        await self.service.left_unseen(found.gone, now())
        if self._pending is not None:
            self._pending |= found.gone
        log.warning(
            "shard %s: %d server(s) removed Khitomer while it was offline; their data is purged in %s "
            "unless it is added back: %s",
            shard_id, len(found.gone), format_duration(self.service.grace), sorted(found.gone),
        )  # fmt: skip
        self.wake()

    # -- the timer ------------------------------------------------------------------------------

    async def _run(self) -> None:
        failures = 0
        while self._pending is None:  # the database may be away at start-up too
            try:
                self._pending = {d.guild_id for d in await self.service.pending(shards=self._shards())}
            except Exception:
                failures += 1
                log.warning("server purges: could not read what is pending; next try in %.0f s",
                            retry_delay(failures), exc_info=failures == 1)  # fmt: skip
                await asyncio.sleep(retry_delay(failures))
        await self.bot.wait_until_ready()
        for guild_id in sorted(self._pending):  # seen before they were read
            if (guild := self.bot.get_guild(guild_id)) is not None:
                self.seen(guild)
        failures = 0
        while True:
            try:
                await self.purge_due()
                due = await self.service.next_due(shards=self._shards())
                failures, pause = 0, IDLE if due is None else min(IDLE, max(0.0, due - now()))
            except Exception as error:
                failures += 1
                pause = retry_delay(failures)
                log.warning(
                    "server purges: try %d failed (%s); trying again in %.0f s",
                    failures, type(error).__name__, pause, exc_info=failures == 1,
                )  # fmt: skip
            await self._nap(pause)

    async def purge_due(self) -> int:
        """Purge every server of this process whose grace period is over; how many were."""
        done = 0
        for departure in await self.service.due(now(), shards=self._shards()):
            guild = self.bot.get_guild(departure.guild_id)
            if guild is not None:  # it is back and its return was missed: keep it
                if self._pending is not None:
                    self._pending.discard(guild.id)
                await self.service.back(guild.id)
                continue
            purged = await self.service.purge_due(departure.guild_id, now())
            if purged is None:
                continue  # added back meanwhile
            self.purged(departure.guild_id, purged)
            log.info(
                "purged the data of server %s (%s) at the end of its grace period: %d rows",
                departure.guild_id, departure.name or "name not seen", purged.rows,
            )  # fmt: skip
            done += 1
        return done

    def purged(self, guild_id: int, purged: Purged) -> None:
        """After any purge in this process: forget it here, tell the cogs (timers of its games)."""
        if self._pending is not None:
            self._pending.discard(guild_id)
        self.bot.dispatch(PURGED, guild_id, purged.game_ids)
        self.wake()
