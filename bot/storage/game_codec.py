"""How a game is written down: its head (everything but the articles) as one JSON document,
each article as its own row, each event as its kind and a JSON object of its fields.

Written by hand: dataclasses.asdict deep-copies and took 60 us a game. Events written before
terms were declared in one place (subject, giver, receiver as fields of their own) still load.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from ..domain.accords import Article, Clause, GameState, Phase, Seat, clauses
from ..domain.accords import events as e
from ..domain.accords.model import Terms


def dump_head(state: GameState) -> str:
    return json.dumps(
        {
            "game_id": state.game_id,
            "guild_id": state.guild_id,
            "host": state.host,
            "title": state.title,
            "powers": list(state.powers),
            "phase": state.phase.value,
            "seats": [_dump_seat(s) for s in state.seats],
            "signed": sorted(state.signed),
            "refused": sorted(state.refused),
            "paused": state.paused,
            "version": state.version,
            "scenario": state.scenario,
            "deadline": state.deadline,
            "remaining": state.remaining,
            "narrower": state.narrower,
            "acted": [list(pair) for pair in state.acted],
            "departed": sorted(state.departed),
        }
    )


def _dump_seat(seat: Seat) -> dict[str, Any]:
    held: dict[str, Any] = {"power": seat.power, "players": list(seat.players)}
    if seat.delegation:
        held["delegation"] = True
    return held


def load_head(text: str, articles: tuple[Article, ...]) -> GameState:
    raw = json.loads(text)
    raw.pop("articles", None)
    raw["phase"] = Phase(raw["phase"])
    raw["powers"] = tuple(raw["powers"])
    # a seat written before delegations existed has no "delegation": a person's seat
    raw["seats"] = tuple(
        Seat(s["power"], tuple(s["players"]), bool(s.get("delegation"))) for s in raw["seats"]
    )
    raw["signed"], raw["refused"] = frozenset(raw["signed"]), frozenset(raw["refused"])
    raw["acted"] = tuple((int(player), float(at)) for player, at in raw.get("acted", ()))
    raw["departed"] = frozenset(raw.get("departed", ()))  # none in games stored before departures
    return GameState(**raw, articles=articles)


def dump_article(article: Article) -> str:
    return json.dumps(
        {
            "number": article.number,
            "author": article.author,
            "clause": article.clause.value,
            "parties": list(article.parties),
            "text": article.text,
            "support": sorted(article.support),
            "oppose": sorted(article.oppose),
            "versions": article.versions,
            "retracted": article.retracted,
            "terms": dict(article.terms),
        }
    )


def load_article(text: str) -> Article:
    a = json.loads(text)
    return Article(
        a["number"], a["author"], Clause(a["clause"]), tuple(a["parties"]), a["text"],
        frozenset(a["support"]), frozenset(a["oppose"]), a["versions"], a["retracted"], _terms(a),
    )  # fmt: skip


def _terms(data: dict[str, Any]) -> Terms:
    """Terms in TERMS order, from a `terms` object or, as first written, fields of their own."""
    given = data.get("terms") or {t.name: data[t.name] for t in clauses.TERMS if data.get(t.name)}
    return tuple((t.name, str(given[t.name])) for t in clauses.TERMS if given.get(t.name))


def dump_event(event: e.Event) -> str:
    data: dict[str, Any] = {}
    for field in fields(event):
        if field.name == "actor":
            continue
        value = getattr(event, field.name)
        if isinstance(value, Clause):
            value = value.value
        elif field.name == "terms":
            value = dict(value)
        elif isinstance(value, tuple):
            value = list(value)
        data[field.name] = value
    return json.dumps(data)


def load_event(kind: str, actor: int, text: str) -> e.Event:
    cls = e.EVENTS[kind]
    data = json.loads(text)
    known = {field.name for field in fields(cls)} - {"actor"}
    values = {name: data[name] for name in known if name in data}
    if cls is e.Tabled:
        values["clause"] = Clause(values["clause"])
        values["terms"] = _terms(data)
    for name, value in values.items():
        if isinstance(value, list):
            values[name] = tuple(value)
    return cls(actor, **values)
