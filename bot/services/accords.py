"""The accords game for cogs: convening, acting (load, decide, append events and state in one
transaction), and reading games, their messages, minutes and accords; cogs never see storage."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache

from ..content.scenarios import canon_powers, canon_scenarios
from ..domain.accords import Event, GameState, decide, evolve, new_game, titles
from ..domain.accords.commands import Command
from ..domain.accords.names import Names, resolve_powers
from ..domain.accords.scenario import Power, Scenario
from ..domain.errors import InvalidInput, NotAllowed
from ..domain.inert import quoted
from ..domain.references import normalise
from ..domain.treaties import Treaty
from ..storage import Database, accord_reads, game_lists, game_messages, outbox, reputation
from ..storage import accords as accord_store
from ..storage import games as store
from ..storage.game_lists import Conference as Conference  # what history and running_in return
from ..storage.game_write import GameWrite, convening, queue, write_game
from ..storage.outbox import Outgoing as Outgoing
from ..storage.outbox import Queued as Queued
from .conclusion import conclusion

Minutes = tuple[float, list[tuple[float, Event]]]
# What an action owes the channel, decided inside its transaction: (the new state, its events, the
# name its accord was stored under) -> messages for the outbox, committed with the action.
Announce = Callable[[GameState, list[Event], str | None], Sequence[Outgoing]]
HOLD = 10.0  # seconds a message waits for the member's own reply to go first (outbox.release)
LOBBY = "lobby"  # the outbox's kind for a lobby message, drawn when it is sent (cogs/accords)


def game_message(
    game_id: int, text: str, users: Sequence[int] = (), *, until: float | None = None
) -> Outgoing:
    """A message for the channel the game runs in; `users` are the only ones it may ping; not
    sent after `until`, if given (a reminder is no use once its deadline passed)."""
    message = outbox.text(outbox.GAME_CHANNEL, text, users=users, game_id=game_id)
    if until is not None:
        message.body["until"] = until
    return message


class AccordService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache = store.GameCache()

    async def convene(
        self,
        guild_id: int,
        channel_id: int,
        host: int,
        title: str,
        powers: tuple[str, ...],
        scenario: str = "",
        *,
        narrower: bool = False,
        deadline: float | None = None,
        at: float = 0.0,
    ) -> GameState:
        """A new conference, stored with its lobby's deadline in the same write, and its lobby
        message queued in the outbox: held for the reply that carries it, posted if that is lost.
        Its title is numbered if the server already has one of that name ("Khitomer, 2293 (2)"),
        in the same transaction, so two convened at the same moment never share a number."""
        # checked before anything is stored; the store gives it its id
        opening = new_game(0, guild_id, host, title, powers, scenario, narrower=narrower, deadline=deadline)
        async with convening(self.db, guild_id) as new:
            if await new.running_in(channel_id):
                raise NotAllowed("A conference is already running in this channel.")
            taken = await new.titles_in_family(*titles.family(opening.title))
            state = await new.insert(
                channel_id, replace(opening, title=titles.distinct_title(opening.title, taken))
            )
            await new.queue(channel_id, [Outgoing(channel_id, {}, LOBBY, state.game_id)], at=at, hold=HOLD)
        return state

    async def act(
        self,
        guild_id: int,
        game_id: int,
        command: Command,
        actor: int,
        *,
        staff: bool = False,
        announce: Announce | None = None,
        at: float = 0.0,
        hold: float = 0.0,
    ) -> tuple[GameState, list[Event]]:
        """Apply one command; returns the new state and the events it caused (none: no change).

        Load (for update), decide, evolve, conclude and append run as one transaction that holds
        the game, so two presses at once are applied one after the other: a repeated Sign or
        Support then changes nothing. A command that ends the conference stores the accord and
        reputation in that same transaction, and what `announce` says it owes the channel is
        queued in the outbox there too (at `at`, Discord's clock, held `hold` seconds for the
        member's reply). If any of it fails, none of it happened."""

        async def work(game: GameWrite) -> tuple[GameState, list[Event]]:
            before = await game.load(self._cache)
            events = decide(before, command, actor, staff=staff, now=at or None)  # who acted when
            if not events:
                return before, []
            after = before
            for event in events:
                after = evolve(after, event)
            await game.append(before, after, events)
            accord_name = await _conclude(game, before, after)
            if announce is not None and (owed := announce(after, events, accord_name)):
                await game.queue(owed, at=at, hold=hold)
            return after, events

        state, events = await write_game(self.db, guild_id, game_id, work)
        self._cache.put(state)  # only once committed
        return state, events

    async def queue(self, guild_id: int, game_id: int, items: Sequence[Outgoing], *, at: float) -> None:
        """Messages for the game's channel on their own (a reminder: the deadline is the action)."""
        await queue(self.db, guild_id, game_id, items, at=at)

    # -- reading --------------------------------------------------------------------------

    async def game(self, guild_id: int, game_id: int) -> GameState:
        return await store.get(self.db, guild_id, game_id)

    async def latest_in(self, guild_id: int, channel_id: int) -> GameState | None:
        """The last conference run in this channel or convened from it, over or not."""
        return await store.latest_convened_in(self.db, guild_id, channel_id)

    async def open_games(self) -> list[GameState]:
        return await store.open_games(self.db)

    async def running_in(self, guild_id: int, limit: int) -> list[Conference]:
        """The latest conferences still running in a server (finished ones are not read)."""
        return await game_lists.running_in(self.db, guild_id, limit)

    async def history(
        self, guild_id: int, *, older: int | None = None, newer: int | None = None, limit: int
    ) -> list[Conference]:
        """A page of a server's conferences, newest first, by key (see storage/game_lists.py)."""
        return await game_lists.page(self.db, guild_id, older=older, newer=newer, limit=limit)

    async def channel_of(self, game_id: int) -> int | None:
        return await store.channel_of(self.db, game_id)

    async def minutes(self, game_id: int) -> Minutes:
        """When the game was convened, and each recorded event with its time."""
        return await store.timed_events(self.db, game_id)

    async def accord_of(self, guild_id: int, game_id: int) -> str | None:
        """The name the game's accord was stored under, if it was ratified."""
        return await accord_store.of_game(self.db, guild_id, game_id)

    async def accords_named(self, guild_id: int | None, typed: str, limit: int = 25) -> list[Treaty]:
        """Autocomplete: the accords (oldest first, no articles) whose name or a later word of it
        starts with what was typed; with nothing typed, the first ones. An index range each."""
        if guild_id is None:
            return []
        wanted = normalise(typed)
        found = await accord_reads.candidates(
            self.db, guild_id, [wanted], prefix=limit, shortest=1, tails=limit, first=0 if wanted else limit
        )
        return found[:limit]

    async def leaderboard(self, guild_id: int) -> list[tuple[int, int, int]]:
        return await reputation.leaderboard(self.db, guild_id)

    # -- where a game's messages are --------------------------------------------------------

    async def move_to_channel(self, game_id: int, channel_id: int) -> None:
        await game_messages.move_to_channel(self.db, game_id, channel_id)

    async def remember_message(
        self, game_id: int, kind: str, ref: int, channel_id: int, message_id: int
    ) -> None:
        await game_messages.remember_message(self.db, game_id, kind, ref, channel_id, message_id)

    async def lobby_posted(self, game_id: int) -> None:
        """The convene reply carried the lobby: the outbox no longer owes it."""
        await outbox.drop_kind(self.db, game_id, LOBBY)

    async def messages_of(self, game_id: int) -> dict[tuple[str, int], tuple[int, int]]:
        return await game_messages.messages_of(self.db, game_id)


async def _conclude(game: GameWrite, before: GameState, after: GameState) -> str | None:
    """When this action ended the conference: store what it leaves (the accord, if ratified, and
    reputation) in the action's transaction; returns the name the accord was stored under."""
    if not after.phase.over or before.phase.over:
        return None
    ending = conclusion(after, await game.signers())
    name = await game.ratify(ending.accord) if ending.accord is not None else None
    await game.add_reputation(ending.reputation)
    return name


def scenario(key: str) -> Scenario | None:
    return canon_scenarios().get(key)


def scenarios() -> list[Scenario]:
    return list(canon_scenarios().values())


@cache
def emblems() -> dict[str, str]:
    """Each canon power's emblem, for boards and embeds."""
    return {power.name: power.emblem for power in canon_powers().values()}


def powers() -> list[Power]:
    """Every power of data/powers.toml, in its order."""
    return list(canon_powers().values())


def scenario_named(text: str) -> Scenario:
    """A scenario by its key or title, any case, or a unique start of either ("nimbus")."""
    wanted = " ".join(text.casefold().replace("_", " ").split())
    scenarios = list(canon_scenarios().values())
    for matches in (
        lambda s: wanted in {s.key.replace("_", " "), s.title.casefold()},
        lambda s: s.key.replace("_", " ").startswith(wanted) or s.title.casefold().startswith(wanted),
    ):
        found = [s for s in scenarios if matches(s)]
        if len(found) == 1:
            return found[0]
    titles = ", ".join(s.title for s in scenarios)
    raise InvalidInput(f"No scenario {quoted(text.strip())}. There are: {titles}.")


def power_named(text: str, among: Sequence[str]) -> str:
    """The power of `among` a player typed: any case, an alias or demonym, or a unique start."""
    return power_names().among(among).resolve(text, seats=True)


def any_power_named(text: str) -> str:
    """Any power of data/powers.toml, as a player typed it."""
    return power_names().resolve(text)


def powers_named(text: str, among: Sequence[str]) -> list[str]:
    return resolve_powers(text, power_names().among(among))


@cache
def power_aliases() -> dict[str, tuple[str, ...]]:
    """Each canon power's other names, as data/powers.toml lists them."""
    return {power.name: power.aliases for power in canon_powers().values()}


@cache
def power_names() -> Names:
    """Every power of data/powers.toml, as options name them (autocomplete offers these)."""
    return Names.of(power_aliases())
