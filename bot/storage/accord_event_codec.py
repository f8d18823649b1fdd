"""How an accord's event after ratification is written down: its kind, the power behind it, and
a JSON object of its other fields, exactly as the first version wrote them (so the rows it
stored load as typed events, and nothing needed a migration)."""

from __future__ import annotations

import json
from typing import Any, assert_never

from ..domain.accords.after_events import (
    AfterEvent,
    ComplaintDecided,
    ComplaintFiled,
    Reinstated,
    VoteCast,
    Withdrawn,
)


def dump(event: AfterEvent) -> tuple[str, str, str]:
    """(kind, power, data) of one event, as stored in accord_events."""
    data: dict[str, Any]
    match event:
        case Withdrawn(reason=reason):
            data = {"reason": reason}
        case Reinstated():
            data = {}
        case ComplaintFiled(number=number, against=against, text=text):
            data = {"number": number, "against": against, "text": text}
        case VoteCast(number=number, uphold=uphold):
            data = {"number": number, "uphold": uphold}
        case ComplaintDecided(number=number, upheld=upheld):
            data = {"number": number, "upheld": upheld}
        case _:
            assert_never(event)
    return event.kind, event.power, json.dumps(data)


def load(kind: str, power: str, data: str) -> AfterEvent:
    raw: dict[str, Any] = json.loads(data) if data else {}
    match kind:
        case Withdrawn.kind:
            return Withdrawn(power, str(raw.get("reason", "")))
        case Reinstated.kind:
            return Reinstated(power)
        case ComplaintFiled.kind:
            return ComplaintFiled(power, int(raw["number"]), str(raw["against"]), str(raw.get("text", "")))
        case VoteCast.kind:
            return VoteCast(power, int(raw["number"]), bool(raw["uphold"]))
        case ComplaintDecided.kind:
            return ComplaintDecided(power, int(raw["number"]), bool(raw["upheld"]))
    raise ValueError(f"unknown kind of accord event: {kind!r}")
