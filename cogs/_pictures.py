"""Sending pictures: laid out and drawn in the worker process (bot/services/worker_process.py),
attached as PNG files with their alt text."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TypeVar

import discord

from bot.services.pictures import MapPlan
from bot.services.worker_process import in_worker_process

P = TypeVar("P")


def map_png(plan: MapPlan) -> bytes:
    """The map laid out, its text measured in the font it is drawn in, and drawn."""
    from bot.ui.pictures import draw_map, measure  # Pillow, loaded with the first picture

    return draw_map(plan.layout(measure))


def draw_all(draw: Callable[[P], bytes], plans: list[P]) -> list[bytes]:
    """Each plan drawn (in the worker process: `draw` is a module's function, pickled by name)."""
    return [draw(plan) for plan in plans]


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
    picture's plan (lay it out, measuring its text, and draw it: all CPU work) in the worker
    process, and send them as `name-1.png`… with their descriptions. Not a thread: a map of 300
    accords held the loop 50-130 ms from one on a busy machine (Pillow's text calls keep the GIL)."""
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    drawn = await in_worker_process(draw_all, draw, [plan for plan, _ in pictures])  # one hop
    files = [
        discord.File(io.BytesIO(png), filename=f"{name}-{i}.png" if len(drawn) > 1 else f"{name}.png",
                     description=alt)
        for i, (png, (_, alt)) in enumerate(zip(drawn, pictures, strict=True), 1)
    ]  # fmt: skip
    await interaction.followup.send(text, files=files, ephemeral=ephemeral)
