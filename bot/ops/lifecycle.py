"""A running bot's life: check before connecting, retry an unreachable database or Discord,
claim its shards, stop on a signal.

Stopping (SIGTERM from a service manager, Ctrl-C at a terminal, SIGHUP when the terminal goes)
lets the interactions being handled finish, cancels the deadline timers, closes the gateway and
then storage, and exits 0.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import aiohttp
import discord

from ..application.app import KhitomerBot
from ..errors import OperatorError
from ..storage import Database
from .garbage import set_start_up_aside

log = logging.getLogger(__name__)
T = TypeVar("T")

TOKEN_REJECTED = "khitomer: Discord refused the token in DISCORD_TOKEN; reset it in the Developer Portal."
# The one privileged intent Khitomer may ask for (MESSAGE_CONTENT=on), refused by the portal.
INTENT_REFUSED = (
    "khitomer: Discord refused the message content intent that MESSAGE_CONTENT=on asks for: switch on "
    "Message Content Intent in the Developer Portal (Bot → Privileged Gateway Intents), or set "
    "MESSAGE_CONTENT=off to run without automatic citations."
)
# What an unreachable or failing Discord raises before the gateway opens.
UNREACHABLE = (OSError, aiohttp.ClientError, asyncio.TimeoutError, discord.DiscordServerError)
MAX_RETRY_DELAY = 16.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def describe(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return " ".join(text.split())


async def keep_trying(
    what: str,
    attempt: Callable[[], Awaitable[T]],
    give_up_after: float,
    advice: str,
    unreachable: tuple[type[BaseException], ...],
    *,
    reason: Callable[[Any], str] = describe,
    after_failure: Callable[[], Awaitable[None]] | None = None,
) -> T:
    """`attempt()`, tried again after 1, 2, 4 … 16 s while it raises `unreachable` (one log line a
    try), for `give_up_after` seconds; then one OperatorError naming `what` and the last reason."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    tries = 0
    while True:
        tries += 1
        try:
            return await attempt()
        except unreachable as error:
            if after_failure is not None:
                await after_failure()
            waited = loop.time() - started
            left = give_up_after - waited
            if left <= 0.05:  # the last try was made at the end of the allowed time
                counted = f"{tries} {'try' if tries == 1 else 'tries'}"
                raise OperatorError(
                    f"khitomer: could not reach {what} in {waited:.0f} s ({counted}; last: {reason(error)}). "
                    f"{advice}; khitomer exits so that a service manager can start it again."
                ) from error
            delay = min(2.0 ** (tries - 1), MAX_RETRY_DELAY, left)
            log.warning(
                "%s is unreachable (%s); try %d failed, next in %.0f s", what, reason(error), tries, delay
            )
            await asyncio.sleep(delay)


async def login_with_retry(bot: KhitomerBot, token: str, give_up_after: float) -> None:
    """Log in, retrying an unreachable Discord with backoff (one log line a try) for a while."""

    async def login() -> None:
        try:
            await bot.login(token)
        except discord.LoginFailure as error:
            raise OperatorError(TOKEN_REJECTED) from error

    async def fresh_session() -> None:
        # A fresh HTTP session for the next try: the failed one is closed, not leaked.
        await bot.http.close()
        bot.http.connector = discord.utils.MISSING

    await keep_trying(
        "Discord",
        login,
        give_up_after,
        "Check this machine's network, DNS and firewall",
        UNREACHABLE,
        after_failure=fresh_session,
    )


async def open_storage_with_retry(bot: KhitomerBot) -> Database:
    """Open the database, retrying a PostgreSQL that does not answer (yet) as Discord is retried."""
    from ..storage.postgres import PostgresUnreachable
    from ..storage.postgres import describe as where

    settings = bot.settings
    if not settings.database_url:
        return await bot.open_storage()  # a local file: nothing to wait for
    return await keep_trying(
        f"PostgreSQL at {where(settings.database_url)}",
        bot.open_storage,
        settings.connect_timeout,
        "Check that the server runs and that this machine reaches it",
        (PostgresUnreachable,),
        reason=lambda error: error.reason,
    )


async def serve(bot: KhitomerBot, token: str, data: str) -> None:
    """The bot's whole run: open storage, claim its shards, log in and hold the gateway until
    closed. Everything an operator can fix ends it with one OperatorError line."""
    from ..storage.shard_claims import claimed

    database = await open_storage_with_retry(bot)
    log.info("data: %s; database %s at schema version %d", data, database.where, database.version)
    settings = bot.settings
    async with claimed(
        settings.database_path, settings.database_url, settings.shard_count, settings.shard_ids
    ) as claim:
        await first_of(connect(bot, token), claim.kept())  # kept() ends only if the claim is lost


async def connect(bot: KhitomerBot, token: str) -> None:
    """Log in (retrying an unreachable Discord; the cogs load then), set start-up's objects aside
    from garbage collection, then hold the gateway until the bot closes."""
    await login_with_retry(bot, token, bot.settings.connect_timeout)
    log.debug("%d objects of start-up set aside from garbage collection", set_start_up_aside())
    try:
        await bot.connect()
    except discord.PrivilegedIntentsRequired as error:
        refused = INTENT_REFUSED if bot.settings.message_content else f"khitomer: {describe(error)}"
        raise OperatorError(refused) from error
    except (discord.GatewayNotFound, discord.ConnectionClosed, *UNREACHABLE) as error:
        # discord.py reconnects by itself once running; what escapes it ends the process.
        raise OperatorError(
            f"khitomer: the connection to Discord's gateway failed ({describe(error)}); "
            "khitomer exits so that a service manager can start it again."
        ) from error


async def first_of(*work: Coroutine[Any, Any, None]) -> None:
    """Run `work` together until the first ends (its exception raised); the rest are cancelled."""
    tasks = [asyncio.ensure_future(each) for each in work]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            task.result()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def run_until_stopped(bot: KhitomerBot, run: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Await `run()` until it ends or SIGTERM/SIGINT/SIGHUP arrives; either way close the bot cleanly."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    received: list[str] = []

    def on_signal(number: signal.Signals) -> None:
        received.append(number.name)
        stop.set()

    for number in STOP_SIGNALS:
        loop.add_signal_handler(number, on_signal, number)
    runner = asyncio.create_task(run(), name="khitomer-run")
    stopper = asyncio.create_task(stop.wait(), name="khitomer-stop-signal")
    try:
        await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if stop.is_set():
            log.info("%s received: stopping", received[0])
            await bot.close()
            runner.cancel()  # still connecting or retrying: nothing of ours is in flight there
            await asyncio.gather(runner, return_exceptions=True)
            log.info("stopped cleanly")
        else:
            runner.result()  # the bot ended on its own: re-raise what ended it
    finally:
        stopper.cancel()
        for number in STOP_SIGNALS:
            loop.remove_signal_handler(number)
        await bot.close()
