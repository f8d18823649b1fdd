"""What happened in a game: one frozen class per kind of event, the game's record.

Every event names the member behind it (`actor`, 0 for the clock) and, once `decide` is told the
time, when it happened (`when`): that is how the game knows who has gone silent (absence.py). `kind`
is the name the event is stored under; the field names are its stored data, so a stored game
replays for good.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from .model import Clause, Terms

CLOCK = 0  # the actor behind what deadlines do


@dataclass(frozen=True, slots=True)
class Event:
    actor: int
    when: float | None = field(default=None, kw_only=True)  # UTC seconds; None: stored before it was kept
    kind: ClassVar[str] = ""


@dataclass(frozen=True, slots=True)
class Joined(Event):
    power: str
    kind: ClassVar[str] = "joined"


@dataclass(frozen=True, slots=True)
class Left(Event):
    kind: ClassVar[str] = "left"


@dataclass(frozen=True, slots=True)
class Started(Event):
    deadline: float | None = None  # a phase that opens carries its deadline in the same event
    kind: ClassVar[str] = "started"


@dataclass(frozen=True, slots=True)
class Tabled(Event):
    author: str
    clause: Clause
    parties: tuple[str, ...]
    text: str
    terms: Terms = ()
    kind: ClassVar[str] = "tabled"


@dataclass(frozen=True, slots=True)
class Supported(Event):
    article: int
    power: str
    kind: ClassVar[str] = "supported"


@dataclass(frozen=True, slots=True)
class Opposed(Event):
    article: int
    power: str
    kind: ClassVar[str] = "opposed"


@dataclass(frozen=True, slots=True)
class Amended(Event):
    article: int
    power: str
    text: str
    kind: ClassVar[str] = "amended"


@dataclass(frozen=True, slots=True)
class Retracted(Event):
    article: int
    kind: ClassVar[str] = "retracted"


@dataclass(frozen=True, slots=True)
class DraftClosed(Event):
    deadline: float | None = None
    kind: ClassVar[str] = "draft_closed"


@dataclass(frozen=True, slots=True)
class Signed(Event):
    power: str
    by: str = ""  # the name the member signed with
    kind: ClassVar[str] = "signed"


@dataclass(frozen=True, slots=True)
class Refused(Event):
    power: str
    kind: ClassVar[str] = "refused"


@dataclass(frozen=True, slots=True)
class Ratified(Event):
    among: tuple[str, ...] = ()  # a narrower accord: only those who signed keep it
    kind: ClassVar[str] = "ratified"


@dataclass(frozen=True, slots=True)
class Failed(Event):
    kind: ClassVar[str] = "failed"


@dataclass(frozen=True, slots=True)
class Paused(Event):
    remaining: float | None = None  # seconds that were left on the clock
    kind: ClassVar[str] = "paused"


@dataclass(frozen=True, slots=True)
class Resumed(Event):
    at: float | None = None  # the new deadline
    kind: ClassVar[str] = "resumed"


@dataclass(frozen=True, slots=True)
class DeadlineSet(Event):
    at: float
    by: float | None = None  # seconds the host extended the phase by (the clock sets deadlines without)
    kind: ClassVar[str] = "deadline_set"


@dataclass(frozen=True, slots=True)
class Replaced(Event):
    old: int
    new: int
    idle: float | None = None  # seconds the player had gone without acting, when that was the reason
    consent: bool = False  # the player agreed to hand over their seat
    kind: ClassVar[str] = "replaced"


@dataclass(frozen=True, slots=True)
class Abandoned(Event):
    kind: ClassVar[str] = "abandoned"


@dataclass(frozen=True, slots=True)
class Departed(Event):
    power: str  # bound by no agreed article: it leaves, and the conference goes on
    reason: str = ""
    kind: ClassVar[str] = "departed"


@dataclass(frozen=True, slots=True)
class ExtendedPaused(Event):
    """A paused phase given more time: it has `remaining` seconds once resumed (a running phase
    is extended by moving its deadline, DeadlineSet)."""

    by: float
    remaining: float
    kind: ClassVar[str] = "extended_paused"


@dataclass(frozen=True, slots=True)
class Delegated(Event):
    """The bot's delegation takes `power`'s seat (seating.py): a free one, or the seat of the
    players who went silent (`replaced`)."""

    power: str
    replaced: tuple[int, ...] = ()
    kind: ClassVar[str] = "delegated"


EVENTS: dict[str, type[Event]] = {
    cls.kind: cls
    for cls in (
        Joined, Left, Started, Tabled, Supported, Opposed, Amended, Retracted, DraftClosed,
        Signed, Refused, Ratified, Failed, Paused, Resumed, DeadlineSet, Replaced, Abandoned,
        Departed, ExtendedPaused, Delegated,
    )
}  # fmt: skip
OPENINGS = (Started, DraftClosed)  # events that open a phase
