"""Shared by the confirmation buttons (remove lore, reset settings, abandon a conference): the
yes/no buttons and the answer, which only the member who asked may give."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.domain.errors import NotAllowed


def choice_button(custom_id: str, choice: str, yes: str, no: str) -> discord.ui.Button[Any]:
    """The danger-styled "yes" or the plain "no" of a confirmation."""
    confirmed = choice == "yes"
    return discord.ui.Button(
        label=yes if confirmed else no,
        style=discord.ButtonStyle.danger if confirmed else discord.ButtonStyle.secondary,
        custom_id=custom_id,
    )


async def answer(
    interaction: discord.Interaction,
    *,
    asker_id: int,
    choice: str,
    kept: str,
    confirmed: Callable[[], Awaitable[None]],
    asker: str = "member",
) -> None:
    """Check the presser asked (custom_ids are untrusted), then keep or carry out; what it
    raises reaches the one error handler through the button (bot/application/components.py)."""
    if interaction.user.id != asker_id:
        raise NotAllowed(f"Only the {asker} who asked can confirm this.")
    if choice != "yes":
        await interaction.response.edit_message(content=kept, view=None)
        return
    await confirmed()
