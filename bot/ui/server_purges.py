"""What the bot's owners read about servers pending purge (/owner purges, /owner purge)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Protocol

import discord

from .text import plain

NONE_PENDING = "No server is waiting to be purged."
UNSEEN = "name not seen: it removed Khitomer while the bot was offline"


class Pending(Protocol):
    @property
    def guild_id(self) -> int: ...
    @property
    def name(self) -> str | None: ...
    @property
    def left_at(self) -> float: ...
    @property
    def purge_at(self) -> float: ...


def when(seconds: float, style: discord.utils.TimestampStyle = "f") -> str:
    """A time each reader sees in their own time zone."""
    return discord.utils.format_dt(datetime.fromtimestamp(seconds, UTC), style)


def server_label(guild_id: int, name: str | None) -> str:
    """The server as last seen (its name as typed, nothing rendered), with the id an owner
    passes to /owner purge or `khitomer purge-server`."""
    return f"**{plain(name)}** (`{guild_id}`)" if name else f"server `{guild_id}` ({UNSEEN})"


def pending_lines(pending: Iterable[Pending]) -> list[str]:
    return [
        f"{server_label(p.guild_id, p.name)}: left {when(p.left_at, 'R')}; "
        f"purged {when(p.purge_at)} ({when(p.purge_at, 'R')})"
        for p in pending
    ]


def counts_text(counts: Mapping[str, int]) -> str:
    """`lore entries: 12 · accords: 1 …`, or that there is nothing."""
    if not counts:
        return "nothing is kept of it"
    return " · ".join(f"{kind}: {count:,}" for kind, count in counts.items())


def confirmation(label: str, counts: Mapping[str, int], pending: Pending | None) -> str:
    if pending is not None:
        timing = (
            f"It removed Khitomer {when(pending.left_at, 'R')}; otherwise it would be purged "
            f"{when(pending.purge_at, 'R')}."
        )
    else:
        timing = "Khitomer is not in it, and no purge was scheduled (it left before this was recorded)."
    rows = sum(counts.values())
    return (
        f"Purge {label} now? Everything Khitomer keeps of it is deleted for good, {rows:,} rows: "
        f"{counts_text(counts)}.\n{timing} If the server adds Khitomer back later, it starts afresh."
    )


def purged_text(label: str, counts: Mapping[str, int]) -> str:
    return f"Purged {label}: {sum(counts.values()):,} rows deleted ({counts_text(counts)})."
