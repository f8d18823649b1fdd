"""Sending pictures: drawn off the event loop, attached as PNG files with their alt text."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Sequence
from typing import TypeVar

import discord

L = TypeVar("L")


async def send_pictures(
    interaction: discord.Interaction,
    text: str,
    pictures: Sequence[tuple[L, str]],
    draw: Callable[[L], bytes],
    name: str,
    *,
    ephemeral: bool,
) -> None:
    """Defer (drawing may take longer than Discord's three seconds on a busy machine), draw each
    layout in a worker thread, and send them as `name-1.png`… with their descriptions."""
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    drawn = await asyncio.to_thread(lambda: [draw(layout) for layout, _ in pictures])  # one hop
    files = [
        discord.File(io.BytesIO(png), filename=f"{name}-{i}.png" if len(drawn) > 1 else f"{name}.png",
                     description=alt)
        for i, (png, (_, alt)) in enumerate(zip(drawn, pictures, strict=True), 1)
    ]  # fmt: skip
    await interaction.followup.send(text, files=files, ephemeral=ephemeral)
