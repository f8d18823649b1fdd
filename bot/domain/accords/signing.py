"""The signing phase: who is asked to sign, when the answers decide the accord, and departure.

Only the powers an agreed article binds (GameState.bound) are the accord's parties: they sign or
refuse. A seated power bound by nothing has no veto; it may take its delegation away from the
conference, which is recorded and ends nothing.
"""

from __future__ import annotations

from ..errors import NotAllowed
from ..numerals import to_roman
from . import commands as c
from . import events as e
from .model import GameState, Phase, Seat

MIN_POWERS = 2  # an accord binds at least two powers; a narrower one keeps at least two signers
REASON_CHARS = 200


def delegate(state: GameState, actor: int) -> str:
    """The power the actor sits for, or a refusal that says how to take a seat."""
    seat: Seat | None = state.seat_of(actor)
    if seat is None:
        raise NotAllowed("Only seated delegations act in this conference. Take a seat with /accord join.")
    return seat.power


def phase(state: GameState, *phases: Phase) -> None:
    if state.phase not in phases:
        when = " or ".join(p.when for p in phases)
        raise NotAllowed(f"That can be done {when}; this conference is now in {state.phase.label}.")


def not_a_party(state: GameState, power: str) -> NotAllowed:
    """Why a power the accord does not bind cannot sign or refuse it, and what it can do."""
    if power in state.departed:
        return NotAllowed(f"{power} has left this conference and takes no further part in it.")
    return NotAllowed(
        f"{power} is not a party to this accord: none of its articles binds it, so it neither signs "
        "nor refuses. Its delegation may stay to watch, or leave the conference with /accord depart."
    )


def sign(state: GameState, actor: int, command: c.Sign | c.Refuse) -> list[e.Event]:
    phase(state, Phase.RATIFICATION)
    power = delegate(state, actor)
    if power not in state.bound():
        raise not_a_party(state, power)
    if power in state.signed:
        return []  # a second press changes nothing
    if isinstance(command, c.Refuse):
        if power in state.refused:
            return []
        return [e.Refused(actor, power), *settled(state, actor, refused=power)]
    return [e.Signed(actor, power, command.by[:100]), *settled(state, actor, signed=power)]


def settled(state: GameState, actor: int, *, signed: str = "", refused: str = "") -> list[e.Event]:
    """Ratified or failed as soon as the parties' answers decide it, not at the deadline: all
    signed; a refusal where all must sign; too few left who could sign a narrower accord."""
    parties = set(state.bound())
    signers = state.signed | ({signed} if signed else set())
    refusers = state.refused | ({refused} if refused else set())
    if signers >= parties:
        return [e.Ratified(actor)]
    if not refusers:
        return []
    if not state.narrower or len(parties - refusers) < MIN_POWERS:
        return [e.Failed(actor)]
    if signers | refusers >= parties:  # every party answered: those who signed keep it
        return [e.Ratified(actor, tuple(sorted(signers)))]
    return []


def depart(state: GameState, actor: int, command: c.Depart) -> list[e.Event]:
    """A power bound by no agreed article takes its delegation away. Only once the accord is up for
    signature: in negotiation any article may still come to bind it, and it opposes those that do."""
    phase(state, Phase.RATIFICATION)
    power = delegate(state, actor)
    binding = [n for n, article in enumerate(state.agreed(), 1) if power in article.parties]
    if binding:
        numbers = ", ".join(to_roman(n) for n in binding)
        raise NotAllowed(
            f"The accord binds {power} ({'Articles' if len(binding) > 1 else 'Article'} {numbers}): "
            "sign or refuse it. Only a power none of its articles binds may leave the conference."
        )
    if power in state.departed:
        return []
    return [e.Departed(actor, power, " ".join(command.reason.split())[:REASON_CHARS])]


def at_deadline(state: GameState, actor: int, narrower: bool) -> list[e.Event]:
    """The signing deadline passed: silent parties count as refusing (the others were never
    asked); those who signed keep a narrower accord where the scenario allows one."""
    silent = [p for p in state.bound() if p not in state.signed and p not in state.refused]
    refusals: list[e.Event] = [e.Refused(actor, p) for p in silent]
    if (state.narrower or narrower) and len(state.signed) >= MIN_POWERS:
        return [*refusals, e.Ratified(actor, tuple(sorted(state.signed)))]
    return [*refusals, e.Failed(actor)]


def too_few_bound(state: GameState) -> NotAllowed | None:
    """Why the agreed articles make no accord (they bind fewer than two powers), or None."""
    bound = state.bound()
    if len(bound) >= MIN_POWERS:
        return None
    return NotAllowed(
        f"The agreed articles bind only {', '.join(bound)}: an accord binds at least two powers. "
        "Agree an article that binds another power first."
    )
