"""The game's machine: `decide` asks the action's rule (actions.py) what events an action
causes; `evolve` applies an event to the state — the only place state changes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..errors import InvalidInput, NotAllowed
from .actions import CLOCK, HANDLERS, MAX_TEXT, MIN_POWERS, state_seat
from .model import Article, Clause, Event, GameState, Phase, Seat

__all__ = ["CLOCK", "MAX_TEXT", "MIN_POWERS", "decide", "evolve", "new_game", "replay"]


def new_game(
    game_id: int,
    guild_id: int,
    host: int,
    title: str,
    powers: tuple[str, ...],
    scenario: str = "",
    *,
    narrower: bool = False,
    deadline: float | None = None,
) -> GameState:
    if not MIN_POWERS <= len(powers) <= 8:
        raise InvalidInput("A conference seats two to eight powers.")
    title = " ".join(title.split())
    if not 1 <= len(title) <= 100:
        raise InvalidInput("A conference title is 1 to 100 characters.")
    return GameState(
        game_id, guild_id, host, title, powers, scenario=scenario, narrower=narrower, deadline=deadline
    )


def decide(state: GameState, kind: str, actor: int, *, staff: bool = False, **data: Any) -> list[Event]:
    """The events `kind` by `actor` causes in `state`, or a domain error saying why not.
    `staff`: the actor is the host's equal (a moderator or the game-master role)."""
    if state.phase.over:
        raise NotAllowed("This conference is over.")
    if state.paused and kind not in {"resume", "abandon", "expire"}:
        raise NotAllowed("The conference is paused: the host can resume it with /accord host resume.")
    handler = HANDLERS.get(kind)
    if handler is None:
        raise InvalidInput(f"Unknown action {kind!r}.")
    return handler(state, actor, staff, data)


def evolve(state: GameState, event: Event) -> GameState:
    """One event applied: the only place state changes."""
    data = event.data
    state = replace(state, version=state.version + 1)
    if event.kind == "joined":
        others = tuple(s for s in state.seats if s.power != data["power"])
        current = state_seat(state, data["power"])
        players = (*current.players, event.actor) if current else (event.actor,)
        return replace(state, seats=(*others, Seat(data["power"], players)))
    if event.kind == "left":
        remaining = tuple(
            replace(s, players=tuple(p for p in s.players if p != event.actor)) for s in state.seats
        )
        return replace(state, seats=tuple(s for s in remaining if s.players))
    if event.kind == "started":  # a phase that opens carries its deadline in the same event
        return replace(state, phase=Phase.NEGOTIATION, deadline=data.get("deadline", state.deadline))
    if event.kind == "tabled":
        article = Article(
            len(state.articles) + 1,
            data["author"],
            Clause(data["clause"]),
            tuple(data["parties"]),
            data["text"],
            support=frozenset({data["author"]}) & frozenset(data["parties"]),
            subject=data.get("subject", ""),
            giver=data.get("giver", ""),
            receiver=data.get("receiver", ""),
        )
        return replace(state, articles=(*state.articles, article))
    if event.kind in {"supported", "opposed", "amended", "retracted"}:
        return replace(state, articles=tuple(_vote(a, event) for a in state.articles))
    if event.kind == "draft_closed":
        return replace(state, phase=Phase.RATIFICATION, deadline=data.get("deadline", state.deadline))
    if event.kind == "signed":
        return replace(state, signed=state.signed | {data["power"]}, refused=state.refused - {data["power"]})
    if event.kind == "refused":
        return replace(state, refused=state.refused | {data["power"]})
    if event.kind == "ratified":
        return replace(state, phase=Phase.RATIFIED)
    if event.kind == "failed":
        return replace(state, phase=Phase.FAILED)
    if event.kind == "paused":
        return replace(state, paused=True, remaining=data.get("remaining"), deadline=None)
    if event.kind == "resumed":
        return replace(state, paused=False, deadline=data.get("at"), remaining=None)
    if event.kind == "deadline_set":
        return replace(state, deadline=data["at"])
    if event.kind == "replaced":
        old, new = data["old"], data["new"]
        seats = tuple(
            replace(s, players=tuple(new if p == old else p for p in s.players)) for s in state.seats
        )
        return replace(state, seats=seats)
    if event.kind == "abandoned":
        return replace(state, phase=Phase.ABANDONED)
    raise ValueError(f"unknown event {event.kind!r}")


def replay(start: GameState, events: list[Event]) -> GameState:
    state = start
    for event in events:
        state = evolve(state, event)
    return state


def _vote(article: Article, event: Event) -> Article:
    data = event.data
    if article.number != data["article"]:
        return article
    power = data.get("power", "")
    if event.kind == "supported":
        return replace(article, support=article.support | {power}, oppose=article.oppose - {power})
    if event.kind == "opposed":
        return replace(article, oppose=article.oppose | {power}, support=article.support - {power})
    if event.kind == "amended":  # a new version: every party must look again
        return replace(
            article,
            text=data["text"],
            versions=article.versions + 1,
            support=frozenset({power}),
            oppose=frozenset(),
        )
    return replace(article, retracted=True)
