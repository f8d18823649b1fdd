"""Who counts as absent: a seated player whose seat the host may give away without asking them.

A player is absent once they have not acted for half the current phase as the server sets it (a
day where the phase has no deadline), and never sooner than a minute: a day and a half of silence
in a three-day negotiation, five minutes in a ten-minute quick game. Time the conference spent
paused does not count: resuming starts everyone's clock again. Anyone else keeps their seat unless
they agree to hand it over (commands.Replace.consent).

When each seated player last acted is kept in the state (GameState.acted), from the time `decide`
stamps on every event (events.Event.when).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import NotAllowed
from ..formatting import format_duration
from . import events as e
from .events import CLOCK
from .model import GameState, Phase, Seat

DAY = 86_400.0
MIN_GRACE = 60.0
NO_DEADLINE = 2 * DAY  # a phase without a deadline counts as two days long


class Present(NotAllowed):
    """The player acted recently (or nobody knows when): they keep their seat unless they agree."""

    def __init__(self, state: GameState, player: int, until: float | None, wait: float) -> None:
        last = state.last_acted(player)
        if until is None or last is None:
            said = f"There is no record of when <@{player}> last acted, so they keep their seat"
        else:
            said = (
                f"<@{player}> last acted <t:{int(last)}:R>, so they keep their seat until "
                f"<t:{int(until)}:f> ({format_duration(wait)} without acting in {state.phase.label})"
            )
        super().__init__(f"{said}, unless they agree to hand it over.")
        self.player, self.until = player, until


def grace(durations: Mapping[Phase, float], phase: Phase) -> float:
    """How long a seated player may go without acting before they count as absent."""
    return max(MIN_GRACE, durations.get(phase, NO_DEADLINE) / 2)


def absent_for(state: GameState, player: int, now: float | None, durations: Mapping[Phase, float]) -> float:
    """The seconds `player` has gone without acting, when that makes them absent; else Present."""
    wait = grace(durations, state.phase)
    last = state.last_acted(player)
    if now is None or last is None:
        raise Present(state, player, None, wait)
    if now - last < wait:
        raise Present(state, player, last + wait, wait)
    return now - last


def seen(
    acted: tuple[tuple[int, float], ...], seats: tuple[Seat, ...], event: e.Event
) -> tuple[tuple[int, float], ...]:
    """`acted` once `event` is applied and the game is seated as `seats`: the actor was seen at the
    event's time, a newcomer's clock starts when they sit down, resuming starts everyone's clock,
    and a player with no record yet gets the event's time (the first timed action of a game stored
    before times were kept). Only seated players are kept, ordered by id."""
    known = dict(acted)
    at = event.when
    if at is not None:
        if isinstance(event, e.Resumed):
            known.clear()
        if event.actor != CLOCK:
            known[event.actor] = at
        if isinstance(event, e.Replaced):
            known[event.new] = at
    players = sorted(p for seat in seats for p in seat.players)
    if at is None:
        return tuple((p, known[p]) for p in players if p in known)
    return tuple((p, known.get(p, at)) for p in players)
