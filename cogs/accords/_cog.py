"""The /accord cog: the commands of each phase on one foundation."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.application.checks import requires

from . import _actions
from ._delegation_play import DelegationPlay
from ._host import HostCommands
from ._lobby import LobbyCommands
from ._record import RecordCommands
from ._table import TableCommands


@app_commands.guild_only()
@requires(area="accords", guild=True)
class Accords(
    LobbyCommands,
    TableCommands,
    HostCommands,
    RecordCommands,
    DelegationPlay,
    commands.GroupCog,
    group_name="accord",
    group_description="The accords game: negotiate and sign.",
):
    """/accord: every command of the game, gathered from the modules of each phase; and the
    GameActions its buttons (_views.py) act through."""

    async def press(
        self, interaction: discord.Interaction, game_id: int, action: str, arg: int | None
    ) -> None:
        await _actions.press(interaction, game_id, action, arg)

    async def abandon_confirmed(self, interaction: discord.Interaction, game_id: int) -> None:
        await _actions.abandon_confirmed(interaction, game_id)
