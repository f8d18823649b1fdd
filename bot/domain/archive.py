"""A server's archive (issue #24): its own lore, its accords with their records, its settings and
its reputation, as one versioned JSON document that `/config export` writes and `/config import`
reads back into the same server or another.

The document names nothing by a row id or a server id, only by what members see (a lore entry's
title, an accord's name), so a server imported from it exports the very same file. Member ids
(authors, signatories' actions, reputation) are kept: the same Discord users in any server.
Running conferences are not archived. This module holds the values and their JSON form;
bot/domain/archive_check.py reads a document back, checking every field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, assert_never

from .accords.after_events import (
    AfterEvent,
    ComplaintDecided,
    ComplaintFiled,
    Reinstated,
    VoteCast,
    Withdrawn,
)
from .lore import Kind, Years
from .lore_facts import Facts
from .treaties import Article, HistoryEvent, Party

MARKER = "khitomer_archive"  # the key that says what the file is; its value is the version
VERSION = 1
MAX_BYTES = 25 * 1024 * 1024  # Discord's attachment limit for a server without boosts
PARTS = ("lore", "accords", "settings", "reputation")


def size_text(size: int) -> str:
    """`25 MiB`, `1.5 MiB`, or `900 bytes`: a file's size as a member reads it."""
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MiB"


@dataclass(frozen=True, slots=True)
class Link:
    """A lore entry's link: another entry of the archive (by title) or a canon entry (by key)."""

    to: Literal["lore", "canon"]
    name: str


@dataclass(frozen=True, slots=True)
class LoreRecord:
    title: str
    kind: Kind
    summary: str
    body: str
    aliases: tuple[str, ...] = ()
    years: Years = field(default_factory=Years)
    factions: tuple[str, ...] = ()
    related: tuple[Link, ...] = ()
    facts: Facts = field(default_factory=Facts)
    author_id: int = 0  # 0: imported by the operator's command line
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True, slots=True)
class AccordEvent:
    """One event of an accord's record after ratification, as it was stored."""

    at: str
    actor_id: int
    event: AfterEvent


@dataclass(frozen=True, slots=True)
class AccordRecord:
    name: str
    summary: str
    date_text: str
    place: str
    parties: tuple[Party, ...]
    articles: tuple[Article, ...]
    ratified_at: str
    year: int | None = None
    aliases: tuple[str, ...] = ()
    status: str = "in force"
    history: tuple[HistoryEvent, ...] = ()
    events: tuple[AccordEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class SettingValue:
    name: str
    scope: int  # 0: the whole server; else the channel it is set in
    value: str


@dataclass(frozen=True, slots=True)
class SettingsRecord:
    values: tuple[SettingValue, ...] = ()
    areas_off: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReputationRow:
    member_id: int
    points: int
    accords: int


@dataclass(frozen=True, slots=True)
class Archive:
    """What a file holds. A lore zip holds lore only: the other parts are None and an import
    leaves them as the server has them."""

    lore: tuple[LoreRecord, ...] = ()
    accords: tuple[AccordRecord, ...] = ()
    settings: SettingsRecord | None = None
    reputation: tuple[ReputationRow, ...] | None = None


# --- the JSON form, field by field, in a fixed order (the same archive, the same bytes) ---------


def link_json(link: Link) -> dict[str, str]:
    return {link.to: link.name}


def lore_json(record: LoreRecord) -> dict[str, Any]:
    return {
        "title": record.title,
        "kind": record.kind.value,
        "summary": record.summary,
        "body": record.body,
        "aliases": list(record.aliases),
        "years": {"start": record.years.start, "end": record.years.end},
        "factions": list(record.factions),
        "related": [link_json(link) for link in record.related],
        "facts": record.facts.as_dict(),
        "author_id": record.author_id,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def event_fields(event: AfterEvent) -> dict[str, Any]:
    """An event's own fields beside its kind and power."""
    match event:
        case Withdrawn(reason=reason):
            return {"reason": reason}
        case Reinstated():
            return {}
        case ComplaintFiled(number=number, against=against, text=text):
            return {"number": number, "against": against, "text": text}
        case VoteCast(number=number, uphold=uphold):
            return {"number": number, "uphold": uphold}
        case ComplaintDecided(number=number, upheld=upheld):
            return {"number": number, "upheld": upheld}
        case _:
            assert_never(event)


def accord_json(record: AccordRecord) -> dict[str, Any]:
    return {
        "name": record.name,
        "aliases": list(record.aliases),
        "summary": record.summary,
        "year": record.year,
        "date_text": record.date_text,
        "place": record.place,
        "status": record.status,
        "ratified_at": record.ratified_at,
        "parties": [{"name": p.name, "signed_by": list(p.signed_by)} for p in record.parties],
        "articles": [{"number": a.number, "title": a.title, "text": a.text} for a in record.articles],
        "history": [{"year": h.year, "kind": h.kind, "text": h.text} for h in record.history],
        "events": [
            {
                "at": e.at,
                "actor_id": e.actor_id,
                "kind": e.event.kind,
                "power": e.event.power,
                **event_fields(e.event),
            }
            for e in record.events
        ],
    }


def settings_json(record: SettingsRecord) -> dict[str, Any]:
    return {
        "values": [{"name": v.name, "scope": v.scope, "value": v.value} for v in record.values],
        "areas_off": list(record.areas_off),
    }


def reputation_json(row: ReputationRow) -> dict[str, Any]:
    return {"member_id": row.member_id, "points": row.points, "accords": row.accords}
