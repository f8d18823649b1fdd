"""A server entry's key: "server-" and its row id (canon entries are keyed by their file's name)."""

from __future__ import annotations

KEY_PREFIX = "server-"


def server_key(entry_id: int) -> str:
    return f"{KEY_PREFIX}{entry_id}"


def server_id_of(key: str) -> int | None:
    digits = key.removeprefix(KEY_PREFIX) if key.startswith(KEY_PREFIX) else ""
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 18 else None
