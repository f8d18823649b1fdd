"""The minutes of a conference: one plain sentence an action, with its time and who acted."""

from __future__ import annotations

from ..domain.accords import events as e
from ..domain.accords.headings import heading
from ..domain.accords.machine import CLOCK
from ..domain.formatting import format_duration
from ..domain.member_data import FORMER, member
from ..domain.paging import clip
from .accord_labels import LEFT
from .accord_seats import delegate, delegation_minute
from .text import plain


def _until(deadline: float | None) -> str:
    return f" until <t:{int(deadline)}:f>" if deadline else ""


def silence(idle: float) -> str:
    """How long a replaced player had not acted, to the minute: `2h`, `1d 12h 5m`."""
    return format_duration(max(60, idle // 60 * 60))


def _why_replaced(event: e.Replaced) -> str:
    if event.consent:
        return f": {member(event.old)} was replaced with their consent"
    if event.idle is not None:
        return f": {member(event.old)} was replaced after {silence(event.idle)} without acting"
    return ""  # recorded before the reason was


def minute_sentence(event: e.Event, article: int | None = None) -> str:
    """One action in plain words, without its time; `who` is the member (or "The clock").
    `article`: the number a tabled article got (the order of tabling)."""
    clock = event.actor == CLOCK
    seat = _seat_of(event)
    # a forgotten player is "a former delegate of" the power they acted for, which then goes unsaid
    former = event.actor == FORMER and seat is not None
    who = "The clock" if clock else delegate(event.actor, seat, start=True)
    of, fr = ("", "") if former else (f" of {seat}", f" for {seat}")
    if (delegation := delegation_minute(event, who, article)) is not None:
        return delegation
    match event:
        case e.Joined():
            return f"{who} took the seat{of}."
        case e.Left():
            return f"{who} left the table."
        case e.Started(deadline=deadline):
            return f"{who} opened negotiations{_until(deadline)}."
        case e.Tabled():
            what = f"Article {article}" if article else "an article"
            return (
                f"{who} tabled {what} ({plain(heading(event.clause, event.text))}){fr}, binding "
                f"{', '.join(event.parties)}: “{plain(clip(event.text, 200))}”"
            )
        case e.Supported():
            return f"{who} supported Article {event.article}{fr}."
        case e.Opposed():
            return f"{who} opposed Article {event.article}{fr}."
        case e.Amended():
            return f"{who} amended Article {event.article}{fr}: every party answers again."
        case e.Retracted():
            return f"{who} withdrew Article {event.article}."
        case e.DraftClosed(deadline=deadline):
            return f"{who} closed the draft: the agreed articles are up for signature{_until(deadline)}."
        case e.Signed():
            return f"{who} signed the accord{fr}."
        case e.Refused(power=power):
            if clock:
                return f"{power} let the deadline pass and counts as refusing."
            return f"{who} refused to sign{fr}."
        case e.Ratified(among=among):
            return (
                f"The accord was ratified among {', '.join(among)}." if among else "The accord was ratified."
            )
        case e.Failed():
            return "The accord failed."
        case e.Paused():
            return f"{who} paused the conference: the clock stopped."
        case e.Resumed():
            return f"{who} resumed the conference: the clock runs again."
        case e.DeadlineSet(at=at, by=by):
            if clock:
                return f"The current phase now ends <t:{int(at)}:f>."
            more = f" by {format_duration(by)}" if by else ""  # recorded before the extension was
            return f"{who} extended the deadline{more}: the current phase now ends <t:{int(at)}:f>."
        case e.ExtendedPaused(by=by, remaining=remaining):
            return (
                f"{who} gave the paused conference {format_duration(by)} more: "
                f"{format_duration(remaining)} left once it resumes."
            )
        case e.Replaced(old=old, new=new):
            return f"{who} gave the seat of {member(old)} to {member(new)}{_why_replaced(event)}."
        case e.Departed(reason=reason):
            why = f": “{plain(reason)}”" if reason else "."
            return f"{who} {LEFT}{fr}{why}"
        case e.Abandoned():
            if clock:
                return "Too few powers sat down in time: the conference was abandoned."
            return f"{who} abandoned the conference."
    return "A change was recorded."


def _seat_of(event: e.Event) -> str | None:
    """The power an action was taken for, if it was taken for one."""
    if isinstance(event, e.Tabled):
        return event.author
    power = getattr(event, "power", None)
    return power if isinstance(power, str) else None


def minute_lines(host: int, title: str, convened_at: float, events: list[tuple[float, e.Event]]) -> list[str]:
    """The convening first, then each recorded action: `<t:…:f> who did what.`"""
    lines = [f"<t:{int(convened_at)}:f> {member(host, start=True)} convened the conference “{plain(title)}”."]
    tabled = 0
    for at, event in events:
        number = None
        if isinstance(event, e.Tabled):  # articles are numbered in the order they were tabled
            tabled += 1
            number = tabled
        lines.append(f"<t:{int(at)}:f> {minute_sentence(event, number)}")
    return lines
