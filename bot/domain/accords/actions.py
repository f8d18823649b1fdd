"""What each action decides: the rules of the game, one function an action, pure.

Each takes the state, the acting member, whether they act as staff (host's equal), and the
action's data; it returns the events the action causes or raises a domain error saying why not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import InvalidInput, NotAllowed, NotFound
from .model import TYPED, Article, Clause, Event, GameState, Phase, Seat

MIN_POWERS = 2
CLOCK = 0  # the actor behind what deadlines do
MAX_TEXT = 1500


def state_seat(state: GameState, power: str) -> Seat | None:
    return next((s for s in state.seats if s.power == power), None)


def _delegate(state: GameState, actor: int) -> str:
    seat = state.seat_of(actor)
    if seat is None:
        raise NotAllowed("Only seated delegations act in this conference. Take a seat with /accord join.")
    return seat.power


def _host(state: GameState, actor: int, staff: bool) -> None:
    if actor != state.host and not staff:
        raise NotAllowed("Only the host or a moderator can do that.")


def _phase(state: GameState, *phases: Phase) -> None:
    if state.phase not in phases:
        when = " or ".join(p.when for p in phases)
        raise NotAllowed(f"That can be done {when}; this conference is now in {state.phase.label}.")


def _join(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    _phase(state, Phase.CONVENED)
    power = data["power"]
    if power not in state.powers:
        raise NotFound(f"{power!r} has no seat here. Seats: {', '.join(state.powers)}.")
    seat = state.seat_of(actor)
    if seat is not None:
        raise NotAllowed(f"You already sit for {seat.power}. Leave first to change seats.")
    return [Event("joined", actor, {"power": power})]


def _leave(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    _phase(state, Phase.CONVENED)
    _delegate(state, actor)
    return [Event("left", actor)]


def _start(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    _phase(state, Phase.CONVENED)
    _host(state, actor, staff)
    if len(state.seats) < MIN_POWERS:
        raise NotAllowed("At least two powers must be seated to start.")
    return [Event("started", actor, _next_deadline(data, Phase.NEGOTIATION))]


def _table(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    _phase(state, Phase.NEGOTIATION)
    power = _delegate(state, actor)
    text = " ".join(str(data["text"]).split())
    if not text or len(text) > MAX_TEXT:
        raise InvalidInput(f"An article's text is 1 to {MAX_TEXT} characters.")
    clause = Clause(data["clause"])
    parties = tuple(dict.fromkeys(data.get("parties") or state.seated_powers()))
    unknown = [p for p in parties if p not in state.seated_powers()]
    if unknown or len(parties) < 1:
        raise InvalidInput(f"Parties must be seated powers: {', '.join(state.seated_powers())}.")
    typed = _typed(clause, data, parties)
    data_out = {"author": power, "clause": clause.value, "parties": list(parties), "text": text, **typed}
    return [Event("tabled", actor, data_out)]


def _typed(clause: Clause, data: dict[str, Any], parties: tuple[str, ...]) -> dict[str, str]:
    """The clause's typed parameters, checked: givers and receivers are distinct parties."""
    needed = TYPED.get(clause, ())
    values = {
        name: " ".join(str(data.get(name) or "").split())[:100] for name in ("subject", "giver", "receiver")
    }
    missing = [name for name in needed if not values[name]]
    if missing:
        words = {"subject": "what", "giver": "from which power", "receiver": "to which power"}
        said = ", ".join(f"{words[m]} (the {m} option)" for m in missing)
        raise InvalidInput(f"A {clause.value} article must say {said}.")
    for name in ("giver", "receiver"):
        if values[name] and values[name] not in parties:
            raise InvalidInput(f"The {name} must be one of the article's parties: {', '.join(parties)}.")
    if values["giver"] and values["giver"] == values["receiver"]:
        raise InvalidInput("A power cannot give to itself.")
    return {name: value for name, value in values.items() if value}


def _open_article(state: GameState, number: int) -> Article:
    article = state.article(number)
    if article is None or article.retracted:
        raise NotFound(f"There is no open Article {number} on the table.")
    return article


def _support(state: GameState, actor: int, staff: bool, data: dict[str, Any], *, kind: str) -> list[Event]:
    _phase(state, Phase.NEGOTIATION)
    power = _delegate(state, actor)
    article = _open_article(state, data["article"])
    if power not in article.parties:
        raise NotAllowed(f"Article {article.number} does not bind {power}; only its parties answer it.")
    already = power in (article.support if kind == "supported" else article.oppose)
    return [] if already else [Event(kind, actor, {"article": article.number, "power": power})]


def _amend(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    _phase(state, Phase.NEGOTIATION)
    power = _delegate(state, actor)
    article = _open_article(state, data["article"])
    if article.author != power:
        raise NotAllowed("Only the delegation that tabled an article can amend it.")
    text = " ".join(str(data["text"]).split())
    if not text or len(text) > MAX_TEXT:
        raise InvalidInput(f"An article's text is 1 to {MAX_TEXT} characters.")
    return [Event("amended", actor, {"article": article.number, "power": power, "text": text})]


def _retract(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    _phase(state, Phase.NEGOTIATION)
    power = _delegate(state, actor)
    article = _open_article(state, data["article"])
    if article.author != power:
        raise NotAllowed("Only the delegation that tabled an article can retract it.")
    return [Event("retracted", actor, {"article": article.number})]


def _close_draft(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    _phase(state, Phase.NEGOTIATION)
    _host(state, actor, staff)
    if not state.agreed():
        raise NotAllowed("No article has the support of all its parties yet: there is nothing to ratify.")
    return [Event("draft_closed", actor, _next_deadline(data, Phase.RATIFICATION))]


def _next_deadline(data: dict[str, Any], phase: Phase) -> dict[str, Any]:
    """The deadline of the phase an action opens, from `now` and the server's `durations`
    (seconds by phase name), so the phase and its deadline are one event, stored together."""
    durations = data.get("durations") or {}
    if "now" not in data or phase.value not in durations:
        return {}
    return {"deadline": float(data["now"]) + float(durations[phase.value])}


def _sign(
    state: GameState, actor: int, staff: bool, data: dict[str, Any], *, refuse: bool = False
) -> list[Event]:
    _phase(state, Phase.RATIFICATION)
    power = _delegate(state, actor)
    if power in state.signed:
        return []  # a second press changes nothing
    if refuse:
        if power in state.refused:
            return []
        return [Event("refused", actor, {"power": power}), *_settled(state, actor, refused=power)]
    signed = Event("signed", actor, {"power": power, "by": str(data.get("by", ""))[:100]})
    return [signed, *_settled(state, actor, signed=power)]


def _settled(state: GameState, actor: int, *, signed: str = "", refused: str = "") -> list[Event]:
    """Ratified or failed as soon as the answers decide it, not at the deadline: all signed;
    a refusal where all must sign; too few left who could sign a narrower accord."""
    seated = set(state.seated_powers())
    signers = state.signed | ({signed} if signed else set())
    refusers = state.refused | ({refused} if refused else set())
    if signers >= seated:
        return [Event("ratified", actor)]
    if not refusers:
        return []
    if not state.narrower or len(seated - refusers) < MIN_POWERS:
        return [Event("failed", actor)]
    if signers | refusers >= seated:  # everyone answered: those who signed keep it
        return [Event("ratified", actor, {"among": sorted(signers)})]
    return []


def _pause(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    _host(state, actor, staff)
    if state.paused:
        return []
    remaining = max(0.0, state.deadline - float(data.get("now", 0.0))) if state.deadline is not None else None
    return [Event("paused", actor, {"remaining": remaining})]


def _resume(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    _host(state, actor, staff)
    if not state.paused:
        return []
    at = float(data.get("now", 0.0)) + state.remaining if state.remaining is not None else None
    return [Event("resumed", actor, {"at": at})]


def _extend(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    _host(state, actor, staff)
    seconds = float(data["seconds"])
    if state.deadline is None:
        raise NotAllowed("There is no running deadline to extend (is the conference paused?).")
    if not 60 <= seconds <= 30 * 86_400:
        raise InvalidInput("Extend by 1m to 30d.")
    return [Event("deadline_set", actor, {"at": state.deadline + seconds})]


def _replace(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    _host(state, actor, staff)
    old, new = int(data["old"]), int(data["new"])
    if state.seat_of(old) is None:
        raise NotFound("That member holds no seat here.")
    if state.seat_of(new) is not None:
        raise NotAllowed("The newcomer already sits at this conference.")
    return [Event("replaced", actor, {"old": old, "new": new})]


def _set_deadline(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    """The clock (actor 0) sets when the current phase ends; nobody else may."""
    if actor != CLOCK:
        raise NotAllowed("Deadlines come from the server's settings.")
    return [Event("deadline_set", CLOCK, {"at": float(data["at"])})]


def _expire(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    """The deadline passed: move on as the rules say; silent signatories count as refusing."""
    if actor != CLOCK:
        raise NotAllowed("Only the clock ends a phase.")
    if state.deadline is None or float(data["now"]) < state.deadline:
        return []
    if state.phase is Phase.CONVENED:
        if len(state.seats) < MIN_POWERS:
            return [Event("abandoned", CLOCK)]
        return [Event("started", CLOCK, _next_deadline(data, Phase.NEGOTIATION))]
    if state.phase is Phase.NEGOTIATION:
        if not state.agreed():
            return [Event("failed", CLOCK)]
        return [Event("draft_closed", CLOCK, _next_deadline(data, Phase.RATIFICATION))]
    silent = [p for p in state.seated_powers() if p not in state.signed and p not in state.refused]
    refusals = [Event("refused", CLOCK, {"power": p}) for p in silent]
    if (state.narrower or data.get("narrower")) and len(state.signed) >= MIN_POWERS:
        # the scenario lets those who signed keep a narrower accord among themselves
        return [*refusals, Event("ratified", CLOCK, {"among": sorted(state.signed)})]
    return [*refusals, Event("failed", CLOCK)]


def _abandon(state: GameState, actor: int, staff: bool, data: dict[str, Any]) -> list[Event]:
    _host(state, actor, staff)
    return [Event("abandoned", actor)]


Handler = Callable[[GameState, int, bool, dict[str, Any]], list[Event]]
HANDLERS: dict[str, Handler] = {
    "join": _join,
    "leave": _leave,
    "start": _start,
    "propose": _table,
    "support": lambda s, a, st, d: _support(s, a, st, d, kind="supported"),
    "oppose": lambda s, a, st, d: _support(s, a, st, d, kind="opposed"),
    "amend": _amend,
    "retract": _retract,
    "ratify": _close_draft,
    "sign": _sign,
    "refuse": lambda s, a, st, d: _sign(s, a, st, d, refuse=True),
    "pause": _pause,
    "resume": _resume,
    "abandon": _abandon,
    "set_deadline": _set_deadline,
    "extend": _extend,
    "replace": _replace,
    "expire": _expire,
}
