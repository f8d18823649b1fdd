"""What happened to a ratified accord: one frozen class per kind of event, its record.

Every event names the power behind it (`power`: the signatory that acted; for a decision, the
one whose vote completed it). `kind` is the name the event is stored under, and the other fields
are its stored data (bot/storage/accord_event_codec.py), so a stored record replays for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, TypeAlias


@dataclass(frozen=True, slots=True)
class Withdrawn:
    power: str
    reason: str
    kind: ClassVar[str] = "withdrawn"


@dataclass(frozen=True, slots=True)
class Reinstated:
    power: str
    kind: ClassVar[str] = "reinstated"


@dataclass(frozen=True, slots=True)
class ComplaintFiled:
    power: str  # who complains
    number: int
    against: str
    text: str
    kind: ClassVar[str] = "complaint"


@dataclass(frozen=True, slots=True)
class VoteCast:
    power: str
    number: int
    uphold: bool
    kind: ClassVar[str] = "vote"


@dataclass(frozen=True, slots=True)
class ComplaintDecided:
    power: str  # whose vote completed the count
    number: int
    upheld: bool
    kind: ClassVar[str] = "decided"


AfterEvent: TypeAlias = Withdrawn | Reinstated | ComplaintFiled | VoteCast | ComplaintDecided
