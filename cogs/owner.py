"""Owner-only tools: deliberate command sync and error look-up by reference."""

from __future__ import annotations

import io
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.application.app import KhitomerBot
from bot.application.checks import requires
from bot.application.sync import sync_commands
from bot.domain.errors import NotAllowed, NotFound
from bot.domain.inert import quoted
from bot.domain.paging import tail
from bot.services.operations import error_report
from bot.ui.embeds import info_embed


# Default permissions only hide the group from non-admins, and server admins can change them;
# the owner rule, checked at run time, is what actually guards it.
@app_commands.default_permissions(administrator=True)
@requires(owner=True)
class Owner(
    commands.GroupCog,
    group_name="owner",
    group_description="Tools for the bot's owners.",
    group_extras={"area": "Owner"},
):
    def __init__(self, bot: KhitomerBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="sync", description="Push the slash commands to Discord.")
    @app_commands.describe(scope="Here: this server only, at once. Global: every server, within the hour.")
    async def sync(self, interaction: discord.Interaction, scope: Literal["here", "global"] = "here") -> None:
        if scope == "here" and interaction.guild_id is None:
            raise NotAllowed("Use scope global in a direct message; 'here' needs a server.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        guild_id = interaction.guild_id if scope == "here" else None
        count = await sync_commands(self.bot.tree, guild_id)
        where = "to this server" if guild_id else "globally (may take up to an hour to show everywhere)"
        await interaction.followup.send(f"Synced {count} commands {where}.", ephemeral=True)

    @app_commands.command(name="error", description="Show the error kept under a reference a user was given.")
    @app_commands.describe(reference="The 8-character reference from the apology message.")
    async def error(
        self, interaction: discord.Interaction, reference: app_commands.Range[str, 1, 16]
    ) -> None:
        report = await error_report(self.bot.db, reference)
        if report is None:
            raise NotFound(f"No error is kept under reference {quoted(reference)}.")
        embed = info_embed(f"Error {report.reference}", f"```\n{tail(report.traceback, 3900)}\n```")
        embed.add_field(name="When", value=discord.utils.format_dt(report.occurred_at))
        embed.add_field(name="Command", value=report.command or "unknown")
        embed.add_field(name="Type", value=report.error_type)
        # The embed shows the end of the traceback; the whole of it comes as a file to keep.
        whole = discord.File(io.BytesIO(report.traceback.encode()), filename=f"error-{report.reference}.txt")
        await interaction.response.send_message(embed=embed, file=whole, ephemeral=True)


async def setup(bot: KhitomerBot) -> None:
    await bot.add_cog(Owner(bot))
