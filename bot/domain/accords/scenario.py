"""Scenarios: who may sit at a conference, what it is about, and each power's secret aims."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Clause, Terms


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
    terms: Terms = ()  # what a fitting article must state (clauses.term_fits)
    binds: tuple[str, ...] = ()  # whom a fitting article must bind; none named: the objective's power


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
