"""`/config explain`: can this member use this command in this channel, and why — both layers."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext.commands.bot import BotBase

from bot.application.checks import is_owner, judge, rule_of
from bot.domain.access import Rule, Verdict
from bot.domain.guild_config import GuildConfig

ALL_CHANNELS_OFFSET = 1  # Discord: the "all channels" override target is the guild id minus one


Target = app_commands.Command[Any, ..., Any] | app_commands.ContextMenu
Root = Target | app_commands.Group  # what Discord's permissions attach to


def known_commands(tree: app_commands.CommandTree[Any]) -> list[Target]:
    """Every slash command (subcommands by their full name) and every message command."""
    found: list[Root] = []
    for root in tree.get_commands():
        found.extend(root.walk_commands() if isinstance(root, app_commands.Group) else [root])
    found.extend(tree.get_commands(type=discord.AppCommandType.message))
    return [c for c in found if isinstance(c, app_commands.Command | app_commands.ContextMenu)]


def command_name(command: Root) -> str:
    """How a member finds it: "/lore add", or a message command by its name in the Apps menu."""
    if isinstance(command, app_commands.ContextMenu):
        return f"the message command “{command.name}”"
    return f"/{command.qualified_name}"


def find_command(tree: app_commands.CommandTree[Any], name: str) -> Target | None:
    wanted = name.strip().lstrip("/").casefold()
    return next((c for c in known_commands(tree) if c.qualified_name.casefold() == wanted), None)


def _names(permissions: discord.Permissions) -> str:
    return ", ".join(
        name.replace("_", " ").replace("guild", "server").title() for name, on in permissions if on
    )


async def discord_layer(
    bot: BotBase,
    command: Target,
    member: discord.Member,
    channel: discord.abc.GuildChannel,
) -> tuple[bool, list[str]]:
    """Discord's own rules: default member permissions, then the server's overrides
    (Server Settings → Integrations), the way Discord applies them."""
    root = command if isinstance(command, app_commands.ContextMenu) else command.root_parent or command
    shown = command_name(root)
    guild = member.guild
    lines: list[str] = []
    allowed = True
    perms = channel.permissions_for(member)
    required = root.default_permissions
    if perms.administrator:
        lines.append("Discord: they are an administrator, so no command is hidden from them.")
        return True, lines
    if required is not None and not perms >= required:
        allowed = False
        lines.append(f"Discord: {shown} needs {_names(required)} by default, which they lack here.")
    overrides = await _overrides(bot, root, guild)
    if not overrides:
        lines.append("Discord: no overrides for this command in Integrations.")
        return allowed, lines
    channel_rule = next((o for o in overrides if o.id == channel.id), None) or next(
        (o for o in overrides if o.id == guild.id - ALL_CHANNELS_OFFSET), None
    )
    if channel_rule is not None and not channel_rule.permission:
        return False, [*lines, f"Discord: Integrations turns {shown} off in #{channel.name}."]
    user_rule = next((o for o in overrides if o.id == member.id), None)
    role_rules = [o for o in overrides if o.id in {r.id for r in member.roles} and o.id != guild.id]
    everyone = next((o for o in overrides if o.id == guild.id), None)
    if user_rule is not None:
        verdict, why = user_rule.permission, "an override for them personally"
    elif role_rules:
        verdict, why = any(o.permission for o in role_rules), "an override for one of their roles"
    elif everyone is not None:
        verdict, why = everyone.permission, "the override for @everyone"
    else:
        return allowed, [*lines, "Discord: no override applies to them."]
    lines.append(f"Discord: Integrations {'allows' if verdict else 'denies'} it through {why}.")
    return verdict, lines


async def _overrides(bot: BotBase, root: Root, guild: discord.Guild) -> list[Any]:
    kind = root.type if isinstance(root, app_commands.ContextMenu) else discord.AppCommandType.chat_input
    try:
        synced = await bot.tree.fetch_commands()
        app_command = next((c for c in synced if c.name == root.name and c.type == kind), None)
        if app_command is None:
            return []
        return list((await app_command.fetch_permissions(guild)).permissions)
    except discord.NotFound:
        return []


async def bot_layer(
    bot: BotBase,
    command: Target,
    member: discord.Member,
    channel: discord.abc.GuildChannel | discord.Thread,
    config: GuildConfig,
) -> Verdict:
    """Khitomer's own rules: the command's declared rule, judged as the command itself judges it,
    with the permissions Discord computes for the member in that channel."""
    rule = rule_of(command) or Rule()
    owner = rule.owner and await is_owner(bot, member)
    return judge(rule, member, channel, channel.permissions_for(member), config, owner=owner)


def bot_lines(found: Verdict) -> list[str]:
    if found.refusal is not None:
        return [f"Khitomer: {found.refusal}"]
    said = [f"Khitomer: {line}" for line in (*found.passed, *found.limits)]
    return said or ["Khitomer: nothing in this server's settings stops it."]
