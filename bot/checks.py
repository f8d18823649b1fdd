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


def is_game_master(member: discord.abc.User, config: GuildConfig) -> bool:
    """Holds the server's game-master role (set with /config set gm_role)."""
    gm_role = config.gm_role()
    return gm_role is not None and isinstance(member, discord.Member) and member.get_role(gm_role) is not None


async def is_moderator(interaction: discord.Interaction) -> bool:
    """Manage Server here, or the game-master role: hosts any game, runs moderator lore commands."""
    return interaction.permissions.manage_guild or is_game_master(
        interaction.user, await config_of(interaction)
    )


async def require_moderator(interaction: discord.Interaction) -> None:
    """Re-checked on every command and button, whatever Discord's own command permissions say."""
    if interaction.guild is None:
        raise Refused("This only works in a server.")
    if await is_moderator(interaction):
        return
    raise Refused("Only this server's moderators (Manage Server or the game-master role) can do that.")
