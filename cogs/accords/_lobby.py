"""Before negotiation: convene, take seats, start; and private talks and secret objectives."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.application.checks import config_of, requires
from bot.application.interaction_errors import note_recorded
from bot.domain.accords import GameState
from bot.domain.accords import commands as c
from bot.domain.accords.scenario import Scenario
from bot.domain.errors import InvalidInput, NotAllowed, NotFound
from bot.services.accords import (
    LOBBY,
    Queued,
    emblems,
    power_named,
    power_names,
    powers_named,
    scenario,
    scenario_named,
    scenarios,
)
from bot.ui import accord_pages
from bot.ui.pager import send_pages
from bot.ui.text import plain

from ._clock import now
from ._core import AccordsCore, act
from ._delegations import took_over
from ._post import post
from ._views import lobby_view


class LobbyCommands(AccordsCore):
    @app_commands.command(
        name="convene", description="Open a conference here: players take seats, the host starts it."
    )
    @app_commands.describe(
        scenario="Which conference (autocompletes)", title="A name for it (default: the scenario's)"
    )
    @requires(game_channel=True)
    async def convene(
        self,
        interaction: discord.Interaction,
        scenario: app_commands.Range[str, 1, 40],
        title: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        chosen = scenario_named(scenario)
        await self._open_conference(interaction, chosen, title or chosen.title)

    async def _open_conference(
        self, interaction: discord.Interaction, chosen: Scenario, title: str, last: GameState | None = None
    ) -> None:
        """Convene here (where the command's rule allows it); a rematch invites the last
        conference's players. Its title is numbered if the server already has one of that name."""
        config = await config_of(interaction)
        state = await self.service.convene(
            interaction.guild_id or 0,
            interaction.channel_id or 0,
            interaction.user.id,
            title,
            chosen.powers,
            chosen.key,
            narrower=chosen.narrower_accord,
            deadline=now() + config.seconds("deadline.lobby"),
            at=now(),
        )
        note_recorded(f"the conference **{plain(state.title)}** is convened; its lobby will be posted here.")
        self.bot.outbox.wake()  # it holds the lobby until the reply has had its moment
        await self._arm(state)
        sent = await interaction.response.send_message(**self._lobby_message(state))
        await self.service.lobby_posted(state.game_id)  # the reply carried it: the outbox owes nothing
        self.bot.outbox.wake()  # so it stops waiting for the lobby it no longer holds
        lobby = sent.resource  # Discord's answer names the message: no request fetches it back
        if not isinstance(lobby, discord.Message):
            lobby = await interaction.original_response()
        await self.service.remember_message(state.game_id, "lobby", 0, lobby.channel.id, lobby.id)
        thread = None
        if config.raw("game.threads") == "on" and isinstance(interaction.channel, discord.TextChannel):
            thread = await self._open_thread(lobby, state)
        if last is not None and last.seats:
            # Only the players of the last conference are pinged, by id, and on purpose; where
            # the conference sits (a thread lets the pinged in).
            players = [discord.Object(p) for seat in last.seats for p in seat.players]
            invite = accord_pages.rematch_text(last)
            pinged = discord.AllowedMentions.none().merge(discord.AllowedMentions(users=players))
            if thread is not None:
                await thread.send(invite, allowed_mentions=pinged)
            else:
                await interaction.followup.send(invite, allowed_mentions=pinged)

    @app_commands.command(
        name="rematch", description="Convene the last conference here again and invite its players back."
    )
    @requires(game_channel=True)
    async def rematch(self, interaction: discord.Interaction) -> None:
        guild_id, channel_id = interaction.guild_id or 0, interaction.channel_id or 0
        last = await self.service.latest_in(guild_id, channel_id)
        if last is None:
            raise NotFound("No conference has met in this channel yet: start one with /accord convene.")
        chosen = scenario(last.scenario)
        if chosen is None:
            raise NotFound(
                "That conference's scenario is no longer offered: choose one with /accord convene."
            )
        await self._open_conference(interaction, chosen, last.title, last)

    @app_commands.command(name="guide", description="How a conference goes, step by step, with its briefing.")
    @app_commands.describe(scenario="Whose briefing to show (default: the conference here, if any)")
    async def guide(
        self, interaction: discord.Interaction, scenario: app_commands.Range[str, 1, 40] | None = None
    ) -> None:
        key = scenario_named(scenario).key if scenario else ""
        if not key and (running := await self._running_here(interaction)) is not None:
            key = running.scenario
        await send_pages(interaction, "accord_guide", self._guide_pages(key), arg=key[:40], ephemeral=False)

    async def _guide_page_source(self, interaction: discord.Interaction, key: str) -> list[discord.Embed]:
        return self._guide_pages(key)

    @staticmethod
    def _guide_pages(key: str) -> list[discord.Embed]:
        chosen = scenario(key)
        if chosen is None:
            return accord_pages.guide_embeds(None, None)
        return accord_pages.guide_embeds(chosen.title, chosen.briefing)

    @guide.autocomplete("scenario")
    async def guide_scenarios(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return scenario_options(current)

    async def cog_load(self) -> None:
        await super().cog_load()
        self.bot.page_sources.register("accord_guide", self._guide_page_source)
        self.bot.outbox.register(LOBBY, self._queued_lobby, self._queued_lobby_posted)

    def _lobby_message(self, state: GameState) -> dict[str, Any]:
        chosen = scenario(state.scenario)
        briefing = chosen.briefing if chosen else ""
        return {"embed": accord_pages.lobby_embed(state, briefing, emblems()), "view": lobby_view(state)}

    async def _queued_lobby(self, queued: Queued) -> dict[str, Any] | None:
        """A lobby whose reply was lost, posted by the outbox: drawn as the game stands now."""
        if queued.game_id is None:
            return None
        state = await self.service.game(queued.guild_id, queued.game_id)
        return None if state.phase.over else self._lobby_message(state)

    async def _queued_lobby_posted(self, queued: Queued, message: discord.Message) -> None:
        if queued.game_id is not None:
            await self.service.remember_message(queued.game_id, "lobby", 0, message.channel.id, message.id)

    async def _open_thread(self, lobby: discord.Message, state: GameState) -> discord.Thread | None:
        """The conference gets a thread of its own, where the server allows; else it stays here."""
        try:
            thread = await lobby.create_thread(name=state.title[:100], auto_archive_duration=10080)
        except discord.HTTPException:
            return None  # no permission to create threads here: the conference stays in the channel
        await self.service.move_to_channel(state.game_id, thread.id)
        await thread.send("The conference sits here: use the /accord commands in this thread.")
        return thread

    @convene.autocomplete("scenario")
    async def scenario_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return scenario_options(current)

    @app_commands.command(name="join", description="Take a seat for a power.")
    async def join(self, interaction: discord.Interaction, power: app_commands.Range[str, 1, 60]) -> None:
        game = await self._game_here(interaction)
        power = power_named(power, game.powers)
        state, _ = await act(interaction, game.game_id, c.Join(power))
        await self._refresh(state, ("lobby", 0))
        said = f"<@{interaction.user.id}> now sits for {power}{took_over(game, power)}."
        await post(interaction, self.service, game.game_id, content=said)

    @join.autocomplete("power")
    async def power_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        game = await self._running_here(interaction)
        if game is None:
            return []
        held = {s.power: s.delegation for s in game.seats}  # power -> held by the bot's delegation
        matching = power_names().among(game.powers).suggest(current)
        matching.sort(key=lambda p: held.get(p) is False)  # free seats and delegations' first
        notes = {
            None: " (free seat)",
            True: " (take over from the bot's delegation)",
            False: " (join the delegation)",
        }
        return [app_commands.Choice(name=p + notes[held.get(p)], value=p) for p in matching][:25]

    @app_commands.command(name="leave", description="Give up your seat (before the conference starts).")
    async def leave(self, interaction: discord.Interaction) -> None:
        await self._simple(interaction, c.Leave(), f"<@{interaction.user.id}> left the table.")

    @app_commands.command(name="start", description="Host: open negotiations.")
    async def start(self, interaction: discord.Interaction) -> None:
        await self._simple(
            interaction, c.Start(), "Negotiations are open. Table articles with /accord propose."
        )

    @app_commands.command(name="talks", description="Open a private thread with the delegations you choose.")
    @app_commands.describe(powers="The other powers, comma-separated")
    async def talks(self, interaction: discord.Interaction, powers: app_commands.Range[str, 1, 300]) -> None:
        game = await self._game_here(interaction)
        seat = game.seat_of(interaction.user.id)
        if seat is None:
            raise NotAllowed("Only seated delegations hold talks.")
        others = [p for p in game.seated_powers() if p != seat.power]
        wanted = [p for p in powers_named(powers, game.seated_powers()) if p != seat.power]
        seats = [s for s in game.seats if s.power in wanted]
        if not wanted:
            raise InvalidInput(f"Name the seated powers to talk with: {', '.join(others)}.")
        channel = interaction.channel
        parent = channel.parent if isinstance(channel, discord.Thread) else channel
        if not isinstance(parent, discord.TextChannel):
            raise NotAllowed("Talks need a text channel to open their thread in.")
        name = f"Talks: {' & '.join([seat.power, *wanted])}"[:100]
        try:
            thread = await parent.create_thread(
                name=name, type=discord.ChannelType.private_thread, invitable=False
            )
            for player in {p for s in [seat, *seats] for p in s.players}:
                await thread.add_user(discord.Object(player))
        except discord.Forbidden:
            raise NotAllowed(
                "I may not open private threads here; ask a moderator for that permission."
            ) from None
        await interaction.response.send_message(f"Talks are open in {thread.mention}.", ephemeral=True)

    @talks.autocomplete("powers")
    async def talk_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The seated powers, completing the last of a comma-separated list."""
        game = await self._running_here(interaction)
        seated = power_names().among(game.seated_powers() if game is not None else ())
        return [app_commands.Choice(name=v, value=v) for v in seated.suggest_list(current) if len(v) <= 100]

    @app_commands.command(name="objectives", description="Your power's secret objectives in this conference.")
    async def objectives(self, interaction: discord.Interaction) -> None:
        game = await self._game_here(interaction)
        seat = game.seat_of(interaction.user.id)
        if seat is None:
            raise NotAllowed("Only seated delegations have objectives here.")
        chosen = scenario(game.scenario)
        mine = [o for o in (chosen.objectives if chosen else ()) if o.power == seat.power]
        text = "\n".join(
            f"{'Get' if o.wants else 'Avoid'} a {o.clause.value} article: {o.text} ({o.points})" for o in mine
        )
        await interaction.response.send_message(text or "This conference sets no objectives.", ephemeral=True)


def scenario_options(current: str) -> list[app_commands.Choice[str]]:
    needle = current.casefold()
    return [
        app_commands.Choice(name=s.title, value=s.key)
        for s in scenarios()
        if needle in s.title.casefold() or needle in s.key
    ][:25]
