"""The command tree: every app-command error goes through one handler."""

from __future__ import annotations

import discord
from discord import app_commands

from .checks import ensure_area_enabled
from .command_catalog import area_of
from .interaction_errors import handle_interaction_error


class KhitomerTree(app_commands.CommandTree[discord.Client]):
    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        """Areas a server turned off refuse their commands here, before any cog runs."""
        command = interaction.command
        if isinstance(command, app_commands.Command | app_commands.Group):
            await ensure_area_enabled(interaction, area_of(command).casefold())
        return True

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await handle_interaction_error(interaction, error)
