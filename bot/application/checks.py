"""Who may run what. Each command declares its requirements once, with `requires` (a Rule,
bot/domain/access.py, carried by an app-command check); the runtime, /help
(bot/application/command_catalog.py) and /config explain all ask `judge` about that same rule.

discord.py hands only AppCommandError from a check to the tree's error handler, so a check
says "no" with Refused (a CheckFailure). Anything else a check raises (a lost database
connection, say) is caught by the tree (bot/application/tree.py) and answered with the apology.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import discord
from discord import app_commands
from discord.ext.commands.bot import BotBase

from ..domain.access import Asker, Place, Rule, Verdict, verdict
from ..domain.guild_config import AREAS, GuildConfig
from ..services.guild_config import ConfigService

T = TypeVar("T")


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


async def is_owner(client: object, user: discord.abc.User) -> bool:
    """One of the bot's owners (without OWNER_IDS, asking costs Discord a request)."""
    return isinstance(client, BotBase) and await client.is_owner(user)


def place_of(channel: object, channel_id: int | None = None) -> Place:
    if isinstance(channel, discord.Thread):
        return Place(channel.id, getattr(channel.parent, "category_id", None), thread_of=channel.parent_id)
    found = getattr(channel, "id", None)
    return Place(found if isinstance(found, int) else channel_id or 0, getattr(channel, "category_id", None))


def judge(
    rule: Rule,
    member: discord.abc.User,
    channel: object,
    permissions: discord.Permissions,
    config: GuildConfig,
    *,
    owner: bool = False,
    channel_id: int | None = None,
) -> Verdict:
    """The one verdict. `permissions` are the member's in that channel, as Discord computes them:
    interaction.permissions at run time, channel.permissions_for(member) in /config explain."""
    in_guild = isinstance(member, discord.Member)
    roles = frozenset(role.id for role in member.roles) if isinstance(member, discord.Member) else frozenset()
    asker = Asker(in_guild, permissions.manage_guild, roles, owner)
    place = place_of(channel, channel_id)
    if rule.game_channel and config.game_channels():
        place = _with_game_channels(place, channel, config.game_channels())
    return verdict(rule, asker, place, config)


def _with_game_channels(place: Place, channel: object, allowed: tuple[int, ...]) -> Place:
    """The place, told which of the game channels are categories and which are gone, so that a
    refusal names the channels that take conferences (unknown without the server at hand)."""
    guild = getattr(channel, "guild", None)
    if not isinstance(guild, discord.Guild):
        return place
    found = {i: guild.get_channel(i) for i in allowed}
    categories = frozenset(i for i, c in found.items() if isinstance(c, discord.CategoryChannel))
    return replace(place, categories=categories, gone=frozenset(i for i, c in found.items() if c is None))


def judge_here(interaction: discord.Interaction, rule: Rule, config: GuildConfig, *, owner: bool) -> Verdict:
    """The verdict for whoever sent this interaction, where they sent it, with the server's
    settings and whether they own the bot already read (/help judges every command at once)."""
    return judge(
        rule,
        interaction.user,
        interaction.channel,
        interaction.permissions,
        config,
        owner=owner,
        channel_id=interaction.channel_id,
    )


async def verdict_of(interaction: discord.Interaction, rule: Rule) -> Verdict:
    """The verdict for whoever sent this interaction, where they sent it."""
    config = await config_of(interaction)
    owner = rule.owner and await is_owner(interaction.client, interaction.user)
    return judge_here(interaction, rule, config, owner=owner)


async def ensure(interaction: discord.Interaction, rule: Rule) -> None:
    """Refuse, in the member's words, unless the rule allows them here."""
    found = await verdict_of(interaction, rule)
    if found.refusal is not None:
        raise Refused(found.refusal)


class RuleCheck:
    """The app-command check `requires` adds; its rule is what /help and /config explain read."""

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    async def __call__(self, interaction: discord.Interaction) -> bool:
        await ensure(interaction, self.rule)
        return True


def requires(
    declared: Rule | None = None,
    *,
    area: str | None = None,
    guild: bool = False,
    owner: bool = False,
    manage_server: bool = False,
    moderator: bool = False,
    game_channel: bool = False,
    tiers: bool = False,
) -> Callable[[T], T]:
    """Declare what a command requires: on a command, or on a cog class for all its commands
    (merged with what a command declares itself). Every command carries exactly one rule."""
    rule = Rule(area, guild, owner, manage_server, moderator, game_channel, tiers)
    if declared is not None:
        rule = declared.merged(rule)

    def decorate(target: T) -> T:
        if isinstance(target, type):
            for command in _commands_of(target):
                _declare(command.checks, rule)
            return target
        if isinstance(target, app_commands.Command):
            _declare(target.checks, rule)
            return target
        if not hasattr(target, "__discord_app_commands_checks__"):
            target.__discord_app_commands_checks__ = []  # type: ignore[attr-defined]
        _declare(target.__discord_app_commands_checks__, rule)  # type: ignore[attr-defined]
        return target

    return decorate


def _declare(checks: list[Any], rule: Rule) -> None:
    for index, check in enumerate(checks):
        if isinstance(check, RuleCheck):
            checks[index] = RuleCheck(check.rule.merged(rule))
            return
    checks.append(RuleCheck(rule))


def _commands_of(cog: type) -> list[app_commands.Command[Any, ..., Any]]:
    found: list[app_commands.Command[Any, ..., Any]] = []
    for item in getattr(cog, "__cog_app_commands__", []):
        if isinstance(item, app_commands.Group):
            found += [c for c in item.walk_commands() if isinstance(c, app_commands.Command)]
        elif isinstance(item, app_commands.Command):
            found.append(item)
    return found


def rule_of(command: app_commands.Command[Any, ..., Any] | app_commands.ContextMenu) -> Rule | None:
    """What the command declared, or None if it declared nothing (a test forbids that)."""
    return next((check.rule for check in command.checks if isinstance(check, RuleCheck)), None)


async def ensure_area_enabled(interaction: discord.Interaction, area: str) -> None:
    """A turned-off area answers every command and every button, old messages' too, with this."""
    if area in AREAS:
        await ensure(interaction, Rule(area=area))


async def is_moderator(interaction: discord.Interaction) -> bool:
    """Manage Server here, or the game-master role: hosts any game, runs moderator lore commands."""
    return (await verdict_of(interaction, Rule(moderator=True))).allowed


async def require_moderator(interaction: discord.Interaction) -> None:
    """Re-checked where a command's own check cannot reach: a form submitted later, a button."""
    await ensure(interaction, Rule(moderator=True))
