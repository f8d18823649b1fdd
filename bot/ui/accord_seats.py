"""Who holds a seat, as the lobby, the board, the draft, the minutes and the end say it: the
players by mention, or the bot's delegation by its power's name (never an id)."""

from __future__ import annotations

from ..domain.accords import GameState, Seat
from ..domain.accords import events as e
from ..domain.accords.headings import heading
from ..domain.accords.seating import BOT, delegations
from ..domain.member_data import FORMER, former_delegate, member
from ..domain.paging import clip
from .text import plain

DELEGATION = "delegation"  # beside a power's name: "Romulan Star Empire — delegation"


def delegate(player: int, power: str | None, *, start: bool = False) -> str:
    """A player as every message names them: their mention; once forgotten, "a former delegate of
    the Klingon Empire" for what they did for a power (the words their signature on the accord
    keeps, bot/domain/member_scrub.py), "a former member" for what they did seatless (hosting)."""
    if player == FORMER and power:
        label = former_delegate(power)
        return label[:1].upper() + label[1:] if start else label
    return member(player, start=start)


def holder(seat: Seat | None) -> str:
    """The players of a seat, "delegation" for the bot's, or a free seat (a former delegate for a
    finished conference's seat whose players were all forgotten)."""
    if seat is None:
        return "*free seat*"
    if seat.delegation:
        return DELEGATION
    return ", ".join(delegate(p, seat.power) for p in seat.players) or delegate(FORMER, seat.power)


def marked(state: GameState, power: str) -> str:
    """A power's name, with " — delegation" where the bot's delegation holds it."""
    return f"{power} — {DELEGATION}" if power in delegations(state) else power


def delegations_line(state: GameState) -> str:
    """For the end of a conference: which powers the bot's delegations played ("" if none)."""
    held = delegations(state)
    return f"Played by the bot's delegations: {', '.join(held)}." if held else ""


def delegation_minute(event: e.Event, who: str, article: int | None) -> str | None:
    """The minutes' sentence for seating a delegation and for what a delegation did; None for
    any other event."""
    if isinstance(event, e.Delegated):
        if event.replaced:
            silent = ", ".join(delegate(p, event.power) for p in event.replaced)
            return f"{who} gave the seat of {silent}, gone silent, to the bot's delegation for {event.power}."
        return f"{who} seated the bot's delegation for {event.power}."
    if event.actor != BOT:
        return None
    match event:
        case e.Tabled():
            what = f"Article {article}" if article else "an article"
            named = plain(heading(event.clause, event.text))
            return (
                f"The {event.author} delegation tabled {what} ({named}), binding "
                f"{', '.join(event.parties)}: “{plain(clip(event.text, 200))}”"
            )
        case e.Supported():
            return f"The {event.power} delegation supported Article {event.article}."
        case e.Opposed():
            return f"The {event.power} delegation opposed Article {event.article}."
        case e.Amended():
            return f"The {event.power} delegation amended Article {event.article}: every party answers again."
        case e.Retracted():
            return f"A delegation withdrew Article {event.article}."
        case e.Signed():
            return f"The {event.power} delegation signed the accord."
        case e.Refused():
            return f"The {event.power} delegation refused to sign."
        case e.Departed():
            return f"The {event.power} delegation left the conference."
    return None
