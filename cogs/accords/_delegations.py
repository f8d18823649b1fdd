"""The bot's delegations on Discord: seating them (/accord host delegate, the lobby's fill button),
under the server's `game.delegations` setting."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.application.checks import config_of
from bot.domain.accords import GameState, Phase
from bot.domain.accords import commands as c
from bot.domain.errors import NotAllowed
from bot.services.accords import power_named, power_names

from ._clock import now
from ._context import phase_durations

if TYPE_CHECKING:
    from ._core import AccordsCore

OFF = "The moderators of this server have turned the bot's delegations off: every seat here is for a player."


async def ensure_allowed(interaction: discord.Interaction) -> None:
    """Refuse, before anything is stored, where the server turned delegations off."""
    if (await config_of(interaction)).raw("game.delegations") != "on":
        raise NotAllowed(OFF)


async def seat_one(core: AccordsCore, interaction: discord.Interaction, power: str) -> None:
    """/accord host delegate: the bot's delegation takes a free seat (or a silent player's)."""
    await ensure_allowed(interaction)
    game = await core._game_here(interaction)
    chosen = power_named(power, game.powers)
    durations = phase_durations(await config_of(interaction))

    def said(state: GameState) -> str:
        if state.phase is Phase.CONVENED:
            return (
                f"The bot's delegation now sits for {chosen}. A player who takes the seat in the lobby "
                "takes it over."
            )
        return f"The bot's delegation now plays {chosen}, whose players had gone silent."

    await core._simple(interaction, c.Delegate(chosen, now(), durations), said)


def seat_choices(game: GameState | None, current: str) -> list[app_commands.Choice[str]]:
    """The seats a delegation may take: the free ones in the lobby, the players' ones after."""
    if game is None:
        return []
    if game.phase is Phase.CONVENED:
        taken = set(game.seated_powers())
        open_seats = [p for p in game.powers if p not in taken]
        note = " (free seat)"
    else:
        open_seats = [s.power for s in game.seats if not s.delegation]
        note = " (if its players have gone silent)"
    matching = set(power_names().among(open_seats).suggest(current))
    return [app_commands.Choice(name=p + note, value=p) for p in open_seats if p in matching][:25]


def took_over(before: GameState, power: str) -> str:
    """What a player who sits down in a delegation's seat is told ("" for any other seat)."""
    held = any(s.power == power and s.delegation for s in before.seats)
    return ", taking over from the bot's delegation" if held else ""
