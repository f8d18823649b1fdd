"""The /accord cog: the commands of each phase on one foundation."""

from __future__ import annotations

from discord import app_commands
from discord.ext import commands

from ._host import HostCommands
from ._lobby import LobbyCommands
from ._record import RecordCommands
from ._table import TableCommands


@app_commands.guild_only()
class Accords(
    LobbyCommands,
    TableCommands,
    HostCommands,
    RecordCommands,
    commands.GroupCog,
    group_name="accord",
    group_description="The accords game: negotiate and sign.",
):
    """/accord: every command of the game, gathered from the modules of each phase."""
