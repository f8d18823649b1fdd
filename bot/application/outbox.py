"""Sends the outbox (bot/storage/outbox.py) until Discord takes each message, once.

One task per process, for the servers of its shards. It sleeps until the next message is due
or until woken (`wake()` after a commit that queued something), sends the due messages of a
channel in order, and deletes each one Discord took. A refused message is tried again later,
from seconds up to two hours apart; one that can never go (its channel is gone, or it is a week
old) is dropped with a warning. A nonce per message lets Discord discard a repeat when the bot
stopped between a send and its deletion. Neither Discord nor the database stopping ends it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from ..storage import outbox as store
from .background import Background
from .nap import Nap

log = logging.getLogger(__name__)

IDLE = 6 * 3600.0  # the longest sleep: woken by whoever queues (the shard's own process), this is a backstop
GIVE_UP = 7 * 86_400.0  # a message still refused after a week is no longer news
FIRST_RETRY, LONGEST_RETRY = 5.0, 7_200.0

# A kind the cogs render when it is sent (a lobby with its buttons): the keyword arguments of
# Messageable.send, or None when there is nothing to send any more; then, once it was sent, what
# to remember of the message.
Render = Callable[[store.Queued], Awaitable[dict[str, Any] | None]]
Sent = Callable[[store.Queued, discord.Message], Awaitable[None]]


def retry_delay(attempts: int) -> float:
    """5 s, 15 s, 45 s … doubling on to two hours between tries."""
    return float(min(FIRST_RETRY * 3**attempts, LONGEST_RETRY))


def now() -> float:
    return discord.utils.utcnow().timestamp()  # Discord's clock: tests move it with SimCord


class Outbox(Background):
    NAME = "khitomer-outbox"

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self._nap = Nap()  # a wake-up while sending is kept for the next nap
        self._kinds: dict[str, tuple[Render, Sent | None]] = {}

    def register(self, kind: str, render: Render, sent: Sent | None = None) -> None:
        self._kinds[kind] = (render, sent)

    def wake(self) -> None:
        """Something was queued or released: look now rather than at the next due time."""
        self._nap.wake()

    async def release(self, game_id: int) -> None:
        """The member's reply has gone out: the game's held announcements may follow now."""
        await store.release(self.bot.db, game_id, now())
        self.wake()

    def _shards(self) -> tuple[int, list[int]] | None:
        settings = self.bot.settings
        if settings.shard_count is None or settings.shard_ids is None:
            return None
        return settings.shard_count, list(settings.shard_ids)

    async def _run(self) -> None:
        await self.bot.wait_until_ready()
        failures = 0
        while True:
            try:
                await self.send_due()
                due = await store.next_due(self.bot.db, shards=self._shards())
                failures = 0
                pause = IDLE if due is None else min(IDLE, max(0.0, due - now()))
            except Exception:  # the database is away: try again, more slowly each time
                failures += 1
                pause = retry_delay(min(failures, 4))
                log.warning("outbox: could not read what is due; next look in %.0f s", pause, exc_info=True)
            await self._nap(pause)

    async def send_due(self) -> int:
        """Send every message due now, channel by channel in order; how many went out."""
        sent, blocked = 0, set[int]()
        while queued := [
            q
            for q in await store.due(self.bot.db, now(), shards=self._shards())
            if q.channel_id not in blocked
        ]:
            for message in queued:
                if message.channel_id in blocked:
                    continue  # an earlier one here failed: keep the channel's order
                if await self._send(message):
                    sent += 1
                else:
                    blocked.add(message.channel_id)
            if len(queued) < 20 and not blocked:
                break
        return sent

    async def _send(self, message: store.Queued) -> bool:
        """Try one message; False when it must wait (it stays queued, due later)."""
        db, at = self.bot.db, now()
        if at - message.created > GIVE_UP or message.body.get("until", at) < at:
            log.warning("outbox: dropped message %s of server %s: too old", message.id, message.guild_id)
            await store.drop(db, message.id)
            return True
        try:
            arguments = await self._arguments(message)
            if arguments is None:
                await store.drop(db, message.id)
                return True
            channel = self.bot.get_partial_messageable(message.channel_id, guild_id=message.guild_id)
            posted = await channel.send(nonce=f"k{message.id}", **arguments)
        except discord.NotFound:  # the channel is gone: it will never take it
            log.warning("outbox: channel %s is gone; dropped message %s", message.channel_id, message.id)
            await store.drop(db, message.id)
            return True
        except discord.HTTPException as error:
            pause = retry_delay(message.attempts)
            log.warning("outbox: message %s refused (%s); next try in %.0fs", message.id, error.status, pause)
            await store.later(db, message.id, at + pause)
            return False
        await store.drop(db, message.id)
        _, after = self._kinds.get(message.kind, (None, None))
        if after is not None:
            await after(message, posted)
        return True

    async def _arguments(self, message: store.Queued) -> dict[str, Any] | None:
        if message.kind == store.TEXT:
            users = [discord.Object(user) for user in message.body.get("users", [])]
            mentions = discord.AllowedMentions.none().merge(discord.AllowedMentions(users=users))
            return {"content": str(message.body["text"]), "allowed_mentions": mentions}
        render, _ = self._kinds.get(message.kind, (None, None))
        if render is None:
            log.warning("outbox: no one renders messages of kind %r; dropped %s", message.kind, message.id)
            return None
        return await render(message)
