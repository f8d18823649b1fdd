"""Acting on a game: load, decide, append events and state in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from ..content.scenarios import canon_powers, canon_scenarios
from ..domain.accords import Event, GameState, decide, new_game
from ..domain.accords.names import resolve_power, resolve_powers
from ..domain.accords.scenario import Scenario
from ..domain.errors import InvalidInput
from ..storage import Database
from ..storage import games as store
from .conclusion import conclude_in


class AccordService:
    def __init__(self, db: Database) -> None:
        self.db = db

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
    ) -> GameState:
        """A new conference, stored with its lobby's deadline in the same write."""
        new_game(0, guild_id, host, title, powers, scenario)  # validate before anything is stored
        return await store.create(
            self.db,
            guild_id,
            channel_id,
            lambda game_id: new_game(
                game_id, guild_id, host, title, powers, scenario, narrower=narrower, deadline=deadline
            ),
        )

    async def act(
        self, guild_id: int, game_id: int, kind: str, actor: int, *, staff: bool = False, **data: Any
    ) -> tuple[GameState, list[Event]]:
        """Apply one action; returns the new state and the events it caused (none: no change).
        The whole read-decide-write runs as one transaction, so two presses at once are applied
        one after the other: a repeated Sign or Support then changes nothing. An action that ends
        the conference stores the accord and reputation in that same transaction."""
        return await store.act_now(
            self.db,
            guild_id,
            game_id,
            lambda state: decide(state, kind, actor, staff=staff, **data),
            on_end=conclude_in,
        )


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
    raise InvalidInput(f"No scenario {text.strip()!r}. There are: {titles}.")


def power_named(text: str, among: Sequence[str]) -> str:
    """The power of `among` a player typed, by any case, alias from data/powers.toml, or start."""
    return resolve_power(text, among, power_aliases())


def any_power_named(text: str) -> str:
    """Any power of data/powers.toml, as a player typed it."""
    return power_named(text, tuple(canon_powers()))


def powers_named(text: str, among: Sequence[str]) -> list[str]:
    return resolve_powers(text, among, power_aliases())


@cache
def power_aliases() -> dict[str, tuple[str, ...]]:
    """Each canon power's other names, as data/powers.toml lists them."""
    return {power.name: power.aliases for power in canon_powers().values()}
