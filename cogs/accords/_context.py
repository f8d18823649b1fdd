"""Where and when an /accord interaction acts, and how to say it changed nothing."""

from __future__ import annotations

from typing import Any

import discord

from bot.domain.guild_config import GuildConfig

from ._clock import PHASE_SETTING


def already(kind: str, data: dict[str, Any]) -> str:
    """Why an action changed nothing: it was already so."""
    article = data.get("article")
    return {
        "sign": "Nothing changed: your power has already signed.",
        "refuse": "Nothing changed: your power has already answered, and a signature stands.",
        "support": f"Nothing changed: your power already supports Article {article}.",
        "oppose": f"Nothing changed: your power already opposes Article {article}.",
    }.get(kind, "Nothing changed: that was already so.")


def places_of(interaction: discord.Interaction) -> list[int]:
    """Where to look for this interaction's conference: here, then a thread's channel."""
    places = [interaction.channel_id or 0]
    channel = interaction.channel
    if isinstance(channel, discord.Thread) and channel.parent_id:
        places.append(channel.parent_id)
    return places


def phase_durations(config: GuildConfig) -> dict[str, int]:
    """Seconds each phase lasts in this server, by phase name, as the machine reads them."""
    return {phase.value: config.seconds(setting) for phase, setting in PHASE_SETTING.items()}
