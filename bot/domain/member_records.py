"""Everything held about one member, record by record, and the export a member downloads with
/mydata export: one JSON document with a schema version, in plain words, grouped by server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .member_data import NO_SERVER, action

SCHEMA_VERSION = 1  # raised when a key changes meaning or goes; new keys may be added without


@dataclass(frozen=True, slots=True)
class LoreWritten:
    guild_id: int
    title: str
    kind: str
    written: str  # ISO times, as stored
    changed: str


@dataclass(frozen=True, slots=True)
class ConferenceSat:
    guild_id: int
    title: str
    convened: str
    stage: str  # the phase as players read it
    hosted: bool
    powers: tuple[str, ...]  # the seats they took


@dataclass(frozen=True, slots=True)
class GameAction:
    guild_id: int
    conference: str
    at: str
    kind: str  # as stored: bot/domain/accords/events.py
    power: str  # the power it was for, when the event names one


@dataclass(frozen=True, slots=True)
class Signature:
    guild_id: int
    conference: str
    power: str
    signed_as: str
    accord: str | None  # the accord it made, if it was ratified


@dataclass(frozen=True, slots=True)
class AccordAction:
    guild_id: int
    accord: str
    at: str
    kind: str  # as stored: bot/domain/accords/after_events.py
    power: str
    details: tuple[tuple[str, Any], ...]  # the complaint's text, the vote, the reason given


@dataclass(frozen=True, slots=True)
class Standing:
    guild_id: int
    points: int
    accords: int


@dataclass(frozen=True, slots=True)
class SavedPage:
    guild_id: int
    value: str
    kept: str


@dataclass(frozen=True, slots=True)
class ErrorNamed:
    guild_id: int
    reference: str
    at: str
    command: str
    error_type: str


@dataclass(frozen=True, slots=True)
class MemberRecord:
    lore_entries: tuple[LoreWritten, ...] = ()
    conferences: tuple[ConferenceSat, ...] = ()
    actions: tuple[GameAction, ...] = ()
    signatures: tuple[Signature, ...] = ()
    accord_actions: tuple[AccordAction, ...] = ()
    reputation: tuple[Standing, ...] = ()
    saved_pages: tuple[SavedPage, ...] = ()
    error_reports: tuple[ErrorNamed, ...] = ()

    def guilds(self) -> list[int]:
        """Every server something is held in, in id order (NO_SERVER last)."""
        found = {
            item.guild_id
            for records in (
                self.lore_entries, self.conferences, self.actions, self.signatures,
                self.accord_actions, self.reputation, self.saved_pages, self.error_reports,
            )
            for item in records
        }  # fmt: skip
        return sorted(found, key=lambda guild: (guild == NO_SERVER, guild))


# An accord event's stored details (bot/storage/accord_event_codec.py) under readable keys.
DETAILS = {
    "reason": "reason given",
    "number": "complaint number",
    "against": "complaint against",
    "text": "complaint",
    "uphold": "voted to uphold",
    "upheld": "upheld",
}


def export_document(
    user: int, record: MemberRecord, server_name: Callable[[int], str], exported_at: str
) -> dict[str, Any]:
    """The export: what is held in each server, under readable keys (ids as strings: a JSON
    reader that keeps numbers as doubles would round a Discord id)."""
    return {
        "what this is": "Everything Khitomer holds about one member, in every server (/mydata export).",
        "schema version": SCHEMA_VERSION,
        "exported at": exported_at,
        "member id": str(user),
        "servers": [_server(guild, record, server_name(guild)) for guild in record.guilds()],
    }


def _server(guild: int, record: MemberRecord, name: str) -> dict[str, Any]:
    def of(items: tuple[Any, ...]) -> list[Any]:
        return [item for item in items if item.guild_id == guild]

    standing = next(iter(of(record.reputation)), None)
    return {
        "server": name,
        "server id": str(guild) if guild != NO_SERVER else None,
        "reputation": None
        if standing is None
        else {"points": standing.points, "accords honoured": standing.accords},
        "lore entries you wrote": [
            {"title": e.title, "kind": e.kind, "written": e.written, "last changed": e.changed}
            for e in of(record.lore_entries)
        ],
        "conferences": [
            {
                "title": c.title,
                "convened": c.convened,
                "stage": c.stage,
                "you hosted it": c.hosted,
                "seats you took": list(c.powers),
            }
            for c in of(record.conferences)
        ],
        "your actions in conferences": [
            {"conference": a.conference, "when": a.at, "what": action(a.kind), "for": a.power or None}
            for a in of(record.actions)
        ],
        "signatures": [
            {"conference": s.conference, "for": s.power, "signed as": s.signed_as, "accord": s.accord}
            for s in of(record.signatures)
        ],
        "your actions on accords": [
            {
                "accord": a.accord,
                "when": a.at,
                "what": action(a.kind),
                "for": a.power,
                **{DETAILS.get(key, key): value for key, value in a.details},
            }
            for a in of(record.accord_actions)
        ],
        "saved searches for page buttons": [
            {"text": p.value, "kept since": p.kept} for p in of(record.saved_pages)
        ],
        "error reports naming you": [
            {"reference": r.reference, "when": r.at, "command": r.command or None, "error": r.error_type}
            for r in of(record.error_reports)
        ],
    }
