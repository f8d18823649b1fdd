"""`khitomer purge-server GUILD_ID [--dry-run]`: the operator deletes everything Khitomer keeps of
one server at once, without waiting for its grace period (a server owner asked by mail, say).

A dry run counts, per kind, what would go and changes nothing; the real run deletes it all in ONE
transaction (bot/storage/server_data.py). It purges whether or not the server removed the bot:
the operator asked. If the bot is still in that server, it starts afresh there; remove the bot
first, or use /owner purge, which refuses a server the bot is in. On SQLite a running bot is not
told: restart it afterwards so that it drops what it cached; on PostgreSQL it is told.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..config import Settings
from ..domain.ids import parse_id
from ..errors import OperatorError

if TYPE_CHECKING:  # the database's modules load only when a purge runs, not for every command
    from ..services.server_data import Departure


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    purge = sub.add_parser(
        "purge-server", help="delete everything kept of one server now, without waiting for its grace period"
    )
    purge.add_argument("guild", metavar="GUILD_ID", help="the server's Discord ID")
    purge.add_argument("--dry-run", action="store_true", help="print what would go, per kind; change nothing")


def guild_id_of(text: str) -> int:
    found = parse_id(text.strip())
    if found is None:
        raise OperatorError(f"khitomer: purge-server takes a server's ID (digits), not {text!r}.")
    return found


def purge_server(settings: Settings, guild: str, *, dry_run: bool) -> str:
    """Purge server `guild` (or only count what would go); the summary to print."""
    guild_id = guild_id_of(guild)
    return asyncio.run(_purge(settings, guild_id, dry_run))


async def _purge(settings: Settings, guild_id: int, dry_run: bool) -> str:
    from ..services.server_data import ServerData
    from ..storage import open_database

    db = await open_database(settings.database_path, settings.database_url)
    try:
        service = ServerData(db, settings.server_data_grace)
        pending = await service.departure(guild_id)
        counts = await service.counts(guild_id)
        if not counts:
            return f"Server {guild_id}: nothing is kept of it; nothing to purge."
        if dry_run:
            return report(guild_id, counts, pending_line(pending), dry_run=True)
        purged = await service.purge(guild_id)
        return report(guild_id, purged.counts, pending_line(pending), dry_run=False)
    finally:
        await db.close()


def _date(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")


def pending_line(pending: Departure | None) -> str:
    if pending is None:
        return "  not pending purge: if Khitomer is still in that server, it starts afresh there"
    name = "".join(c for c in pending.name or "" if c.isprintable()) or "name not seen"  # a terminal
    return f"  {name}: removed Khitomer {_date(pending.left_at)}; its purge is due {_date(pending.purge_at)}"


def report(guild_id: int, counts: dict[str, int], pending: str, *, dry_run: bool) -> str:
    rows = sum(counts.values())
    head = (
        f"Dry run, nothing was deleted. Purging server {guild_id} would delete {rows:,} rows:"
        if dry_run
        else f"Purged server {guild_id}: {rows:,} rows deleted:"
    )
    return "\n".join([head, *(f"  {kind}: {count:,}" for kind, count in counts.items()), pending])
