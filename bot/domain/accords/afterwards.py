"""After ratification: withdrawal, reinstatement, complaints and the signatories' vote."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import InvalidInput, NotAllowed, NotFound


@dataclass(frozen=True, slots=True)
class Record:
    """An accord's afterlife, folded from its events."""

    parties: tuple[str, ...]
    withdrawn: frozenset[str] = frozenset()
    complaints: dict[int, dict[str, Any]] = field(default_factory=dict)  # number -> complaint

    def status(self) -> str:
        if not self.withdrawn:
            return "in force"
        return "suspended: " + ", ".join(sorted(self.withdrawn)) + " withdrew"


def fold(parties: tuple[str, ...], events: list[tuple[str, str, dict[str, Any]]]) -> Record:
    withdrawn: set[str] = set()
    complaints: dict[int, dict[str, Any]] = {}
    for kind, power, data in events:
        if kind == "withdrawn":
            withdrawn.add(power)
        elif kind == "reinstated":
            withdrawn.discard(power)
        elif kind == "complaint":
            complaints[data["number"]] = {
                "by": power,
                "against": data["against"],
                "text": data.get("text", ""),
                "votes": {},
                "upheld": None,
            }
        elif kind == "vote":
            complaints[data["number"]]["votes"][power] = data["uphold"]
        elif kind == "decided":
            complaints[data["number"]]["upheld"] = data["upheld"]
    return Record(parties, frozenset(withdrawn), complaints)


def _party(record: Record, power: str | None) -> str:
    if power is None or power not in record.parties:
        raise NotAllowed("Only the delegations of this accord's signatories can do that.")
    return power


def withdraw(record: Record, power: str | None, reason: str) -> list[tuple[str, dict[str, Any]]]:
    power = _party(record, power)
    if power in record.withdrawn:
        raise NotAllowed(f"{power} has already withdrawn from this accord.")
    if not reason.strip():
        raise InvalidInput("Give a reason for the withdrawal.")
    return [("withdrawn", {"reason": " ".join(reason.split())[:500]})]


def reinstate(record: Record, power: str | None) -> list[tuple[str, dict[str, Any]]]:
    power = _party(record, power)
    if power not in record.withdrawn:
        raise NotAllowed(f"{power} has not withdrawn from this accord.")
    return [("reinstated", {})]


def complain(record: Record, power: str | None, against: str, text: str) -> list[tuple[str, dict[str, Any]]]:
    power = _party(record, power)
    if power in record.withdrawn:
        raise NotAllowed("A power that withdrew cannot bring complaints under this accord.")
    if against not in record.parties or against == power:
        raise InvalidInput(
            f"Complain against another signatory: {', '.join(p for p in record.parties if p != power)}."
        )
    if not text.strip():
        raise InvalidInput("Say what the complaint is.")
    number = len(record.complaints) + 1
    return [("complaint", {"number": number, "against": against, "text": " ".join(text.split())[:1000]})]


def voters(record: Record, number: int) -> set[str]:
    complaint = record.complaints[number]
    return set(record.parties) - record.withdrawn - {complaint["against"]}


def vote(record: Record, power: str | None, number: int, uphold: bool) -> list[tuple[str, dict[str, Any]]]:
    power = _party(record, power)
    complaint = record.complaints.get(number)
    if complaint is None:
        raise NotFound(f"This accord has no complaint {number}.")
    if complaint["upheld"] is not None:
        raise NotAllowed(f"Complaint {number} has been decided.")
    if power not in voters(record, number):
        raise NotAllowed("The accused, and powers that withdrew, do not vote on a complaint.")
    if power in complaint["votes"]:
        return []  # voting twice changes nothing
    events: list[tuple[str, dict[str, Any]]] = [("vote", {"number": number, "uphold": uphold})]
    votes = {**complaint["votes"], power: uphold}
    if set(votes) >= voters(record, number):
        upheld = sum(votes.values()) * 2 > len(votes)  # a majority upholds; a tie dismisses
        events.append(("decided", {"number": number, "upheld": upheld}))
    return events
