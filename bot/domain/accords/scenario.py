"""Scenarios: who may sit at a conference, what it is about, and each power's secret aims."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Clause


@dataclass(frozen=True, slots=True)
class Power:
    name: str
    emblem: str
    colour: int
    aliases: tuple[str, ...] = ()  # other names players type: "Feds", "Romulans"


@dataclass(frozen=True, slots=True)
class Objective:
    power: str
    clause: Clause
    wants: bool  # True: wants such an article ratified; False: must avoid one
    points: int
    text: str
    subject: str = ""  # when set, the article's subject must mention it
    giver: str = ""
    receiver: str = ""


@dataclass(frozen=True, slots=True)
class Scenario:
    key: str
    title: str
    place: str
    briefing: str
    powers: tuple[str, ...]
    objectives: tuple[Objective, ...] = ()
    year: int | None = None
    narrower_accord: bool = False  # may those who signed ratify without the refusers (two or more)
