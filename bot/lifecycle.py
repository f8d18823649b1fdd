"""A running bot's life: check before connecting, retry an unreachable Discord, stop on a signal.

Stopping (SIGTERM from a service manager, Ctrl-C at a terminal) lets the interactions being
handled finish, cancels the deadline timers, closes the gateway and then storage, and exits 0.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable, Coroutine
from typing import Any

import aiohttp
import discord

from .app import KhitomerBot
from .errors import OperatorError

log = logging.getLogger(__name__)

TOKEN_REJECTED = "khitomer: Discord refused the token in DISCORD_TOKEN; reset it in the Developer Portal."
# What an unreachable or failing Discord raises before the gateway opens.
UNREACHABLE = (OSError, aiohttp.ClientError, asyncio.TimeoutError, discord.DiscordServerError)
MAX_RETRY_DELAY = 16.0


def describe(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return " ".join(text.split())


async def login_with_retry(bot: KhitomerBot, token: str, give_up_after: float) -> None:
    """Log in, retrying an unreachable Discord with backoff (one log line a try) for a while."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    attempt = 0
    while True:
        attempt += 1
        try:
            await bot.login(token)
            return
        except discord.LoginFailure as error:
            raise OperatorError(TOKEN_REJECTED) from error
        except UNREACHABLE as error:
            # A fresh HTTP session for the next try: the failed one is closed, not leaked.
            await bot.http.close()
            bot.http.connector = discord.utils.MISSING
            waited = loop.time() - started
            left = give_up_after - waited
            if left <= 0.05:  # the last try was made at the end of the allowed time
                tries = f"{attempt} {'try' if attempt == 1 else 'tries'}"
                raise OperatorError(
                    f"khitomer: could not reach Discord in {waited:.0f} s ({tries}; last: "
                    f"{describe(error)}). Check this machine's network, DNS and firewall; khitomer "
                    "exits so that a service manager can start it again."
                ) from error
            delay = min(2.0 ** (attempt - 1), MAX_RETRY_DELAY, left)
            log.warning(
                "Discord is unreachable (%s); try %d failed, next in %.0f s", describe(error), attempt, delay
            )
            await asyncio.sleep(delay)


async def run_until_stopped(bot: KhitomerBot, run: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Await `run()` until it ends or SIGTERM/SIGINT arrives; either way close the bot cleanly."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    signals = (signal.SIGTERM, signal.SIGINT)
    received: list[str] = []

    def on_signal(number: signal.Signals) -> None:
        received.append(number.name)
        stop.set()

    for number in signals:
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
        for number in signals:
            loop.remove_signal_handler(number)
        await bot.close()
