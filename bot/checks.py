"""Refusals raised from app-command checks.

discord.py hands only AppCommandError from a check to the tree's error handler, so a
check says "no" with Refused (a CheckFailure) rather than a domain error.
"""

from __future__ import annotations

import discord
from discord import app_commands

from .domain.guild_config import AREAS, GuildConfig
from .services.guild_config import ConfigService


class Refused(app_commands.CheckFailure):
    """A check's "no", in words fit to show the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def config_of(interaction: discord.Interaction) -> GuildConfig:
    service = getattr(interaction.client, "guild_config", None)
    if not isinstance(service, ConfigService):
        return GuildConfig()
    return await service.get(interaction.guild_id)


async def ensure_area_enabled(interaction: discord.Interaction, area: str) -> None:
    """A turned-off area answers every command and every button, old messages' too, with this."""
    if area in AREAS and not (await config_of(interaction)).area_enabled(area):
        raise Refused(f"{area.capitalize()} is turned off here by the moderators.")


async def require_moderator(interaction: discord.Interaction) -> None:
    """Moderators: Manage Server, or the server's game-master role. Re-checked on every
    command and button, whatever Discord's own command permissions say."""
    if interaction.guild is None:
        raise Refused("This only works in a server.")
    if interaction.permissions.manage_guild:
        return
    gm_role = (await config_of(interaction)).gm_role()
    member = interaction.user
    if gm_role is not None and isinstance(member, discord.Member) and member.get_role(gm_role) is not None:
        return
    raise Refused("Only this server's moderators (Manage Server or the game-master role) can do that.")
