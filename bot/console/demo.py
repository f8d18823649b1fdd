"""The demo server the console starts in: its owner, moderators, a game master and players."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import discord
from simcord import ChannelHandle, Env, GuildHandle, MemberActor, RoleHandle

DEFAULT_GUILD_NAME = "Khitomer Conference"
DEFAULT_PLAYERS = ("alice", "bob", "carol")
CHANNELS = ("conference-hall", "lore-library")
OWNER, MODERATOR, GAME_MASTER = "owner", "mod", "gm"


@dataclass
class DemoServer:
    guild: GuildHandle
    channels: dict[str, ChannelHandle]
    members: dict[str, MemberActor] = field(default_factory=dict)
    roles: dict[str, RoleHandle] = field(default_factory=dict)
    players: tuple[str, ...] = DEFAULT_PLAYERS


def build_demo(
    env: Env, *, guild_name: str = DEFAULT_GUILD_NAME, players: Sequence[str] = DEFAULT_PLAYERS
) -> DemoServer:
    """The server owns itself through `owner`, who is also the bot's owner here (`/owner` works);
    `mod` has Manage Server; `gm` holds the Game Masters role, which a moderator can make the
    server's game-master role with `/config set setting:gm_role role:@"Game Masters"`."""
    owner = env.create_user(OWNER)
    guild = env.create_guild(name=guild_name, owner=owner)
    channels = {name: guild.create_text_channel(name) for name in CHANNELS}
    moderators = guild.create_role("Moderators", permissions=discord.Permissions(manage_guild=True))
    game_masters = guild.create_role("Game Masters")
    members = {
        OWNER: guild.add_member(owner),
        MODERATOR: guild.add_member(env.create_user(MODERATOR), roles=[moderators]),
        GAME_MASTER: guild.add_member(env.create_user(GAME_MASTER), roles=[game_masters]),
    }
    for name in players:
        members[name] = guild.add_member(env.create_user(name))
    roles = {"Moderators": moderators, "Game Masters": game_masters}
    env.bot.owner_ids = {owner.id}  # type: ignore[attr-defined]
    return DemoServer(guild, channels, members, roles, tuple(players))


def player_names(text: str) -> tuple[str, ...]:
    """`--players dax,kira,odo`: names as typed, checked to be usable at the prompt."""
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if not 1 <= len(names) <= 10:
        raise ValueError("--players takes 1 to 10 comma-separated names")
    for name in names:
        if not name.replace("-", "").replace("_", "").isalnum() or len(name) > 32:
            raise ValueError(f"--players: {name!r} should be one word of letters and digits")
        if name in {OWNER, MODERATOR, GAME_MASTER}:
            raise ValueError(f"--players: {name!r} is already a demo member")
    if len(set(names)) != len(names):
        raise ValueError("--players lists a name twice")
    return names
