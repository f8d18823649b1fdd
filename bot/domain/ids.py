"""Numbers read from text nobody vouches for (a button's custom_id, a stored key): an id or a page
number is a value in range, or nothing."""

from __future__ import annotations

MAX_ID = 2**63 - 1  # the largest INTEGER of SQLite and BIGINT of PostgreSQL; every snowflake fits
_MAX_ID_DIGITS = len(str(MAX_ID))


def parse_id(text: str) -> int | None:
    """A row id or a Discord id written in ASCII digits, 1 to MAX_ID; None for anything else (a
    bigger number would overflow the database's integer, an error instead of "no such thing")."""
    if not (text.isascii() and text.isdigit()) or len(text) > _MAX_ID_DIGITS:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def parse_number(text: str, most: int) -> int | None:
    """A page number or an index in ASCII digits, 0 to `most`; None for anything else."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(most)):
        return None
    value = int(text)
    return value if value <= most else None
