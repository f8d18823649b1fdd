"""The game's machine: `decide` asks the command's rule (actions.py) what events it causes;
`evolve` applies an event to the state — the only place state changes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..errors import InvalidInput, NotAllowed
from . import actions as rules
from . import commands as c
from . import events as e
from . import seating, signing
from .absence import seen
from .actions import CLOCK, MAX_TEXT, MIN_POWERS, state_seat
from .model import Article, GameState, Phase, Seat

__all__ = ["CLOCK", "MAX_TEXT", "MIN_POWERS", "decide", "evolve", "new_game", "replay"]

# What a paused conference still accepts.
WHILE_PAUSED = (c.Resume, c.Abandon, c.Expire, c.Extend)


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


def decide(
    state: GameState, command: c.Command, actor: int, *, staff: bool = False, now: float | None = None
) -> list[e.Event]:
    """The events `command` by `actor` causes in `state`, or a domain error saying why not.
    `staff`: the actor is the host's equal (a moderator or the game-master role). `now`: the time,
    stamped on the events (who has gone silent is measured from it, absence.py)."""
    events = _decide(state, command, actor, staff)
    return events if now is None else [replace(event, when=now) for event in events]


def _decide(state: GameState, command: c.Command, actor: int, staff: bool) -> list[e.Event]:
    if state.phase.over:
        raise NotAllowed("This conference is over.")
    if state.paused and not isinstance(command, WHILE_PAUSED):
        raise NotAllowed("The conference is paused: the host can resume it with /accord host resume.")
    match command:
        case c.Join():
            return rules.join(state, actor, command)
        case c.Leave():
            return rules.leave(state, actor)
        case c.Start():
            return rules.start(state, actor, staff, command)
        case c.Table():
            return rules.table(state, actor, command)
        case c.Support() | c.Oppose():
            return rules.answer(state, actor, command)
        case c.Amend():
            return rules.amend(state, actor, command)
        case c.Retract():
            return rules.retract(state, actor, command)
        case c.CloseDraft():
            return rules.close_draft(state, actor, staff, command)
        case c.Sign() | c.Refuse():
            return signing.sign(state, actor, command)
        case c.Depart():
            return signing.depart(state, actor, command)
        case c.Pause():
            return rules.pause(state, actor, staff, command)
        case c.Resume():
            return rules.resume(state, actor, staff, command)
        case c.Extend():
            return rules.extend(state, actor, staff, command)
        case c.Replace():
            return rules.replace_player(state, actor, staff, command)
        case c.SetDeadline():
            return rules.set_deadline(actor, command)
        case c.Expire():
            return rules.expire(state, actor, command)
        case c.Abandon():
            return rules.abandon(state, actor, staff)
        case c.Delegate():
            return seating.delegate(state, actor, staff, command)
        case c.AsDelegation():
            return seating.as_delegation(state, actor, command, _decide)
    raise InvalidInput(f"Unknown action {type(command).__name__}.")


def evolve(state: GameState, event: e.Event) -> GameState:
    """One event applied: the only place state changes (one copy of the state per event)."""
    changes = _changes(state, event)
    acted = seen(state.acted, changes.get("seats", state.seats), event)
    return replace(state, version=state.version + 1, acted=acted, **changes)


def _changes(state: GameState, event: e.Event) -> dict[str, Any]:
    """The fields of the state an event changes, with their new values."""
    match event:
        case e.Joined(power=power):
            current = state_seat(state, power)
            others = tuple(s for s in state.seats if s.power != power)
            players = (*current.players, event.actor) if current else (event.actor,)
            return {"seats": (*others, Seat(power, players))}
        case e.Left():
            remaining = tuple(
                replace(s, players=tuple(p for p in s.players if p != event.actor)) for s in state.seats
            )
            return {"seats": tuple(s for s in remaining if s.players or s.delegation)}
        case e.Started(deadline=deadline):
            return {"phase": Phase.NEGOTIATION, "deadline": state.deadline if deadline is None else deadline}
        case e.Tabled():
            number = len(state.articles) + 1
            support = frozenset({event.author}) & frozenset(event.parties)
            article = Article(
                number, event.author, event.clause, event.parties, event.text, support, terms=event.terms
            )
            return {"articles": (*state.articles, article)}
        case e.Supported() | e.Opposed() | e.Amended() | e.Retracted():
            return {"articles": _with_article(state.articles, event)}
        case e.DraftClosed(deadline=deadline):
            return {"phase": Phase.RATIFICATION, "deadline": state.deadline if deadline is None else deadline}
        case e.Signed(power=power):
            return {"signed": state.signed | {power}, "refused": state.refused - {power}}
        case e.Refused(power=power):
            return {"refused": state.refused | {power}}
        case e.Ratified():
            return {"phase": Phase.RATIFIED}
        case e.Failed():
            return {"phase": Phase.FAILED}
        case e.Paused(remaining=remaining):
            return {"paused": True, "remaining": remaining, "deadline": None}
        case e.Resumed(at=at):
            return {"paused": False, "deadline": at, "remaining": None}
        case e.DeadlineSet(at=at):
            return {"deadline": at}
        case e.ExtendedPaused(remaining=remaining):
            return {"remaining": remaining}
        case e.Replaced(old=old, new=new):
            seats = tuple(
                replace(s, players=tuple(new if p == old else p for p in s.players)) for s in state.seats
            )
            return {"seats": seats}
        case e.Abandoned():
            return {"phase": Phase.ABANDONED}
        case e.Delegated():
            return {"seats": seating.seated(state, event)}
        case e.Departed(power=power):
            return {"departed": state.departed | {power}}
    raise ValueError(f"unknown event {event!r}")


def replay(start: GameState, events: list[e.Event]) -> GameState:
    state = start
    for event in events:
        state = evolve(state, event)
    return state


def _with_article(
    articles: tuple[Article, ...], event: e.Supported | e.Opposed | e.Amended | e.Retracted
) -> tuple[Article, ...]:
    """The one article an answer, amendment or retraction changes, replaced in place: the cost
    does not grow with the number of articles on the table."""
    index = event.article - 1
    article = articles[index]
    match event:
        case e.Supported(power=power):
            article = replace(article, support=article.support | {power}, oppose=article.oppose - {power})
        case e.Opposed(power=power):
            article = replace(article, oppose=article.oppose | {power}, support=article.support - {power})
        case e.Amended(power=power, text=text):  # a new version: every party must look again
            article = replace(
                article,
                text=text,
                versions=article.versions + 1,
                support=frozenset({power}),
                oppose=frozenset(),
            )
        case e.Retracted():
            article = replace(article, retracted=True)
    return (*articles[:index], article, *articles[index + 1 :])
