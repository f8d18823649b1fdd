"""What commands exist, for whom, grouped by area: read from the command tree, so never stale."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands
from discord.ext.commands.bot import BotBase

from .checks import config_of, is_game_master

# Areas appear in this order in /help; an area not listed here follows, alphabetically.
AREA_ORDER = ("General", "Lore", "Treaties", "Accords", "Configuration", "Owner")


@dataclass(frozen=True, slots=True)
class CommandInfo:
    area: str
    name: str
    description: str


AppCommand = app_commands.Command[Any, ..., Any] | app_commands.Group


def area_of(command: AppCommand) -> str:
    root = command.root_parent or command
    area = root.extras.get("area")
    if isinstance(area, str):
        return area
    binding = getattr(command, "binding", None)  # the cog a command is defined in
    if isinstance(binding, commands.Cog):
        return binding.qualified_name
    return "General"


def _leaves(command: AppCommand) -> Iterable[app_commands.Command[Any, ..., Any]]:
    if isinstance(command, app_commands.Group):
        for child in command.walk_commands():
            if isinstance(child, app_commands.Command):
                yield child
    else:
        yield command


def _may_use(command: AppCommand, interaction: discord.Interaction, is_owner: bool) -> bool:
    if command.extras.get("owner_only") and not is_owner:
        return False
    if interaction.guild is None:
        return not command.guild_only
    required = command.default_permissions
    return required is None or interaction.permissions >= required


def _leaf_allowed(
    leaf: app_commands.Command[Any, ..., Any], interaction: discord.Interaction, is_game_master: bool
) -> bool:
    """Subcommands marked extras={"moderator": True} are for Manage Server (checked again at run time)."""
    if leaf.extras.get("moderator"):
        return interaction.guild is not None and (interaction.permissions.manage_guild or is_game_master)
    return not (leaf.guild_only and interaction.guild is None)


async def usable_commands(interaction: discord.Interaction) -> list[CommandInfo]:
    """Every slash command this member may use here, by area then name.

    Discord's default permissions and our owner-only marker are applied; per-server
    overrides set in Discord's Integrations page are Discord's to enforce.
    """
    client = interaction.client
    if not isinstance(client, BotBase):
        return []
    roots = [
        *client.tree.get_commands(guild=None),
        *(client.tree.get_commands(guild=interaction.guild) if interaction.guild else []),
    ]
    chat_roots = [c for c in roots if isinstance(c, app_commands.Command | app_commands.Group)]
    # Ask who owns the bot only when it matters: without OWNER_IDS it is a REST call.
    needs_owner = any(c.extras.get("owner_only") for c in chat_roots)
    is_owner = needs_owner and await client.is_owner(interaction.user)
    config = await config_of(interaction)
    game_master = is_game_master(interaction.user, config)
    found = {
        leaf.qualified_name: CommandInfo(area_of(leaf), leaf.qualified_name, leaf.description)
        for root in chat_roots
        if _may_use(root, interaction, is_owner)
        for leaf in _leaves(root)
        if _leaf_allowed(leaf, interaction, game_master) and config.area_enabled(area_of(leaf).casefold())
    }
    return sorted(found.values(), key=lambda info: (_area_rank(info.area), info.area, info.name))


def _area_rank(area: str) -> int:
    return AREA_ORDER.index(area) if area in AREA_ORDER else len(AREA_ORDER)
