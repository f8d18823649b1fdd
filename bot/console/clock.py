"""`wait 2h`: SimCord's clock moves on, the bot's timers and outbox run, and the console lists
what the bot posted or edited meanwhile, wherever the member can read it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from simcord import ChannelHandle, Env, MemberActor, SetupError

from .places import Places

# SimCord gives one advance a few real seconds to settle; a month at once can outrun that.
STEP = 6 * 3_600


@dataclass(frozen=True)
class Happening:
    """A message that appeared or changed while the clock moved, and where."""

    place: ChannelHandle
    message: Any
    edited: bool

    @property
    def at(self) -> datetime:
        when: datetime = self.message.edited_at if self.edited else self.message.created_at
        return when


Seen = dict[int, datetime | None]  # message id -> when it was last edited


def readable_places(places: Places, viewer: MemberActor) -> list[tuple[ChannelHandle, list[Any]]]:
    """Every channel and thread with the messages `viewer` can read there."""
    found = []
    for place in [*places.channels(), *places.every_thread().values()]:
        try:
            found.append((place, place.history(viewer=viewer)))
        except SetupError:  # a thread or channel this member cannot open
            continue
    return found


def seen_now(places: Places, viewer: MemberActor) -> Seen:
    return {m.id: m.edited_at for _, messages in readable_places(places, viewer) for m in messages}


async def advance(env: Env, seconds: int) -> None:
    left = seconds
    while left > 0:
        step = min(left, STEP)
        await env.advance_time(step)
        left -= step


def happened_since(places: Places, viewer: MemberActor, before: Seen) -> list[Happening]:
    """New and edited messages, in the order they happened."""
    found = [
        Happening(place, message, edited=message.id in before)
        for place, messages in readable_places(places, viewer)
        for message in messages
        if message.id not in before or before[message.id] != message.edited_at
    ]
    return sorted(found, key=lambda happening: (happening.at, happening.message.id))
