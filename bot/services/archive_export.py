"""`/config export`: a server's archive written as it is read, a page of rows at a time
(bot/storage/archive_reads.py), each page turned into JSON and Markdown in a thread, so the bot
keeps answering and only the files themselves grow in memory. Writing stops as soon as a file
outgrows what Discord takes, and says so.

The JSON is written in a fixed layout (one item a line), so the same server gives the same bytes.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..domain.archive import (
    MARKER,
    VERSION,
    accord_json,
    lore_json,
    reputation_json,
    settings_json,
    size_text,
)
from ..domain.errors import InvalidInput
from ..storage import Database, archive_reads
from .archive_files import LoreZip

PAGE = 200  # rows read at a time: a page of lore holds at most ten megabytes of text
T = TypeVar("T")


class TooBig(InvalidInput):
    """An archive larger than Discord takes."""


def too_big(what: str, limit: int) -> TooBig:
    return TooBig(
        f"This server's {what} is over {size_text(limit)}, more than Discord takes as one file here, so it "
        "cannot be sent. Nothing was changed. The bot's operator can back up the whole database instead "
        "(`khitomer backup`)."
    )


@dataclass(frozen=True, slots=True)
class Exported:
    archive: bytes  # the JSON
    lore: bytes  # the lore as Markdown files, zipped
    entries: int
    accords: int
    settings: int  # values set, and areas turned off
    members: int  # reputation rows
    running: int  # conferences not ended: not archived


class _Json:
    """The archive's JSON, appended to as pages come (in a thread), within `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.buffer = io.BytesIO()
        self.first = True
        self.write(f'{{"{MARKER}": {VERSION}')

    def write(self, text: str) -> None:
        self.buffer.write(text.encode())
        if self.buffer.tell() > self.limit:
            raise too_big("archive", self.limit)

    def part(self, name: str) -> None:
        self.write(f',\n "{name}": [')
        self.first = True

    def items(self, values: list[dict[str, Any]]) -> None:
        for value in values:
            self.write(("\n  " if self.first else ",\n  ") + _dumps(value))
            self.first = False

    def end_part(self) -> None:
        self.write("]" if self.first else "\n ]")

    def value(self, name: str, value: dict[str, Any]) -> None:
        self.write(f',\n "{name}": {_dumps(value)}')


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


async def _pages(
    read: Callable[[int], Awaitable[tuple[list[T], int]]], take: Callable[[list[T]], None]
) -> int:
    """Every page `read` gives (after the last key of the one before), each handed to `take` in a
    thread; how many rows there were."""
    after, count = 0, 0
    while True:
        rows, after = await read(after)
        if not rows:
            return count
        await asyncio.to_thread(take, rows)
        count += len(rows)


async def export(db: Database, guild_id: int, limit: int) -> Exported:
    """The server's archive and its lore zip, each at most `limit` bytes (else TooBig)."""
    out = _Json(limit)
    lore = LoreZip()

    def take_lore(records: list[Any]) -> None:
        out.items([lore_json(r) for r in records])
        lore.add(records)
        if lore.size > limit:
            raise too_big("lore zip", limit)

    out.part("lore")
    entries = await _pages(lambda after: archive_reads.lore_page(db, guild_id, after, PAGE), take_lore)
    out.end_part()
    out.part("accords")
    accords = await _pages(
        lambda after: archive_reads.accord_page(db, guild_id, after, PAGE),
        lambda records: out.items([accord_json(r) for r in records]),
    )
    out.end_part()
    settings = await archive_reads.settings(db, guild_id)
    out.value("settings", settings_json(settings))
    out.part("reputation")
    members = await _pages(
        lambda after: archive_reads.reputation_page(db, guild_id, after, PAGE * 10),
        lambda rows: out.items([reputation_json(r) for r in rows]),
    )
    out.end_part()
    out.write("\n}\n")
    zipped = await asyncio.to_thread(lore.finish)
    if len(zipped) > limit:
        raise too_big("lore zip", limit)
    return Exported(
        out.buffer.getvalue(),
        zipped,
        entries,
        accords,
        len(settings.values) + len(settings.areas_off),
        members,
        await archive_reads.running_conferences(db, guild_id),
    )
