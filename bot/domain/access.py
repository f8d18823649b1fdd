"""Who may run a command, and where: each command's requirements as data (a Rule), and the one
verdict that the runtime, /help and /config explain all ask for.

Pure: bot/application/checks.py reads the facts from Discord (the member, the channel, the permissions
Discord computed for that channel) and hands them over as an Asker and a Place.
"""

from __future__ import annotations

from dataclasses import dataclass

from .guild_config import AREAS, GuildConfig

NOT_IN_A_SERVER = "This only works in a server."
AREA_OFF = "{area} is turned off here by the moderators."
OWNERS_ONLY = "Only the bot's owners can use this."
MANAGE_SERVER_ONLY = "Only members with Manage Server can change this server's settings."
MODERATORS_ONLY = "Only this server's moderators (Manage Server or the game-master role) can do that."
NOT_IN_A_THREAD = "Conferences are convened in a channel, not in a thread: use {parent}."
# Where they may be convened instead, as mentions (a mention of a channel pings nobody).
OTHER_CHANNELS = "Conferences are not convened in this channel: the moderators keep them to {places}."
NO_GAME_CHANNEL = (
    "Conferences cannot be convened in any channel of this server just now: the channels the "
    "moderators chose for them are gone. Ask a moderator to choose others."
)
TIERS_HIDE = (
    "This server shows only {shown} sources and its own lore (lore.tiers): entries resting only on "
    "other sources are left out, and asked for by name they are refused."
)
TIER_WORDS = {"canon": "canon", "canon+licensed": "canon and licensed"}


@dataclass(frozen=True, slots=True)
class Rule:
    """What a command requires, declared once beside it (bot/application/checks.py `requires`)."""

    area: str | None = None  # lore, treaties or accords: a server may turn it off
    guild: bool = False  # only in a server
    owner: bool = False  # only the bot's owners
    manage_server: bool = False  # only members with Manage Server (the /config group)
    moderator: bool = False  # Manage Server or the server's game-master role
    game_channel: bool = False  # where conferences may be convened (game.channels, not a thread)
    tiers: bool = False  # what it shows follows lore.tiers

    def merged(self, other: Rule) -> Rule:
        """Both rules at once: a cog's rule with a command's own."""
        return Rule(
            area=self.area or other.area,
            guild=self.guild or other.guild,
            owner=self.owner or other.owner,
            manage_server=self.manage_server or other.manage_server,
            moderator=self.moderator or other.moderator,
            game_channel=self.game_channel or other.game_channel,
            tiers=self.tiers or other.tiers,
        )


@dataclass(frozen=True, slots=True)
class Asker:
    """Who asks: read from the member and the permissions Discord computes for the channel."""

    in_guild: bool
    manage_server: bool = False
    role_ids: frozenset[int] = frozenset()
    owner: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """Where: the channel, its category, and the channel a thread belongs to. Of the server's game
    channels (game.channels), which are categories and which no longer exist, when known."""

    channel_id: int
    category_id: int | None = None
    thread_of: int | None = None
    categories: frozenset[int] = frozenset()
    gone: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Verdict:
    """Allowed (refusal None) or the sentence the member reads; why, for /config explain."""

    refusal: str | None = None
    here: bool = False  # refused because of the channel, not because of who asks
    passed: tuple[str, ...] = ()  # the requirements met, in words
    limits: tuple[str, ...] = ()  # what a setting still hides when allowed

    @property
    def allowed(self) -> bool:
        return self.refusal is None


def is_moderator(asker: Asker, config: GuildConfig) -> bool:
    """Manage Server here, or the server's game-master role (/config set gm_role)."""
    gm_role = config.gm_role()
    return asker.in_guild and (asker.manage_server or (gm_role is not None and gm_role in asker.role_ids))


def verdict(rule: Rule, asker: Asker, place: Place, config: GuildConfig) -> Verdict:
    """May this asker run a command declaring `rule` in this place, under this server's config?"""
    passed: list[str] = []
    if (rule.guild or rule.manage_server or rule.moderator or rule.game_channel) and not asker.in_guild:
        return Verdict(NOT_IN_A_SERVER)
    if rule.area in AREAS:
        if not config.area_enabled(rule.area):
            return Verdict(AREA_OFF.format(area=rule.area.capitalize()))
        passed.append(f"{rule.area.capitalize()} is on in this server.")
    if rule.owner:
        if not asker.owner:
            return Verdict(OWNERS_ONLY)
        passed.append("They are one of the bot's owners.")
    if rule.manage_server:
        if not asker.manage_server:
            return Verdict(MANAGE_SERVER_ONLY)
        passed.append("They have Manage Server here.")
    if rule.moderator:
        if not is_moderator(asker, config):
            return Verdict(MODERATORS_ONLY)
        passed.append("They are a moderator here (Manage Server or the game-master role).")
    if rule.game_channel:
        refusal = _game_channel_refusal(place, config)
        if refusal is not None:
            return Verdict(refusal, here=True)
        passed.append("Conferences may be convened in this channel (game.channels).")
    limits = _tier_limits(config) if rule.tiers else ()
    return Verdict(passed=tuple(passed), limits=limits)


def _game_channel_refusal(place: Place, config: GuildConfig) -> str | None:
    if place.thread_of is not None:
        return NOT_IN_A_THREAD.format(parent=f"<#{place.thread_of}>")
    allowed = config.game_channels()
    if allowed and place.channel_id not in allowed and place.category_id not in allowed:
        left = [i for i in allowed if i not in place.gone]
        return OTHER_CHANNELS.format(places=_places(left, place.categories)) if left else NO_GAME_CHANNEL
    return None


def _places(ids: list[int], categories: frozenset[int]) -> str:
    """`<#1>, <#2> and the channels of <#3>`: channels, and categories by their channels."""
    named = [f"the channels of <#{i}>" if i in categories else f"<#{i}>" for i in ids]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


def _tier_limits(config: GuildConfig) -> tuple[str, ...]:
    shown = TIER_WORDS.get(config.raw("lore.tiers"))
    return (TIERS_HIDE.format(shown=shown),) if shown else ()
