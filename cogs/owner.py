"""Owner-only tools: deliberate command sync, error look-up by reference, and the servers that
removed the bot (their data's purge: listed, or done at once). The cog also runs the departures
timer (bot/application/departures.py) and hears the gateway events it needs."""

from __future__ import annotations

import io
from typing import Literal

import discord
from discord import app_commands
from discord.app_commands import Choice
from discord.ext import commands

from bot.application.app import KhitomerBot
from bot.application.checks import ensure, is_owner, requires
from bot.application.departures import Departures
from bot.application.sync import sync_commands
from bot.domain.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.ids import parse_id
from bot.domain.inert import quoted
from bot.domain.paging import paginate, tail
from bot.services.operations import error_report
from bot.ui.embeds import info_embed
from bot.ui.pager import send_pages
from bot.ui.server_purges import NONE_PENDING, confirmation, pending_lines
from cogs._server_purges import OWNER_RULE, PurgeButton, confirm_view, purgeable


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
        self.departures = Departures(bot)
        super().__init__()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(PurgeButton)
        self.bot.page_sources.register("owner_purges", self._purges_pages)
        self.departures.start()
        # joins and servers available (how a server shows at start-up and after an outage) are
        # handed over by the bot itself, not heard as listeners: see KhitomerBot.dispatch
        self.bot.server_seen = self.departures.seen

    async def cog_unload(self) -> None:
        if self.bot.server_seen == self.departures.seen:
            self.bot.server_seen = None
        await self.departures.stop()

    # -- servers that leave: the gateway's word, and what a purge leaves behind ------------------

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        self.departures.left(guild)

    @commands.Cog.listener()
    async def on_shard_ready(self, shard_id: int) -> None:
        self.departures.shard_ready(shard_id)

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

    async def _purges_pages(self, interaction: discord.Interaction, _arg: str) -> list[discord.Embed]:
        await ensure(interaction, OWNER_RULE)  # a page button on an old message, too
        lines = pending_lines(await self.departures.service.pending()) or [NONE_PENDING]
        pages = paginate(lines, max_chars=3500, max_lines=10)
        return [info_embed("Servers pending purge", page) for page in pages]

    @app_commands.command(
        name="purges", description="Servers that removed the bot, and when their data goes."
    )
    async def purges(self, interaction: discord.Interaction) -> None:
        await send_pages(interaction, "owner_purges", await self._purges_pages(interaction, ""))

    @app_commands.command(name="purge", description="Delete now the data of a server that removed the bot.")
    @app_commands.describe(server="The server (servers pending purge autocomplete), or its ID")
    async def purge(self, interaction: discord.Interaction, server: app_commands.Range[str, 1, 40]) -> None:
        guild_id = parse_id(server.strip())
        if guild_id is None:
            raise InvalidInput("That is not a server ID: pick a server from the list, or paste its ID.")
        label, pending = await purgeable(self.bot, guild_id)
        counts = await self.departures.service.counts(guild_id)
        if not counts:  # nothing kept: what the bot does not know of the server is not guessed at
            raise NotFound(f"Khitomer keeps nothing of server `{guild_id}`.")
        await interaction.response.send_message(
            confirmation(label, counts, pending),
            view=confirm_view(guild_id, interaction.user.id),
            ephemeral=True,
        )

    @purge.autocomplete("server")
    async def _servers(self, interaction: discord.Interaction, current: str) -> list[Choice[str]]:
        if not await is_owner(self.bot, interaction.user):
            return []  # autocomplete runs no checks: names of servers are for owners only
        typed = current.strip().casefold()
        return [
            Choice(name=f"{p.name or 'name not seen'} · {p.guild_id}"[:100], value=str(p.guild_id))
            for p in await self.departures.service.pending()
            if typed in f"{p.name or ''} {p.guild_id}".casefold()
        ][:25]


async def setup(bot: KhitomerBot) -> None:
    await bot.add_cog(Owner(bot))
