"""The bot's delegations at play: after every change of a game (AccordsCore.after, which every
action, button and deadline passes through) and for each open game at start-up, the game's next
turn (bot/services/delegations.py) is timed; when it comes, the delegation acts through the
service like a player (the same rules, one transaction, the minutes), and the sentence it says is
queued in the outbox in that transaction, so a refused send or a restart loses nothing.

A turn is chosen on the stored state at one version and carries it: if the game moved on
meanwhile the machine changes nothing and the next turn is chosen afresh. A database or Discord
that is away delays a turn, with backoff, and never stops the delegations (as Timers do).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord
from discord.ext import commands

from bot.application.app import KhitomerBot
from bot.domain.accords import Event, GameState
from bot.domain.accords.machine import CLOCK
from bot.domain.accords.seating import delegations
from bot.domain.errors import KhitomerError, NotFound
from bot.services.accords import Outgoing, Queued, emblems
from bot.services.delegations import SAID, Turn, next_turn, said
from bot.ui import accord_pages

from ._announce import owed_by_action
from ._clock import now
from ._core import AccordsCore, shown_on
from ._game_tasks import GameTasks
from ._views import article_view

log = logging.getLogger(__name__)


class Turns:
    """One waiting turn per game with delegations; `take` acts it."""

    def __init__(self, take: Callable[[GameState, Turn], Awaitable[None]]) -> None:
        self._take = take
        self._tasks = GameTasks("delegation")
        self._done: dict[int, tuple[int, set[str]]] = {}  # game -> (version, powers whose move did nothing)

    def follow(self, state: GameState) -> None:
        """(Re)time the game's next turn from its state as it is now."""
        self._cancel(state.game_id)
        version, done = self._done.get(state.game_id, (state.version, set()))
        if version != state.version or state.phase.over:
            self._done.pop(state.game_id, None)
            done = set()
        at = now()
        planned = next_turn(state, at, at, done) if delegations(state) else None
        if planned is None:
            return
        turn, when = planned
        self._tasks.start(state.game_id, self._run(state, turn, when))

    def did_nothing(self, state: GameState, turn: Turn) -> None:
        """The turn changed nothing at its version: not asked again until the game moves."""
        version, done = self._done.get(state.game_id, (turn.version, set()))
        if version < turn.version:  # what was remembered is of an older version
            version, done = turn.version, set()
        if version == turn.version:
            self._done[state.game_id] = (version, done | {turn.power})

    def _cancel(self, game_id: int) -> None:
        self._tasks.cancel(game_id, even_acting=False)

    def forget(self, game_id: int) -> None:
        """The game is gone: no turn of it waits or retries any more."""
        self._tasks.cancel(game_id, even_acting=True)
        self._done.pop(game_id, None)

    async def stop(self) -> None:
        """Cancel the waiting turns; let one being taken finish."""
        await self._tasks.stop()

    async def _run(self, state: GameState, turn: Turn, when: float) -> None:
        if now() < when:
            await asyncio.sleep(when - now())
        await self._tasks.until_done(state.game_id, lambda: self._take(state, turn))


class DelegationPlay(AccordsCore):
    """Plays the bot's delegations of the games this process runs."""

    def __init__(self, bot: KhitomerBot) -> None:
        super().__init__(bot)
        self.turns = Turns(self._take_turn)

    async def cog_load(self) -> None:
        await super().cog_load()
        self.bot.outbox.register(SAID, self._said, self._said_posted)
        for state in await self.service.open_games():  # turns are derived from the stored state
            if self.bot.runs_guild(state.guild_id) and delegations(state):
                self.turns.follow(state)

    async def cog_unload(self) -> None:
        await self.turns.stop()
        await super().cog_unload()

    @commands.Cog.listener()
    async def on_server_purged(self, _guild_id: int, game_ids: Sequence[int]) -> None:
        """A purged server's conferences are gone (bot/application/departures.py): their deadline
        timers and delegations' turns go too, or they would retry, for ever, games that are gone."""
        for game_id in game_ids:
            self.timers.disarm(game_id)
            self.turns.forget(game_id)

    async def after(self, state: GameState, events: list[Event]) -> GameState:
        state = await super().after(state, events)
        self.turns.follow(state)
        return state

    async def _take_turn(self, state: GameState, turn: Turn) -> None:
        """Act the turn as its delegation, the sentence queued with it; then time the next."""
        owed = owed_by_action(CLOCK)

        def announce(after: GameState, made: list[Event], accord_name: str | None) -> list[Outgoing]:
            return [said(turn, after), *owed(after, made, accord_name)] if made else []

        try:
            fresh, events = await self.service.act(
                state.guild_id, state.game_id, turn.command, CLOCK, announce=announce, at=now()
            )
        except KhitomerError as refused:  # the move broke a rule: say so in the log, choose again
            log.warning("delegation of game %s: %s refused: %s", state.game_id, turn.power, refused)
            events = []
        if not events:  # the game moved on, or the move changed nothing
            self.turns.did_nothing(state, turn)
            try:
                fresh = await self.service.game(state.guild_id, state.game_id)
            except NotFound:
                return  # the conference is gone
            self.turns.follow(fresh)
            return
        self.bot.outbox.wake()
        try:
            await self._refresh(fresh, *shown_on(turn.move.command))
        finally:
            await self.after(fresh, events)

    async def _said(self, queued: Queued) -> dict[str, Any] | None:
        """What a delegation says, and the article it tabled as it stands when sent."""
        message: dict[str, Any] = {
            "content": str(queued.body.get("line", "")),
            "allowed_mentions": discord.AllowedMentions.none(),
        }
        number = queued.body.get("article")
        if isinstance(number, int) and queued.game_id is not None:
            try:
                state = await self.service.game(queued.guild_id, queued.game_id)
            except NotFound:  # the conference is gone: the sentence alone
                return message
            article = state.article(number)
            if article is not None:
                message["embed"] = accord_pages.article_embed(state, article, emblems())
                message["view"] = article_view(state, number)
        return message

    async def _said_posted(self, queued: Queued, posted: discord.Message) -> None:
        number = queued.body.get("article")
        if isinstance(number, int) and queued.game_id is not None:
            await self.service.remember_message(
                queued.game_id, "article", number, posted.channel.id, posted.id
            )
