"""The minutes of a conference: one plain sentence an action, with its time and who acted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..domain.accords import Event
from ..domain.accords.machine import CLOCK
from .text import plain

Sentence = Callable[[str, dict[str, Any]], str]


def _article(data: dict[str, Any]) -> str:
    return f"Article {data.get('article')}"


def _until(data: dict[str, Any]) -> str:
    return f" until <t:{int(float(data['deadline']))}:f>" if data.get("deadline") else ""


# Every kind of event the game records, as a sentence; `who` is the member (or "The clock").
SENTENCES: dict[str, Sentence] = {
    "joined": lambda who, d: f"{who} took the seat of {d.get('power')}.",
    "left": lambda who, d: f"{who} left the table.",
    "started": lambda who, d: f"{who} opened negotiations{_until(d)}.",
    "tabled": lambda who, d: (
        f"{who} tabled {_article(d) if d.get('article') else 'an article'} ({d.get('clause')}) for "
        f"{d.get('author')}, binding {', '.join(d.get('parties') or [])}: "
        f"“{plain(str(d.get('text', '')))[:200]}”"
    ),
    "supported": lambda who, d: f"{who} supported {_article(d)} for {d.get('power')}.",
    "opposed": lambda who, d: f"{who} opposed {_article(d)} for {d.get('power')}.",
    "amended": lambda who, d: f"{who} amended {_article(d)} for {d.get('power')}: every party answers again.",
    "retracted": lambda who, d: f"{who} withdrew {_article(d)}.",
    "draft_closed": lambda who, d: (
        f"{who} closed the draft: the agreed articles are up for signature{_until(d)}."
    ),
    "signed": lambda who, d: f"{who} signed the accord for {d.get('power')}.",
    "refused": lambda who, d: (
        f"{d.get('power')} let the deadline pass and counts as refusing."
        if who == "The clock"
        else f"{who} refused to sign for {d.get('power')}."
    ),
    "ratified": lambda who, d: (
        f"The accord was ratified among {', '.join(d['among'])}."
        if d.get("among")
        else "The accord was ratified."
    ),
    "failed": lambda who, d: "The accord failed.",
    "paused": lambda who, d: f"{who} paused the conference: the clock stopped.",
    "resumed": lambda who, d: f"{who} resumed the conference: the clock runs again.",
    "deadline_set": lambda who, d: f"The current phase now ends <t:{int(float(d.get('at', 0)))}:f>.",
    "replaced": lambda who, d: f"{who} gave the seat of <@{d.get('old')}> to <@{d.get('new')}>.",
    "abandoned": lambda who, d: (
        "Too few powers sat down in time: the conference was abandoned."
        if who == "The clock"
        else f"{who} abandoned the conference."
    ),
}


def minute_sentence(event: Event) -> str:
    """One action in plain words, without its time."""
    who = "The clock" if event.actor == CLOCK else f"<@{event.actor}>"
    sentence = SENTENCES.get(event.kind)
    return sentence(who, event.data) if sentence is not None else "A change was recorded."


def minute_lines(host: int, title: str, convened_at: float, events: list[tuple[float, Event]]) -> list[str]:
    """The convening first, then each recorded action: `<t:…:f> who did what.`"""
    lines = [f"<t:{int(convened_at)}:f> <@{host}> convened the conference “{plain(title)}”."]
    tabled = 0
    for at, event in events:
        if event.kind == "tabled":  # articles are numbered in the order they were tabled
            tabled += 1
            event = Event(event.kind, event.actor, {**event.data, "article": tabled})
        lines.append(f"<t:{int(at)}:f> {minute_sentence(event)}")
    return lines
