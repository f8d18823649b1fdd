"""Where and when an /accord interaction acts, and how to say it changed nothing."""

from __future__ import annotations

import discord

from bot.domain.accords import Phase
from bot.domain.accords import commands as c
from bot.domain.guild_config import GuildConfig

from ._clock import PHASE_SETTING


def already(command: c.Command) -> str:
    """Why an action changed nothing: it was already so."""
    match command:
        case c.Sign():
            return "Nothing changed: your power has already signed."
        case c.Refuse():
            return "Nothing changed: your power has already answered, and a signature stands."
        case c.Support(article=article):
            return f"Nothing changed: your power already supports Article {article}."
        case c.Oppose(article=article):
            return f"Nothing changed: your power already opposes Article {article}."
        case c.Depart():
            return "Nothing changed: your delegation has already left the conference."
    return "Nothing changed: that was already so."


def places_of(interaction: discord.Interaction) -> list[int]:
    """Where to look for this interaction's conference: here, then a thread's channel."""
    places = [interaction.channel_id or 0]
    channel = interaction.channel
    if isinstance(channel, discord.Thread) and channel.parent_id:
        places.append(channel.parent_id)
    return places


def phase_durations(config: GuildConfig) -> dict[Phase, float]:
    """Seconds each phase lasts in this server, as the machine reads them."""
    return {phase: float(config.seconds(setting)) for phase, setting in PHASE_SETTING.items()}
