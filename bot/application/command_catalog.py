"""What commands exist, for whom, grouped by area: read from the command tree and each command's
declared rule (bot/application/checks.py), so never stale and never a second copy of who may do what."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands
from discord.ext.commands.bot import BotBase

from ..domain.access import Rule
from .checks import config_of, is_owner, judge_here, rule_of

# Areas appear in this order in /help; an area not listed here follows, alphabetically.
AREA_ORDER = ("General", "Lore", "Treaties", "Accords", "Configuration", "Owner")


@dataclass(frozen=True, slots=True)
class CommandInfo:
    area: str
    name: str
    description: str
    not_here: str = ""  # why it cannot be run in this channel (it can elsewhere)
    menu: bool = False  # a message command: right-click a message → Apps, not typed


AppCommand = app_commands.Command[Any, ..., Any] | app_commands.Group
Menu = app_commands.ContextMenu


def area_of(command: AppCommand | Menu) -> str:
    """A menu says its area (and what it does: Discord gives menus no description) in extras."""
    root = getattr(command, "root_parent", None) or command
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


def _discord_shows(command: AppCommand | Menu, interaction: discord.Interaction) -> bool:
    """Discord's own layer, as far as the bot knows it: default permissions, servers only.
    Overrides set in Discord's Integrations page are Discord's to enforce."""
    if interaction.guild is None:
        return not command.guild_only
    required = command.default_permissions
    return required is None or interaction.permissions >= required


async def usable_commands(interaction: discord.Interaction) -> list[CommandInfo]:
    """Every slash and message command this member may use, by area then name (message commands
    after the slash commands of their area): those their rule allows here, and those it refuses
    only because of this channel, with the reason as a note."""
    client = interaction.client
    if not isinstance(client, BotBase):
        return []
    roots = [
        *client.tree.get_commands(guild=None),
        *(client.tree.get_commands(guild=interaction.guild) if interaction.guild else []),
    ]
    chat_roots = [c for c in roots if isinstance(c, app_commands.Command | app_commands.Group)]
    leaves: list[tuple[app_commands.Command[Any, ..., Any] | Menu, Rule]] = [
        (leaf, rule_of(leaf) or Rule())
        for root in chat_roots
        if _discord_shows(root, interaction)
        for leaf in _leaves(root)
    ]
    leaves += [
        (menu, rule_of(menu) or Rule())
        for menu in roots
        if isinstance(menu, Menu)
        and menu.type is discord.AppCommandType.message
        and _discord_shows(menu, interaction)
    ]
    # Ask who owns the bot only when it matters: without OWNER_IDS it is a REST call.
    owner = any(rule.owner for _, rule in leaves) and await is_owner(client, interaction.user)
    config = await config_of(interaction)
    found: dict[str, CommandInfo] = {}
    for leaf, rule in leaves:
        verdict = judge_here(interaction, rule, config, owner=owner)
        if verdict.allowed or verdict.here:
            name, menu = leaf.qualified_name, isinstance(leaf, Menu)
            what = str(leaf.extras.get("help", "")) if isinstance(leaf, Menu) else leaf.description
            found[name] = CommandInfo(area_of(leaf), name, what, verdict.refusal or "", menu)
    return sorted(found.values(), key=lambda info: (_area_rank(info.area), info.area, info.menu, info.name))


def _area_rank(area: str) -> int:
    return AREA_ORDER.index(area) if area in AREA_ORDER else len(AREA_ORDER)
