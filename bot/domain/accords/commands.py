"""What a member (or the clock) asks of a game: one frozen class per action.

`decide(state, command, actor)` checks a command against the rules and returns the events it
causes. Commands that open a phase carry `now` and the server's phase `durations`, so the phase
and its deadline are decided, and stored, as one event.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import Clause, Phase


@dataclass(frozen=True, slots=True)
class Join:
    power: str


@dataclass(frozen=True, slots=True)
class Leave:
    pass


@dataclass(frozen=True, slots=True)
class Start:
    now: float | None = None
    durations: Mapping[Phase, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Table:
    clause: Clause
    text: str
    parties: tuple[str, ...] = ()  # none given: every seated power
    terms: Mapping[str, str] = field(default_factory=dict)  # clauses.TERMS by name


@dataclass(frozen=True, slots=True)
class Support:
    article: int


@dataclass(frozen=True, slots=True)
class Oppose:
    article: int


@dataclass(frozen=True, slots=True)
class Amend:
    article: int
    text: str


@dataclass(frozen=True, slots=True)
class Retract:
    article: int


@dataclass(frozen=True, slots=True)
class CloseDraft:
    now: float | None = None
    durations: Mapping[Phase, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Sign:
    by: str = ""


@dataclass(frozen=True, slots=True)
class Refuse:
    pass


@dataclass(frozen=True, slots=True)
class Pause:
    now: float


@dataclass(frozen=True, slots=True)
class Resume:
    now: float


@dataclass(frozen=True, slots=True)
class Extend:
    seconds: float


@dataclass(frozen=True, slots=True)
class Replace:
    """Give `old`'s seat to `new`: allowed once `old` has gone silent for the grace of the phase
    (absence.py), measured at `now` with the server's phase `durations`, or with their `consent`."""

    old: int
    new: int
    now: float | None = None
    durations: Mapping[Phase, float] = field(default_factory=dict)
    consent: bool = False


@dataclass(frozen=True, slots=True)
class SetDeadline:
    at: float


@dataclass(frozen=True, slots=True)
class Expire:
    now: float
    durations: Mapping[Phase, float] = field(default_factory=dict)
    narrower: bool = False  # the scenario lets those who signed keep the accord among themselves


@dataclass(frozen=True, slots=True)
class Abandon:
    pass


@dataclass(frozen=True, slots=True)
class Depart:
    """A power no agreed article binds withdraws its delegation from the conference (signing phase)."""

    reason: str = ""


@dataclass(frozen=True, slots=True)
class Delegate:
    """Seat the bot's delegation for `power` ("": every free seat of the lobby); once the
    conference runs, only for a seat whose players have gone silent (absence.py, at `now`)."""

    power: str = ""
    now: float | None = None
    durations: Mapping[Phase, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AsDelegation:
    """The bot's delegation for `power` does `command`, as chosen on the game at `version`
    (seating.py): checked by the same rule as a player's command for that power."""

    power: str
    command: Command
    version: int


Command = (
    Join
    | Leave
    | Start
    | Table
    | Support
    | Oppose
    | Amend
    | Retract
    | CloseDraft
    | Sign
    | Refuse
    | Pause
    | Resume
    | Extend
    | Replace
    | SetDeadline
    | Expire
    | Abandon
    | Depart
    | Delegate
    | AsDelegation
)
OPENS_A_PHASE = (Start, CloseDraft)
