"""The command tree: every app-command error goes through one handler."""

from __future__ import annotations

import discord
from discord import app_commands

from .interaction_errors import handle_interaction_error


class KhitomerTree(app_commands.CommandTree[discord.Client]):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await handle_interaction_error(interaction, error)
