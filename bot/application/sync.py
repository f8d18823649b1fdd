"""Deliberate command sync (never on ready): Discord allows 200 command creates a day per server."""

from __future__ import annotations

import discord
from discord import app_commands


async def sync_commands(tree: app_commands.CommandTree[discord.Client], guild_id: int | None) -> int:
    """Push the command tree to Discord, globally or to one server; returns how many commands.

    A server sync copies the global commands there first, so they appear at once — the
    way to develop. Global commands can take up to an hour to reach every server.
    """
    if guild_id is None:
        synced = await tree.sync()
    else:
        guild = discord.Object(id=guild_id)
        tree.copy_global_to(guild=guild)
        synced = await tree.sync(guild=guild)
    return len(synced)
