"""MESSAGE_CONTENT (issue #25): the operator's switch for the one privileged intent automatic
citations need. Off by default; on, the bot asks Discord for it, and a Discord that refuses it
(the intent not switched on in the Developer Portal) ends start-up with one line saying so."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import discord
import pytest
from aiohttp import web

from bot import create_bot
from bot.config import ConfigError, Settings, load_settings
from tests.support.processes import ACCEPTING, assert_one_line_error, khitomer

MESSAGE_CONTENT_BIT = 1 << 15  # Discord's GUILD_MESSAGES is 1 << 9; MESSAGE_CONTENT 1 << 15
DISALLOWED_INTENTS = 4014  # the gateway's close code for a privileged intent the portal has off


@pytest.mark.parametrize(
    ("value", "expected"), [(None, False), ("on", True), ("ON ", True), ("off", False), ("true", True)]
)
def test_the_setting_is_read(value: str | None, expected: bool) -> None:
    assert load_settings({} if value is None else {"MESSAGE_CONTENT": value}).message_content is expected


def test_a_bad_value_names_the_setting() -> None:
    with pytest.raises(ConfigError, match=r"MESSAGE_CONTENT must be on or off, not 'sometimes'"):
        load_settings({"MESSAGE_CONTENT": "sometimes"})


def test_on_it_asks_for_messages_and_their_content_and_nothing_else(tmp_path: Path) -> None:
    bot = create_bot(Settings(database_path=tmp_path / "k.db", message_content=True))
    assert bot.intents.value == discord.Intents(guilds=True, guild_messages=True, message_content=True).value
    assert not (bot.intents.members or bot.intents.presences or bot.intents.dm_messages)


class RefusingGateway:
    """Discord accepting the token, its gateway closing with 4014 on an IDENTIFY that asks for
    the message content intent (with 4004 on any other); records the intents asked for."""

    def __init__(self) -> None:
        self.intents: list[int] = []
        self.url = ""

    def app(self) -> web.Application:
        def answer(body: object, status: int = 200) -> web.Response:
            # discord.py reads JSON only under exactly this content type (no charset)
            return web.Response(
                body=json.dumps(body).encode(), status=status, content_type="application/json"
            )

        async def rest(request: web.Request) -> web.Response:
            path = request.path
            if path == "/api/v10/gateway/bot":
                limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
                gateway = self.url.replace("http://", "ws://").replace("/api/v10", "/gateway")
                return answer({"url": gateway, "shards": 1, "session_start_limit": limit})
            if path in ACCEPTING:
                return answer(ACCEPTING[path])
            return answer({"message": "Service Unavailable", "code": 0}, status=503)

        async def gateway(request: web.Request) -> web.WebSocketResponse:
            socket = web.WebSocketResponse()
            await socket.prepare(request)
            await socket.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 45000}}))
            async for message in socket:
                payload = json.loads(message.data)
                if payload.get("op") == 2:  # IDENTIFY
                    self.intents.append(int(payload["d"]["intents"]))
                    # asked for without the intent, it ends the test quickly all the same (4004)
                    refused = self.intents[-1] & MESSAGE_CONTENT_BIT
                    await socket.close(code=DISALLOWED_INTENTS if refused else 4004, message=b"Refused.")
                    break
            return socket

        app = web.Application()
        app.router.add_get("/gateway", gateway)
        app.router.add_get("/{tail:.*}", rest)
        return app


@contextmanager
def refusing_gateway() -> Iterator[RefusingGateway]:
    fake = RefusingGateway()
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(fake.app())
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    port = runner.addresses[0][1]
    fake.url = f"http://127.0.0.1:{port}/api/v10"
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.run_until_complete(runner.cleanup())
        loop.close()


def test_a_portal_that_refuses_the_intent_is_one_line_at_start(tmp_path: Path) -> None:
    with refusing_gateway() as discord_:
        done = khitomer(
            "run",
            cwd=tmp_path,
            api=discord_.url,
            DISCORD_TOKEN="good-token",
            MESSAGE_CONTENT="on",
            timeout=60,
        )
    line = assert_one_line_error(
        done, "Discord refused the message content intent", "MESSAGE_CONTENT=on", "Developer Portal"
    )
    assert "Message Content Intent" in line and "MESSAGE_CONTENT=off" in line
    assert discord_.intents and all(i & MESSAGE_CONTENT_BIT for i in discord_.intents)
    assert done.returncode == 1
