"""The host's and moderators' tools: pause, resume, extend, replace a player, abandon."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.checks import is_moderator
from bot.domain.accords import commands as c
from bot.domain.accords import decide
from bot.domain.errors import InvalidInput
from bot.domain.formatting import format_duration
from bot.domain.guild_config import parse_duration
from bot.ui import accord_pages
from bot.ui.text import plain

from ._clock import now
from ._core import AccordsCore
from ._views import abandon_view


class HostCommands(AccordsCore):
    host = app_commands.Group(
        name="host", description="Host or moderator: pause, resume, extend, replace, abandon."
    )

    @host.command(name="pause", description="Host or moderator: pause the conference.")
    async def pause(self, interaction: discord.Interaction) -> None:
        await self._simple(
            interaction,
            c.Pause(now()),
            lambda s: f"The conference is paused: the clock stops, {format_duration(s.remaining or 0)} left.",
        )

    @host.command(name="resume", description="Host or moderator: resume a paused conference.")
    async def resume(self, interaction: discord.Interaction) -> None:
        await self._simple(
            interaction,
            c.Resume(now()),
            lambda s: f"The conference resumes: {s.phase.label} {accord_pages.clock(s)}.",
        )

    @host.command(name="abandon", description="Host or moderator: end the conference without an accord.")
    async def abandon(self, interaction: discord.Interaction) -> None:
        game = await self._game_here(interaction)
        decide(game, c.Abandon(), interaction.user.id, staff=await is_moderator(interaction))  # refused now?
        await interaction.response.send_message(
            f"Abandon **{plain(game.title)}**? It ends at once, without an accord, and cannot be undone.",
            view=abandon_view(game.game_id, interaction.user.id),
            ephemeral=True,
        )

    @host.command(name="extend", description="Host or moderator: give the current phase more time.")
    @app_commands.describe(by="How much longer, like 30m, 2h or 1d")
    async def extend(self, interaction: discord.Interaction, by: app_commands.Range[str, 1, 20]) -> None:
        seconds = parse_duration(by)
        await self._simple(
            interaction,
            c.Extend(seconds),
            lambda s: (
                f"The deadline moves {format_duration(seconds)} later: {s.phase.label} "
                f"{accord_pages.clock(s)}."
            ),
        )

    @host.command(
        name="replace", description="Host or moderator: give an absent player's seat to someone else."
    )
    async def replace(
        self, interaction: discord.Interaction, absent: discord.Member, newcomer: discord.Member
    ) -> None:
        if newcomer.bot:
            raise InvalidInput("Bots cannot take a seat.")
        await self._simple(
            interaction,
            c.Replace(absent.id, newcomer.id),
            f"{newcomer.mention} takes over from {absent.mention}.",
        )
