"""Sending pictures: laid out and drawn off the event loop, attached as PNG files with their alt
text."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Sequence
from typing import TypeVar

import discord

from bot.services.pictures import MapPlan

P = TypeVar("P")


def map_png(plan: MapPlan) -> bytes:
    """The map laid out, its text measured in the font it is drawn in, and drawn."""
    from bot.ui.pictures import draw_map, measure  # Pillow, loaded with the first picture

    return draw_map(plan.layout(measure))


async def send_pictures(
    interaction: discord.Interaction,
    text: str,
    pictures: Sequence[tuple[P, str]],
    draw: Callable[[P], bytes],
    name: str,
    *,
    ephemeral: bool,
) -> None:
    """Defer (drawing may take longer than Discord's three seconds on a busy machine), `draw` each
    picture's plan (lay it out, measuring its text, and draw it: all CPU work) in one worker
    thread, and send them as `name-1.png`… with their descriptions."""
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    drawn = await asyncio.to_thread(lambda: [draw(plan) for plan, _ in pictures])  # one hop
    files = [
        discord.File(io.BytesIO(png), filename=f"{name}-{i}.png" if len(drawn) > 1 else f"{name}.png",
                     description=alt)
        for i, (png, (_, alt)) in enumerate(zip(drawn, pictures, strict=True), 1)
    ]  # fmt: skip
    await interaction.followup.send(text, files=files, ephemeral=ephemeral)
