"""The command tree: every app-command error, a failing check's too, goes through one handler."""

from __future__ import annotations

import discord
from discord import app_commands

from .interaction_errors import handle_interaction_error


class KhitomerTree(app_commands.CommandTree[discord.Client]):
    """Who may run a command is each command's own check (bot/application/checks.py `requires`)."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await handle_interaction_error(interaction, error)

    async def _call(self, interaction: discord.Interaction) -> None:
        # discord.py routes only AppCommandError from a check (the tree's, a cog's or group's
        # interaction_check, a command's checks) to on_error; anything else, a database that
        # went away while a check read the settings, would escape the task and leave the member
        # with no answer. Command bodies are already wrapped (CommandInvokeError). This is the
        # one entry point the library gives every invocation, so the net sits here.
        try:
            await super()._call(interaction)
        except app_commands.AppCommandError:
            raise  # the library hands these to on_error itself
        except Exception as error:
            interaction.command_failed = True
            await handle_interaction_error(interaction, error)
