"""Where a game's public replies go: the channel or thread the conference runs in, whatever
channel the command was typed in (the one it was convened from, a private talks thread). The
member who typed it is told privately where it went, so the thread reads as the whole record."""

from __future__ import annotations

from typing import Any

import discord

from bot.services.accords import AccordService

EPHEMERAL_LIMIT = 2000  # characters of a message's content


async def post(
    interaction: discord.Interaction,
    service: AccordService,
    game_id: int,
    *,
    keep: bool = False,
    tell: bool = True,
    **message: Any,
) -> discord.Message | None:
    """Post `message` (send_message's arguments) for the game: as the reply here when the game runs
    here, else in its channel, and then (`tell`) a private note to the member saying where. Returns
    the posted message; None only where Discord's answer did not name it and `keep` does not ask
    for it (fetching it back costs a request)."""
    where = await service.channel_of(game_id)
    if where and where != interaction.channel_id:
        posted = await _post_there(interaction, service, game_id, where, message)
        if posted is not None:
            if tell:
                await _say(interaction, content=_note(where, message.get("content")), ephemeral=True)
            return posted
    sent = await _say(interaction, **message)
    if sent is None and keep:  # Discord's answer did not name it: fetched back
        return await interaction.original_response()
    return sent


async def _post_there(
    interaction: discord.Interaction,
    service: AccordService,
    game_id: int,
    where: int,
    message: dict[str, Any],
) -> discord.Message | None:
    """The message in the game's channel; None when that is gone or closed to the bot (the reply
    then goes here). A deleted thread moves the conference back to the channel it was typed in."""
    channel = interaction.client.get_partial_messageable(where, guild_id=interaction.guild_id)
    try:
        return await channel.send(**message)
    except discord.NotFound:
        if interaction.channel_id and not isinstance(interaction.channel, discord.Thread):
            await service.move_to_channel(game_id, interaction.channel_id)
        return None
    except discord.Forbidden:  # locked, or the bot may no longer post there
        return None


async def _say(interaction: discord.Interaction, **message: Any) -> discord.Message | None:
    """Reply here: the response if none was sent yet, else a follow-up. Either answers with the
    message it posted (the response's callback names it: no request fetches it back)."""
    if interaction.response.is_done():
        return await interaction.followup.send(**message, wait=True)
    sent = await interaction.response.send_message(**message)
    return sent.resource if isinstance(sent.resource, discord.Message) else None


def _note(where: int, content: str | None) -> str:
    """What the member who typed the command reads: where it went, and what it said."""
    said = f"Posted in <#{where}>, where the conference sits"
    if content and len(said) + 2 + len(content) <= EPHEMERAL_LIMIT:
        return f"{said}: {content}"
    return f"{said}."
