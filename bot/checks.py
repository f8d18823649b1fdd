"""Refusals raised from app-command checks.

discord.py hands only AppCommandError from a check to the tree's error handler, so a
check says "no" with Refused (a CheckFailure) rather than a domain error.
"""

from __future__ import annotations

import discord
from discord import app_commands


class Refused(app_commands.CheckFailure):
    """A check's "no", in words fit to show the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def require_moderator(interaction: discord.Interaction) -> None:
    """Moderators: Manage Server in this server. Re-checked on every command and button."""
    if interaction.guild is None:
        raise Refused("This only works in a server.")
    if not interaction.permissions.manage_guild:
        raise Refused("Only this server's moderators (Manage Server) can do that.")
