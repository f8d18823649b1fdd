"""An archive's accords checked (bot/domain/archive_check.py): each field, articles numbered
I, II, III … once each, parties named once, and a record whose events name the accord's parties
and complaints filed before they are voted on or decided."""

from __future__ import annotations

from typing import Any

from .accords.after_events import (
    AfterEvent,
    ComplaintDecided,
    ComplaintFiled,
    Reinstated,
    VoteCast,
    Withdrawn,
)
from .archive import AccordEvent, AccordRecord
from .archive_fields import fail, fields, flag, items, maybe_whole, member, moment, text, texts, whole
from .inert import quoted
from .lore_facts import YEAR_RANGE
from .numerals import to_roman
from .references import MAX_ARTICLE
from .treaties import Article, HistoryEvent, Party

MAX_NAME = 200
MAX_ALIASES = 20
MAX_LINE = 200  # a date, a place, a party's or an article's title, a signatory
MAX_TEXT = 4000
MAX_PARTIES = 50
MAX_SIGNERS = 50
MAX_HISTORY = 1000
MAX_EVENTS = 10_000
MAX_COMPLAINTS = 10_000
ACCORD_FIELDS = (
    "name",
    "aliases",
    "summary",
    "year",
    "date_text",
    "place",
    "status",
    "ratified_at",
    "parties",
    "articles",
    "history",
    "events",
)
EVENT_FIELDS = {
    Withdrawn.kind: ("reason",),
    Reinstated.kind: (),
    ComplaintFiled.kind: ("number", "against", "text"),
    VoteCast.kind: ("number", "uphold"),
    ComplaintDecided.kind: ("number", "upheld"),
}


def read_accords(raws: list[Any]) -> tuple[AccordRecord, ...]:
    records: list[AccordRecord] = []
    names: dict[str, int] = {}
    for number, raw in enumerate(raws, 1):
        record = accord_record(raw, number)
        if (earlier := names.setdefault(record.name.casefold(), number)) != number:
            fail(_where(number, record.name), f"the name is already accord {earlier}'s")
        records.append(record)
    return tuple(records)


def _where(number: int, name: str) -> str:
    return f"accord {number} ({quoted(name, 60)})"


def accord_record(raw: Any, number: int) -> AccordRecord:
    where = f"accord {number}"
    found = fields(raw, where, ACCORD_FIELDS)
    name = " ".join(text(found, where, "name", MAX_NAME).split())
    where = _where(number, name)
    parties = _parties(found, where)
    return AccordRecord(
        name=name,
        aliases=texts(found, where, "aliases", MAX_ALIASES, MAX_NAME),
        summary=text(found, where, "summary", MAX_TEXT, empty=True),
        year=maybe_whole(found, where, "year", *YEAR_RANGE),
        date_text=text(found, where, "date_text", MAX_LINE, empty=True),
        place=text(found, where, "place", MAX_LINE, empty=True),
        status=text(found, where, "status", MAX_LINE),
        ratified_at=moment(found, where, "ratified_at"),
        parties=parties,
        articles=_articles(found, where),
        history=tuple(_history(raw, where) for raw in items(found, where, "history", MAX_HISTORY)),
        events=_events(found, where, {p.name for p in parties}),
    )


def _parties(found: dict[str, Any], where: str) -> tuple[Party, ...]:
    parties: list[Party] = []
    for raw in items(found, where, "parties", MAX_PARTIES):
        party = fields(raw, where, ("name", "signed_by"))
        name = text(party, where, "name", MAX_LINE)
        if any(p.name.casefold() == name.casefold() for p in parties):
            fail(where, f"the party {quoted(name, 60)} is named twice")
        parties.append(Party(name, texts(party, where, "signed_by", MAX_SIGNERS, MAX_LINE)))
    if not parties:
        fail(where, "an accord binds at least one party")
    return tuple(parties)


def _articles(found: dict[str, Any], where: str) -> tuple[Article, ...]:
    articles: list[Article] = []
    for raw in items(found, where, "articles", MAX_ARTICLE):
        article = fields(raw, where, ("number", "title", "text"))
        number = whole(article, where, "number", 1, MAX_ARTICLE)
        if any(a.number == number for a in articles):
            fail(where, f"article {to_roman(number)} is numbered twice")
        articles.append(
            Article(number, text(article, where, "title", MAX_LINE), text(article, where, "text", MAX_TEXT))
        )
    if [a.number for a in articles] != list(range(1, len(articles) + 1)):
        fail(where, "the articles should be numbered I, II, III … in order, without gaps")
    return tuple(articles)


def _history(raw: Any, where: str) -> HistoryEvent:
    line = fields(raw, where, ("year", "kind", "text"))
    return HistoryEvent(
        maybe_whole(line, where, "year", *YEAR_RANGE),
        text(line, where, "kind", 40),
        text(line, where, "text", MAX_TEXT, empty=True),
    )


def _events(found: dict[str, Any], where: str, parties: set[str]) -> tuple[AccordEvent, ...]:
    events: list[AccordEvent] = []
    filed: set[int] = set()
    for number, raw in enumerate(items(found, where, "events", MAX_EVENTS), 1):
        at = f"{where}, event {number}"
        kind = raw.get("kind") if isinstance(raw, dict) else None
        if not isinstance(kind, str) or kind not in EVENT_FIELDS:
            fail(at, f"the kind should be one of {', '.join(EVENT_FIELDS)}")
        event = fields(raw, at, ("at", "actor_id", "kind", "power", *EVENT_FIELDS[kind]))
        power = text(event, at, "power", MAX_LINE)
        if power not in parties:
            fail(at, f"the power {quoted(power, 60)} is not a party to the accord")
        after = _event(kind, power, event, at, parties, filed)
        events.append(AccordEvent(moment(event, at, "at"), member(event, at, "actor_id", zero=True), after))
    return tuple(events)


def _event(
    kind: str, power: str, event: dict[str, Any], at: str, parties: set[str], filed: set[int]
) -> AfterEvent:
    if kind == Withdrawn.kind:
        return Withdrawn(power, text(event, at, "reason", MAX_TEXT, empty=True))
    if kind == Reinstated.kind:
        return Reinstated(power)
    number = whole(event, at, "number", 1, MAX_COMPLAINTS)
    if kind == ComplaintFiled.kind:
        against = text(event, at, "against", MAX_LINE)
        if against not in parties:
            fail(at, f"the complaint is against {quoted(against, 60)}, who is not a party to the accord")
        if number in filed:
            fail(at, f"complaint {number} is filed twice")
        filed.add(number)
        return ComplaintFiled(power, number, against, text(event, at, "text", MAX_TEXT, empty=True))
    if number not in filed:
        fail(at, f"complaint {number} is not filed before it")
    if kind == VoteCast.kind:
        return VoteCast(power, number, flag(event, at, "uphold"))
    return ComplaintDecided(power, number, flag(event, at, "upheld"))
