"""Servers that remove the bot, in SimCord (issue #24): removed as Discord does it, added back with
everything they had, left unseen while the bot is offline, or in an outage when it connects.

SimCord can only delete a guild outright, and a deleted id cannot be created again; a server that
removes the bot still exists on Discord, so `remove_bot` keeps SimCord's guild aside and
`add_back` puts it back, announced as Discord announces a server the bot joins.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import discord
import pytest
import simcord
from simcord.backend import serializers
from simcord.gateway import FakeGateway

from tests.conftest import World
from tests.support.server_rows import held_of


class Removed:
    """A server the bot was removed from, kept aside so that it can be added back."""

    def __init__(self, env: Any, guild: simcord.GuildHandle, *, announce: bool = True) -> None:
        backend = env.backend
        self.env, self.guild_id = env, guild.id
        self.server = backend.guilds[guild.id]
        ids = [*self.server.channel_ids, *self.server.thread_ids]
        self.channels = {i: backend.channels[i] for i in ids if i in backend.channels}
        self.messages = {i: backend.messages[i] for i in ids if i in backend.messages}
        if announce:
            backend.remove_guild(guild.id)  # GUILD_DELETE: the bot's on_guild_remove
        else:  # while the bot is offline: gone, and nobody told it
            del backend.guilds[guild.id]
            for i in ids:
                backend.channels.pop(i, None)
                backend.messages.pop(i, None)

    def put_back(self) -> None:
        """Added back while the bot is offline: it finds the server when it connects."""
        backend = self.env.backend
        backend.guilds[self.guild_id] = self.server
        backend.channels.update(self.channels)
        backend.messages.update(self.messages)

    async def add_back(self) -> None:
        self.put_back()
        backend = self.env.backend
        backend.emit("GUILD_CREATE", serializers.guild_create_payload(backend, self.server))
        await self.env.settle()


async def remove_bot(env: Any, guild: simcord.GuildHandle) -> Removed:
    removed = Removed(env, guild)
    await env.settle()
    return removed


@contextmanager
def outage_at_connect(monkeypatch: pytest.MonkeyPatch, guild_id: int) -> Iterator[None]:
    """Discord in an outage for one server when the bot connects: READY lists it as unavailable
    and its GUILD_CREATE never comes (until the block ends)."""
    original = FakeGateway.feed

    def feed(self: FakeGateway, event: str, payload: Any) -> None:
        if event == "READY":
            payload = {**payload, "guilds": [*payload["guilds"], {"id": str(guild_id), "unavailable": True}]}
        elif event == "GUILD_CREATE" and int(payload["id"]) == guild_id:
            return
        original(self, event, payload)

    with monkeypatch.context() as patched:
        patched.setattr(FakeGateway, "feed", feed)
        yield


def owner_in_spacedock(env: Any) -> tuple[simcord.MemberActor, simcord.ChannelHandle]:
    """The bot's owner, an administrator of a server of their own (owner commands default to
    administrators), so they can act while the game's servers are gone or down."""
    dock = env.create_guild(name="Earth Spacedock")
    admirals = dock.create_role("Admirals", permissions=discord.Permissions(administrator=True))
    owner = dock.add_member(env.create_user("picard"), roles=[admirals])
    env.bot.owner_ids = {owner.id}
    return owner, dock.create_text_channel("operations")


async def nothing_left(env: Any, world: World) -> bool:
    return await held_of(env.bot.db, world.guild.id) == {}
