"""The accords cog's foundation: lifecycle, deadlines, the conference here, announcements."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Collection, Sequence
from contextvars import ContextVar
from dataclasses import replace

import discord
from discord.ext import commands
from discord.ext.commands.bot import BotBase

from bot.application.app import KhitomerBot
from bot.application.checks import config_of, is_moderator
from bot.application.interaction_errors import note_recorded
from bot.domain.accords import Event, GameState, Phase
from bot.domain.accords import commands as c
from bot.domain.accords import events as e
from bot.domain.accords.machine import CLOCK
from bot.domain.errors import NotAllowed, NotFound
from bot.domain.guild_config import GuildConfig
from bot.services.accords import HOLD, AccordService, Outgoing, game_message, scenario
from bot.ui.accord_minutes import minute_sentence
from bot.ui.text import plain

from ._announce import owed_by_action, owed_by_deadline
from ._clock import Timers, now, reminder_text
from ._context import already, phase_durations, places_of
from ._post import post
from ._views import AbandonButton, GameButton, redraw

log = logging.getLogger(__name__)


class AccordsCore(commands.Cog):
    """What every /accord command builds on: the service, the clock, finding the conference
    here, keeping the game's messages up to date, and announcing in its channel."""

    def __init__(self, bot: KhitomerBot) -> None:
        self.bot = bot
        self.service = AccordService(bot.db)
        self.timers = Timers(self._remind, self._expire)
        super().__init__()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(GameButton, AbandonButton)
        # Deadlines survive restarts; each process runs the timers of its own shards' servers.
        for state in await self.service.open_games():
            if self.bot.runs_guild(state.guild_id):
                await self._arm(state)

    async def cog_unload(self) -> None:
        await self.timers.stop()

    # -- deadlines ----------------------------------------------------------------------------

    async def _config(self, guild_id: int) -> GuildConfig:
        service = self.bot.guild_config
        return await service.get(guild_id) if service is not None else GuildConfig()

    async def _arm(self, state: GameState) -> None:
        self.timers.arm(state, (await self._config(state.guild_id)).seconds("reminder.lead"))

    async def after(self, state: GameState, events: list[Event]) -> GameState:
        """After a stored action: the timer follows the game's deadline (stored with its phase),
        and the buttons of a past phase are disabled. The end, queued with the action, follows
        the caller's own reply (announce_end), so the channel reads them in the order they happened."""
        if any(isinstance(event, MOVE_THE_CLOCK) for event in events) or state.phase.over:
            await self._arm(state)
        await self._retire_buttons(state, events)
        return state

    async def _retire_buttons(self, state: GameState, events: list[Event]) -> None:
        """When the phase moves on, the messages of the phase it left are redrawn with their
        buttons disabled: the lobby once negotiation opens, the articles once the draft closes,
        the draft once the conference is over. The lobby follows every phase (it says which,
        and at the end how it ended). A message retired with an earlier phase is not sent again,
        nor one the caller redraws itself (act's `drawn`)."""
        left = phase_left(state, events)
        if left is state.phase:
            return
        wanted: list[tuple[str, int]] = [("lobby", 0)]
        if left in (None, Phase.NEGOTIATION):  # a retracted article's buttons went with it
            wanted += [("article", a.number) for a in state.articles if not a.retracted]
        if left in (None, Phase.RATIFICATION):
            wanted.append(("draft", 0))
        drawn = _DRAWN.get()
        wanted = [message for message in wanted if message not in drawn]
        if wanted:
            await self._refresh(state, *wanted, drawn=drawn)

    async def _remind(self, state: GameState, lead: float) -> None:
        # Only the seated players are pinged, by id: a name or title they typed can ping nobody.
        # Queued, so a refusing Discord delays it; after the deadline it is no longer sent.
        # A delegation that left the conference takes no further part: it is not reminded
        # (read now: the timer was armed with the state of the phase's opening).
        departed = (await self.service.game(state.guild_id, state.game_id)).departed
        state = replace(state, seats=tuple(s for s in state.seats if s.power not in departed))
        players = [p for seat in state.seats for p in seat.players]
        reminder = game_message(state.game_id, reminder_text(state, lead), players, until=state.deadline)
        await self.service.queue(state.guild_id, state.game_id, [reminder], at=now())
        self.bot.outbox.wake()

    async def _expire(self, state: GameState) -> None:
        """The deadline ran out: act for the clock; what it says is queued with what it did."""
        chosen = scenario(state.scenario)
        narrower = bool(chosen and chosen.narrower_accord)
        durations = phase_durations(await self._config(state.guild_id))
        expire = c.Expire(now(), durations, narrower)
        fresh, events = await self.service.act(
            state.guild_id, state.game_id, expire, CLOCK, staff=True, announce=owed_by_deadline, at=now()
        )
        if not events:
            await self._arm(fresh)  # moved or paused meanwhile: follow the stored deadline
            return
        self.bot.outbox.wake()
        await self.after(fresh, events)

    async def _game_here(self, interaction: discord.Interaction) -> GameState:
        """The conference running here: in this channel or thread, or convened from this channel
        (it runs in its thread), or, from a private talks thread, the one of its channel. Else a
        refusal that says where the server's conferences are running."""
        game = await self._running_here(interaction)
        if game is not None:
            return game
        guild_id = interaction.guild_id or 0
        running = await self.service.running_in(guild_id, 3)  # the finished ones are not read
        if running:
            where = ", ".join(f"<#{game.channel_id}> ({plain(game.title)})" for game in running)
            raise NotFound(f"There is no conference running here. Running now: {where}.")
        raise NotFound("There is no conference running in this channel. Start one with /accord convene.")

    async def _running_here(self, interaction: discord.Interaction) -> GameState | None:
        """The conference running here, or None (for autocomplete: no refusal to compose)."""
        for place in places_of(interaction):
            game = await self.service.latest_in(interaction.guild_id or 0, place)
            if game is not None and not game.phase.over:
                return game
        return None

    async def _game_for_record(self, interaction: discord.Interaction) -> GameState:
        """The latest conference of this channel or thread (over or not), for its minutes."""
        for place in places_of(interaction):
            game = await self.service.latest_in(interaction.guild_id or 0, place)
            if game is not None:
                return game
        raise NotFound("No conference has met in this channel.")

    async def _refresh(
        self, state: GameState, *messages: tuple[str, int], drawn: Collection[Drawn] = ()
    ) -> None:
        """Redraw the game's messages, each (kind, ref): actions taken by slash command show there
        too (buttons redraw their own), and a past phase's buttons are disabled. A message whose
        id is in `drawn` is being redrawn by the interaction's own response."""
        known = await self.service.messages_of(state.game_id)  # one query for all
        for kind, ref in messages:
            where = known.get((kind, ref))
            channel = self.bot.get_channel(where[0]) if where else None
            if where is None or where[1] in drawn:
                continue
            if not isinstance(channel, discord.TextChannel | discord.Thread):
                continue
            action = {"lobby": "join", "article": "support", "draft": "sign"}[kind]
            with contextlib.suppress(discord.HTTPException):  # a deleted message has nothing to update
                await channel.get_partial_message(where[1]).edit(
                    **redraw(state, action, ref or None),
                    allowed_mentions=discord.AllowedMentions.none(),  # partial edits skip the bot default
                )

    async def _simple(
        self,
        interaction: discord.Interaction,
        command: c.Command,
        said: str | Callable[[GameState], str] | None,
    ) -> GameState:
        """Act; keep the game's messages in step; answer with `said`, `said(new state)`, or with
        None what was recorded, in the minutes' words (who did what), where the game runs."""
        game = await self._game_here(interaction)
        state, events = await act(interaction, game.game_id, command, drawn=shown_on(command))
        if events:
            await self._refresh(state, *shown_on(command))
            if said is None:
                text = " ".join(minute_sentence(event) for event in events)
            else:
                text = said if isinstance(said, str) else said(state)
            await post(interaction, self.service, game.game_id, content=text)
        else:  # nothing to announce: only the one who acted hears it, and why
            await interaction.response.send_message(already(command), ephemeral=True)
        await announce_end(interaction)
        return state


def shown_on(command: c.Command) -> list[tuple[str, int]]:
    """The game messages (kind, ref) a command changes, to redraw after it."""
    match command:
        case c.Leave() | c.Start() | c.Replace() | c.Delegate():
            return [("lobby", 0)]
        case c.Support() | c.Oppose() | c.Amend() | c.Retract():
            return [("article", command.article)]
        case c.Sign() | c.Refuse() | c.Depart():
            return [("draft", 0)]
    return []


def phase_left(state: GameState, events: list[Event]) -> Phase | None:
    """The phase an action found the game in, read from what it did; None when an end does not
    tell (an abandonment, or a negotiation that failed at its deadline)."""
    for event in events:
        match event:
            case e.Started():
                return Phase.CONVENED
            case e.DraftClosed():
                return Phase.NEGOTIATION
            case e.Signed() | e.Refused() | e.Departed() | e.Ratified():
                return Phase.RATIFICATION
    return None if state.phase.over else state.phase


# Events after which the timer follows the stored deadline again.
MOVE_THE_CLOCK = (*e.OPENINGS, e.Paused, e.Resumed, e.DeadlineSet)
# A game message its caller redraws after act(), as (kind, ref), or by id: the message whose
# button was pressed, which the interaction's response redraws.
Drawn = tuple[str, int] | int
# act()'s `drawn`, for after(): carried in the task's context because after() is overridden
# (the delegations' turns follow it) with the signature every caller uses.
_DRAWN: ContextVar[Collection[Drawn]] = ContextVar("drawn", default=())
QUEUED = "queued"  # interaction.extras key: the game whose action queued announcements


async def announce_end(interaction: discord.Interaction) -> None:
    """After the member's own reply: what the action queued for the channel (the end of the
    conference) goes out now. Had the reply failed, it would still go out, a moment later."""
    game_id = interaction.extras.pop(QUEUED, None)
    cog = core_of(interaction.client)
    if game_id is not None and cog is not None:
        await cog.bot.outbox.release(game_id)


def core_of(client: discord.Client) -> AccordsCore | None:
    cog = client.get_cog("Accords") if isinstance(client, BotBase) else None
    return cog if isinstance(cog, AccordsCore) else None


def service_of(client: discord.Client) -> AccordService:
    cog = core_of(client)
    if cog is None:
        raise NotFound("The accords game is not available right now.")
    return cog.service


async def act(
    interaction: discord.Interaction, game_id: int, command: c.Command, *, drawn: Collection[Drawn] = ()
) -> tuple[GameState, list[Event]]:
    """Apply `command` for the member; then the timer and the messages of a phase it closed follow,
    except `drawn`, which the caller redraws itself."""
    if interaction.guild_id is None:
        raise NotAllowed("Conferences happen in servers.")
    service = service_of(interaction.client)
    if isinstance(command, c.OPENS_A_PHASE):  # the phase it opens gets its deadline in the same event
        durations = phase_durations(await config_of(interaction))
        command = replace(command, now=now(), durations=durations)
    owed = owed_by_action(interaction.user.id)
    queued: list[Outgoing] = []  # what the transaction queued: most actions owe the channel nothing

    def announce(after: GameState, made: list[Event], accord_name: str | None) -> Sequence[Outgoing]:
        owed_now = owed(after, made, accord_name)
        queued.extend(owed_now)
        return owed_now

    state, events = await service.act(
        interaction.guild_id,
        game_id,
        command,
        interaction.user.id,
        staff=await is_moderator(interaction),
        announce=announce,
        at=now(),
        hold=HOLD,
    )
    if events:  # stored: whatever fails from here on, the member is told what was recorded
        note_recorded(" ".join(minute_sentence(event) for event in events))
    cog = core_of(interaction.client)
    if queued and cog is not None:
        interaction.extras[QUEUED] = game_id  # released once the member's reply has gone out
        cog.bot.outbox.wake()
    if cog is not None and events:
        token = _DRAWN.set(drawn)
        try:
            state = await cog.after(state, events)
        finally:
            _DRAWN.reset(token)
    return state, events
