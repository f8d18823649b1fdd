"""After ratification: withdrawal, reinstatement, complaints and the signatories' vote.

`decide(record, command, power)` checks a signatory's command (after_commands.py) against the
rules and returns the events it causes (after_events.py), or raises a domain error a player can
read; `evolve(record, event)` applies one event; `fold(parties, events)` rebuilds a record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import assert_never

from ..errors import InvalidInput, NotAllowed, NotFound
from .after_commands import AfterCommand, Complain, Reinstate, Vote, Withdraw
from .after_events import AfterEvent, ComplaintDecided, ComplaintFiled, Reinstated, VoteCast, Withdrawn

REASON_CHARS, COMPLAINT_CHARS = 500, 1000


@dataclass(frozen=True, slots=True)
class Complaint:
    number: int
    by: str
    against: str
    text: str
    votes: Mapping[str, bool] = field(default_factory=dict)  # power -> uphold
    upheld: bool | None = None  # None: still waiting for votes


@dataclass(frozen=True, slots=True)
class Record:
    """An accord's afterlife, folded from its events."""

    parties: tuple[str, ...]
    withdrawn: frozenset[str] = frozenset()
    complaints: Mapping[int, Complaint] = field(default_factory=dict)  # by number
    # Parties the bot's delegations played: nobody can act for them afterwards, so they do not
    # vote (a complaint would otherwise wait for their votes for ever).
    abstaining: frozenset[str] = frozenset()

    def status(self) -> str:
        if not self.withdrawn:
            return "in force"
        return "suspended: " + ", ".join(sorted(self.withdrawn)) + " withdrew"

    def open_complaints(self) -> list[Complaint]:
        return [c for c in self.complaints.values() if c.upheld is None]


def evolve(record: Record, event: AfterEvent) -> Record:
    match event:
        case Withdrawn(power=power):
            return replace(record, withdrawn=record.withdrawn | {power})
        case Reinstated(power=power):
            return replace(record, withdrawn=record.withdrawn - {power})
        case ComplaintFiled(power=power, number=number, against=against, text=text):
            return _with(record, Complaint(number, power, against, text))
        case VoteCast(power=power, number=number, uphold=uphold):
            complaint = record.complaints[number]
            return _with(record, replace(complaint, votes={**complaint.votes, power: uphold}))
        case ComplaintDecided(number=number, upheld=upheld):
            return _with(record, replace(record.complaints[number], upheld=upheld))
        case _:
            assert_never(event)


def _with(record: Record, complaint: Complaint) -> Record:
    return replace(record, complaints={**record.complaints, complaint.number: complaint})


def fold(
    parties: tuple[str, ...], events: Iterable[AfterEvent], abstaining: frozenset[str] = frozenset()
) -> Record:
    record = Record(parties, abstaining=abstaining)
    for event in events:
        record = evolve(record, event)
    return record


def decide(record: Record, command: AfterCommand, power: str | None) -> list[AfterEvent]:
    """The events `power`'s delegation (None: someone seated for no signatory) causes with
    `command`; nothing when it changes nothing (a second vote)."""
    if power is None or power not in record.parties:
        raise NotAllowed("Only the delegations of this accord's signatories can do that.")
    match command:
        case Withdraw(reason=reason):
            return _withdraw(record, power, reason)
        case Reinstate():
            if power not in record.withdrawn:
                raise NotAllowed(f"{power} has not withdrawn from this accord.")
            return [Reinstated(power)]
        case Complain(against=against, text=text):
            return _complain(record, power, against, text)
        case Vote(number=number, uphold=uphold):
            return _vote(record, power, number, uphold)
        case _:
            assert_never(command)


def _one_line(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit]


def _withdraw(record: Record, power: str, reason: str) -> list[AfterEvent]:
    if power in record.withdrawn:
        raise NotAllowed(f"{power} has already withdrawn from this accord.")
    if not reason.strip():
        raise InvalidInput("Give a reason for the withdrawal.")
    return [Withdrawn(power, _one_line(reason, REASON_CHARS))]


def _complain(record: Record, power: str, against: str, text: str) -> list[AfterEvent]:
    if power in record.withdrawn:
        raise NotAllowed("A power that withdrew cannot bring complaints under this accord.")
    if against not in record.parties or against == power:
        raise InvalidInput(
            f"Complain against another signatory: {', '.join(p for p in record.parties if p != power)}."
        )
    if not text.strip():
        raise InvalidInput("Say what the complaint is.")
    number = len(record.complaints) + 1
    return [ComplaintFiled(power, number, against, _one_line(text, COMPLAINT_CHARS))]


def voters(record: Record, number: int) -> set[str]:
    """Who votes on a complaint: the signatories still in the accord, but not the accused, nor
    the bot's delegations."""
    return set(record.parties) - record.withdrawn - record.abstaining - {record.complaints[number].against}


def _vote(record: Record, power: str, number: int, uphold: bool) -> list[AfterEvent]:
    complaint = record.complaints.get(number)
    if complaint is None:
        raise NotFound(f"This accord has no complaint {number}.")
    if complaint.upheld is not None:
        raise NotAllowed(f"Complaint {number} has been decided.")
    if power not in voters(record, number):
        raise NotAllowed(
            "The accused, powers that withdrew and the bot's delegations do not vote on a complaint."
        )
    if power in complaint.votes:
        return []  # voting twice changes nothing
    events: list[AfterEvent] = [VoteCast(power, number, uphold)]
    votes = {**complaint.votes, power: uphold}
    if set(votes) >= voters(record, number):
        upheld = sum(votes.values()) * 2 > len(votes)  # a majority upholds; a tie dismisses
        events.append(ComplaintDecided(power, number, upheld))
    return events
