"""Reading one field of an archive (bot/domain/archive_check.py) as untrusted input: the right
JSON type (a boolean is not a number), within its limits, or a refusal that says in words where
it is and what is wrong with it, never the file's field names."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NoReturn

from .errors import InvalidInput
from .ids import MAX_ID

# How a refusal names each field of the file (the file's names are for programs).
WORDS = {
    "khitomer_archive": "version",
    "title": "title",
    "kind": "kind",
    "summary": "summary",
    "body": "body",
    "aliases": "aliases",
    "years": "years",
    "start": "first year",
    "end": "last year",
    "factions": "factions",
    "related": "links",
    "lore": "linked entry",
    "canon": "linked canon entry",
    "facts": "facts",
    "author_id": "author",
    "created_at": "time it was written",
    "updated_at": "time it was last edited",
    "name": "name",
    "year": "year",
    "date_text": "date",
    "place": "place",
    "status": "status",
    "ratified_at": "time it was ratified",
    "parties": "parties",
    "signed_by": "signatories",
    "articles": "articles",
    "number": "number",
    "text": "text",
    "history": "history",
    "events": "events",
    "at": "time",
    "actor_id": "member who acted",
    "power": "power",
    "reason": "reason",
    "against": "power complained against",
    "uphold": "vote",
    "upheld": "decision",
    "values": "settings",
    "scope": "channel",
    "value": "value",
    "areas_off": "areas turned off",
    "member_id": "member",
    "points": "points",
    "accords": "accords",
    "reputation": "reputation",
    "settings": "settings",
}
MAX_TIMESTAMP = 40


def words(field: str) -> str:
    return WORDS.get(field, "field")


def fail(where: str, problem: str) -> NoReturn:
    """Refuse, saying where: "In the archive's lore entry 3 ('Kor'), the title is …"."""
    place = f"In the archive's {where}" if where else "In the archive"
    raise InvalidInput(f"{place}, {problem}.")


def fields(raw: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """`raw` as an object holding every required field and nothing unknown."""
    if not isinstance(raw, dict):
        fail(where, "there should be a group of named fields")
    unknown = [key for key in raw if key not in required and key not in optional]
    if unknown:
        name = str(unknown[0])[:40].replace("`", "'")
        fail(where, f"there is a field this version of the archive does not know: `{name}`")
    missing = [key for key in required if key not in raw]
    if missing:
        fail(where, f"the {words(missing[0])} is missing")
    return raw


def text(raw: dict[str, Any], where: str, field: str, most: int, *, empty: bool = False) -> str:
    value = raw[field]
    if not isinstance(value, str):
        fail(where, f"the {words(field)} should be text")
    if not empty and not value.strip():
        fail(where, f"the {words(field)} is empty")
    if len(value) > most:
        fail(where, f"the {words(field)} is {len(value):,} characters long; at most {most:,}")
    return value


def whole(raw: dict[str, Any], where: str, field: str, low: int, high: int) -> int:
    value = raw[field]
    if not isinstance(value, int) or isinstance(value, bool):
        fail(where, f"the {words(field)} should be a whole number")
    if not low <= value <= high:
        fail(where, f"the {words(field)} {value} is out of range ({low:,} to {high:,})")
    return value


def maybe_whole(raw: dict[str, Any], where: str, field: str, low: int, high: int) -> int | None:
    return None if raw[field] is None else whole(raw, where, field, low, high)


def member(raw: dict[str, Any], where: str, field: str, *, zero: bool = False) -> int:
    """A Discord member's id (0 too, with `zero`: the operator's command line)."""
    value = raw[field]
    if not isinstance(value, int) or isinstance(value, bool) or not (0 if zero else 1) <= value <= MAX_ID:
        fail(where, f"the {words(field)} should be a Discord member's id")
    return value


def flag(raw: dict[str, Any], where: str, field: str) -> bool:
    value = raw[field]
    if not isinstance(value, bool):
        fail(where, f"the {words(field)} should be true or false")
    return value


def moment(raw: dict[str, Any], where: str, field: str) -> str:
    """A time as the bot stores it (ISO 8601), kept exactly as written."""
    value = text(raw, where, field, MAX_TIMESTAMP)
    try:
        datetime.fromisoformat(value)
    except ValueError:
        fail(where, f"the {words(field)} should be a date and time like 2293-04-01T12:00:00+00:00")
    return value


def items(raw: dict[str, Any], where: str, field: str, most: int, what: str = "") -> list[Any]:
    """A list of at most `most` values (`what` names them, if not the field's words)."""
    value = raw[field]
    what = what or words(field)
    if not isinstance(value, list):
        fail(where, f"the {what} should be a list")
    if len(value) > most:
        fail(where, f"there are {len(value):,} {what}; at most {most:,}")
    return value


def texts(raw: dict[str, Any], where: str, field: str, most: int, longest: int) -> tuple[str, ...]:
    """A list of non-empty texts."""
    found = items(raw, where, field, most)
    for value in found:
        if not isinstance(value, str) or not value.strip() or len(value) > longest:
            fail(where, f"each of the {words(field)} should be text of 1 to {longest} characters")
    return tuple(found)
