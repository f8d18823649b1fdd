"""Every message the console shows gets a number, so its buttons stay reachable later on."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from .lines import LineError


def components_of(message: Any) -> list[dict[str, Any]]:
    """Rows of components as Discord's JSON, from a SimCord reply or a discord.py message."""
    rows = message.components
    return [row if isinstance(row, dict) else row.to_dict() for row in rows]


class MessageBoard:
    """Message numbers in the order the console first showed each message (an edit keeps it)."""

    def __init__(self, files: Path | None = None) -> None:
        self._numbers: dict[int, int] = {}
        self._messages: dict[int, Any] = {}
        self._owners: dict[int, str] = {}  # a private reply's number -> the one member who sees it
        self._files = files
        self.last_with_components: int | None = None

    def number(self, message: Any, owner: str | None = None) -> int:
        """The message's number, given now if it is new; the newest copy is kept (edits).
        `owner` is the member a private reply was shown to."""
        number = self._numbers.setdefault(message.id, len(self._numbers) + 1)
        self._messages[number] = message
        if owner is not None:
            self._owners.setdefault(number, owner)
        if components_of(message):
            self.last_with_components = number
        return number

    def newest_first(self, viewer: str) -> list[Any]:
        """Messages with buttons or menus that `viewer` may use: the last shown with any first,
        then the others, newest first; another member's private replies are left out."""
        numbers = sorted(self._messages, reverse=True)
        if self.last_with_components is not None:
            numbers.remove(self.last_with_components)
            numbers.insert(0, self.last_with_components)
        return [
            self._messages[n]
            for n in numbers
            if self._owners.get(n, viewer) == viewer and components_of(self._messages[n])
        ]

    def shown(self, message: Any) -> bool:
        return message.id in self._numbers

    def get(self, number: int | None) -> Any:
        """Message `number`, or the last shown one with buttons or menus."""
        chosen = self.last_with_components if number is None else number
        if chosen is None:
            raise LineError("there is no button or menu on the last message")
        if chosen not in self._messages:
            raise LineError(f"there is no message {chosen}; `history` shows this channel's, numbered")
        return self._messages[chosen]

    async def save_files(self, message: Any) -> list[Path]:
        """Write the message's attachments to the files folder (made on first use)."""
        saved: list[Path] = []
        for attachment in getattr(message, "attachments", []):
            if self._files is None:
                self._files = Path(tempfile.mkdtemp(prefix="khitomer-console-files-"))
            self._files.mkdir(parents=True, exist_ok=True)
            target = self._files / f"{self.number(message)}-{Path(attachment.filename).name}"
            target.write_bytes(await attachment.read())
            saved.append(target)
        return saved
