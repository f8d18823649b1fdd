"""The demo server the console starts in: two channels, a moderator and three players."""

from __future__ import annotations

from dataclasses import dataclass, field

import discord
from simcord import ChannelHandle, Env, GuildHandle, MemberActor


@dataclass
class DemoServer:
    guild: GuildHandle
    channels: dict[str, ChannelHandle]
    members: dict[str, MemberActor] = field(default_factory=dict)


def build_demo(env: Env) -> DemoServer:
    guild = env.create_guild(name="Khitomer Conference")
    channels = {name: guild.create_text_channel(name) for name in ("conference-hall", "lore-library")}
    moderators = guild.create_role("Moderators", permissions=discord.Permissions(manage_guild=True))
    members = {"mod": guild.add_member(env.create_user("mod"), roles=[moderators])}
    for name in ("alice", "bob", "carol"):
        members[name] = guild.add_member(env.create_user(name))
    return DemoServer(guild, channels, members)
