"""The host's and moderators' tools: pause, resume, extend, replace a player, abandon."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.application.checks import config_of, is_moderator
from bot.domain.accords import GameState, decide
from bot.domain.accords import commands as c
from bot.domain.accords import events as e
from bot.domain.accords.absence import Present
from bot.domain.errors import InvalidInput
from bot.domain.formatting import format_duration
from bot.domain.guild_config import parse_duration
from bot.ui import accord_pages
from bot.ui.accord_minutes import silence
from bot.ui.text import plain

from ._clock import now
from ._consent import ConsentButton, Request, consent_view
from ._context import phase_durations
from ._core import AccordsCore, act, announce_end, shown_on
from ._delegations import seat_choices, seat_one
from ._post import post
from ._views import abandon_view


class HostCommands(AccordsCore):
    host = app_commands.Group(
        name="host", description="Host or moderator: pause, resume, extend, replace, delegate, abandon."
    )

    async def cog_load(self) -> None:
        await super().cog_load()
        self.bot.add_dynamic_items(ConsentButton)

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

    @host.command(
        name="delegate", description="Host or moderator: seat the bot's delegation for a free seat."
    )
    @app_commands.describe(power="A free seat (after the start: a seat whose players went silent)")
    async def delegate(self, interaction: discord.Interaction, power: app_commands.Range[str, 1, 60]) -> None:
        await seat_one(self, interaction, power)

    @delegate.autocomplete("power")
    async def delegate_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return seat_choices(await self._running_here(interaction), current)

    @host.command(name="extend", description="Host or moderator: give the current phase more time.")
    @app_commands.describe(by="How much longer, like 30m, 2h or 1d")
    async def extend(self, interaction: discord.Interaction, by: app_commands.Range[str, 1, 20]) -> None:
        seconds = parse_duration(by)
        await self._simple(
            interaction,
            c.Extend(seconds),
            lambda s: (
                f"The paused conference gets {format_duration(seconds)} more: once resumed, "
                f"{s.phase.label} has {format_duration(s.remaining or 0)} left."
                if s.paused
                else f"The deadline moves {format_duration(seconds)} later: {s.phase.label} "
                f"{accord_pages.clock(s)}."
            ),
        )

    @host.command(
        name="replace", description="Host or moderator: give an absent player's seat to someone else."
    )
    @app_commands.describe(
        absent="A seated player who has not acted for half the phase (anyone else is asked first)",
        newcomer="The member who takes the seat",
    )
    async def replace(
        self, interaction: discord.Interaction, absent: discord.Member, newcomer: discord.Member
    ) -> None:
        """A silent player's seat changes hands at once; a present player is asked in the channel,
        and only their own button hands it over (_consent.py)."""
        if newcomer.bot:
            raise InvalidInput("Bots cannot take a seat.")
        game = await self._game_here(interaction)
        durations = phase_durations(await config_of(interaction))
        command = c.Replace(absent.id, newcomer.id, now(), durations)
        try:
            state, events = await act(interaction, game.game_id, command)
        except Present as present:
            await self._ask(interaction, game, newcomer, present)
            return
        await self._refresh(state, *shown_on(command))
        idle = next((ev.idle for ev in events if isinstance(ev, e.Replaced) and ev.idle is not None), None)
        why = f", who had not acted for {silence(idle)}" if idle is not None else ""
        said = f"{newcomer.mention} takes over from {absent.mention}{why}."
        await post(interaction, self.service, game.game_id, content=said)
        await announce_end(interaction)

    async def _ask(
        self, interaction: discord.Interaction, game: GameState, newcomer: discord.Member, present: Present
    ) -> None:
        """Tell the host why not, privately, and ask the player, who alone is pinged, where the
        conference runs."""
        seat = game.seat_of(present.player)
        power = plain(seat.power) if seat else "their delegation"  # a server's factions are typed names
        where = await self.service.channel_of(game.game_id)
        there = f"<#{where}>" if where and where != interaction.channel_id else "the channel"
        await interaction.response.send_message(
            f"{present.message} I have asked them in {there}.", ephemeral=True
        )
        request = Request(game.game_id, present.player, newcomer.id, interaction.user.id, game.phase)
        await post(
            interaction,
            self.service,
            game.game_id,
            tell=False,
            content=f"<@{present.player}>, {interaction.user.mention} asks you to hand over your seat for "
            f"**{power}** to {newcomer.mention}. Only you can answer.",
            view=consent_view(request),
            allowed_mentions=discord.AllowedMentions.none().merge(
                discord.AllowedMentions(users=[discord.Object(present.player)])
            ),
        )
