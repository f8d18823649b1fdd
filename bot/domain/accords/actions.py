"""What each command decides: the rules of the game, one function a command, pure.

Each takes the state, the acting member, whether they act as staff (the host's equal), and the
command; it returns the events the command causes or raises a domain error saying why not.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import InvalidInput, NotAllowed, NotFound
from ..inert import quoted
from . import clauses
from . import commands as c
from . import events as e
from .absence import absent_for
from .clauses import TermKind, checked_terms
from .events import CLOCK as CLOCK  # the actor behind what deadlines do
from .model import Article, GameState, Phase, Seat
from .signing import MIN_POWERS as MIN_POWERS
from .signing import at_deadline, too_few_bound
from .signing import delegate as _delegate
from .signing import phase as _phase

MAX_TEXT = 1500


def state_seat(state: GameState, power: str) -> Seat | None:
    return next((s for s in state.seats if s.power == power), None)


def _host(state: GameState, actor: int, staff: bool) -> None:
    if actor != state.host and not staff:
        raise NotAllowed("Only the host or a moderator can do that.")


def _text(text: str) -> str:
    text = " ".join(text.split())
    if not text or len(text) > MAX_TEXT:
        raise InvalidInput(f"An article's text is 1 to {MAX_TEXT} characters.")
    return text


def join(state: GameState, actor: int, command: c.Join) -> list[e.Event]:
    _phase(state, Phase.CONVENED)
    if command.power not in state.powers:
        raise NotFound(f"{quoted(command.power)} has no seat here. Seats: {', '.join(state.powers)}.")
    seat = state.seat_of(actor)
    if seat is not None:
        raise NotAllowed(f"You already sit for {seat.power}. Leave first to change seats.")
    return [e.Joined(actor, command.power)]


def leave(state: GameState, actor: int) -> list[e.Event]:
    _phase(state, Phase.CONVENED)
    _delegate(state, actor)
    return [e.Left(actor)]


def start(state: GameState, actor: int, staff: bool, command: c.Start) -> list[e.Event]:
    _phase(state, Phase.CONVENED)
    _host(state, actor, staff)
    if len(state.seats) < MIN_POWERS:
        raise NotAllowed("At least two powers must be seated to start.")
    return [e.Started(actor, _deadline(command.now, command.durations, Phase.NEGOTIATION))]


def table(state: GameState, actor: int, command: c.Table) -> list[e.Event]:
    _phase(state, Phase.NEGOTIATION)
    power = _delegate(state, actor)
    text = _text(command.text)
    # Parties not given: the powers the terms name (a transfer binds giver and receiver), else all.
    powers = {t.name for t in clauses.TERMS if t.kind is TermKind.POWER}
    named = tuple(v for k, v in command.terms.items() if v and k in powers)
    parties = tuple(dict.fromkeys(command.parties or named or state.seated_powers()))
    if any(p not in state.seated_powers() for p in parties):
        raise InvalidInput(f"Parties must be seated powers: {', '.join(state.seated_powers())}.")
    terms = checked_terms(command.clause, command.terms, parties)
    return [e.Tabled(actor, power, command.clause, parties, text, terms)]


def _open_article(state: GameState, number: int) -> Article:
    article = state.article(number)
    if article is None or article.retracted:
        raise NotFound(f"There is no open Article {number} on the table.")
    return article


def answer(state: GameState, actor: int, command: c.Support | c.Oppose) -> list[e.Event]:
    _phase(state, Phase.NEGOTIATION)
    power = _delegate(state, actor)
    article = _open_article(state, command.article)
    if power not in article.parties:
        raise NotAllowed(f"Article {article.number} does not bind {power}; only its parties answer it.")
    if isinstance(command, c.Support):
        return [] if power in article.support else [e.Supported(actor, article.number, power)]
    return [] if power in article.oppose else [e.Opposed(actor, article.number, power)]


def amend(state: GameState, actor: int, command: c.Amend) -> list[e.Event]:
    _phase(state, Phase.NEGOTIATION)
    power = _delegate(state, actor)
    article = _open_article(state, command.article)
    if article.author != power:
        raise NotAllowed("Only the delegation that tabled an article can amend it.")
    return [e.Amended(actor, article.number, power, _text(command.text))]


def retract(state: GameState, actor: int, command: c.Retract) -> list[e.Event]:
    _phase(state, Phase.NEGOTIATION)
    power = _delegate(state, actor)
    article = _open_article(state, command.article)
    if article.author != power:
        raise NotAllowed("Only the delegation that tabled an article can retract it.")
    return [e.Retracted(actor, article.number)]


def close_draft(state: GameState, actor: int, staff: bool, command: c.CloseDraft) -> list[e.Event]:
    _phase(state, Phase.NEGOTIATION)
    _host(state, actor, staff)
    if not state.agreed():
        raise NotAllowed("No article has the support of all its parties yet: there is nothing to ratify.")
    if (unfit := too_few_bound(state)) is not None:
        raise unfit
    return [e.DraftClosed(actor, _deadline(command.now, command.durations, Phase.RATIFICATION))]


def _deadline(now: float | None, durations: Mapping[Phase, float], phase: Phase) -> float | None:
    """When the phase a command opens ends, from the server's durations (none set: no deadline)."""
    return None if now is None or phase not in durations else now + durations[phase]


def pause(state: GameState, actor: int, staff: bool, command: c.Pause) -> list[e.Event]:
    _host(state, actor, staff)
    if state.paused:
        return []
    remaining = max(0.0, state.deadline - command.now) if state.deadline is not None else None
    return [e.Paused(actor, remaining)]


def resume(state: GameState, actor: int, staff: bool, command: c.Resume) -> list[e.Event]:
    _host(state, actor, staff)
    if not state.paused:
        return []
    at = command.now + state.remaining if state.remaining is not None else None
    return [e.Resumed(actor, at)]


def extend(state: GameState, actor: int, staff: bool, command: c.Extend) -> list[e.Event]:
    """More time for the current phase; paused, it has that much more once resumed."""
    _host(state, actor, staff)
    if not 60 <= command.seconds <= 30 * 86_400:
        raise InvalidInput("Extend by 1m to 30d.")
    if state.paused and state.remaining is not None:
        return [e.ExtendedPaused(actor, command.seconds, state.remaining + command.seconds)]
    if state.deadline is None:
        raise NotAllowed("This phase has no deadline to extend.")
    return [e.DeadlineSet(actor, state.deadline + command.seconds, by=command.seconds)]


def replace_player(state: GameState, actor: int, staff: bool, command: c.Replace) -> list[e.Event]:
    """The host gives an absent player's seat (absence.py) to a newcomer, or a present player's
    with their consent; the record says which."""
    _host(state, actor, staff)
    if state.seat_of(command.old) is None:
        raise NotFound("That member holds no seat here.")
    if state.seat_of(command.new) is not None:
        raise NotAllowed("The newcomer already sits at this conference.")
    if command.consent:
        return [e.Replaced(actor, command.old, command.new, consent=True)]
    idle = absent_for(state, command.old, command.now, command.durations)
    return [e.Replaced(actor, command.old, command.new, idle=idle)]


def set_deadline(actor: int, command: c.SetDeadline) -> list[e.Event]:
    """The clock (actor 0) sets when the current phase ends; nobody else may."""
    if actor != CLOCK:
        raise NotAllowed("Deadlines come from the server's settings.")
    return [e.DeadlineSet(CLOCK, command.at)]


def expire(state: GameState, actor: int, command: c.Expire) -> list[e.Event]:
    """The deadline passed: move on as the rules say; silent parties count as refusing."""
    if actor != CLOCK:
        raise NotAllowed("Only the clock ends a phase.")
    if state.deadline is None or command.now < state.deadline:
        return []
    if state.phase is Phase.CONVENED:
        if len(state.seats) < MIN_POWERS:
            return [e.Abandoned(CLOCK)]
        return [e.Started(CLOCK, _deadline(command.now, command.durations, Phase.NEGOTIATION))]
    if state.phase is Phase.NEGOTIATION:
        if not state.agreed() or too_few_bound(state) is not None:
            return [e.Failed(CLOCK)]
        return [e.DraftClosed(CLOCK, _deadline(command.now, command.durations, Phase.RATIFICATION))]
    return at_deadline(state, CLOCK, command.narrower)


def abandon(state: GameState, actor: int, staff: bool) -> list[e.Event]:
    _host(state, actor, staff)
    return [e.Abandoned(actor)]
