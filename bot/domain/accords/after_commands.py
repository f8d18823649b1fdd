"""What a signatory asks of a ratified accord: one frozen class per action.

`afterwards.decide(record, command, power)` checks a command against the rules and returns the
events it causes (after_events.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Withdraw:
    reason: str


@dataclass(frozen=True, slots=True)
class Reinstate:
    pass


@dataclass(frozen=True, slots=True)
class Complain:
    against: str  # the accused power
    text: str


@dataclass(frozen=True, slots=True)
class Vote:
    number: int  # the complaint's
    uphold: bool


AfterCommand: TypeAlias = Withdraw | Reinstate | Complain | Vote
