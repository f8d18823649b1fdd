"""`khitomer import-wiki EXPORT.xml --guild ID`: a whole MediaWiki export into one server's lore.

Runs against the bot's database (DATABASE_PATH, or DATABASE_URL), draws a one-line progress bar
on stderr, and ends with what was imported, updated and skipped (and why). Running it again updates the pages
imported before instead of adding them twice.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import BinaryIO

from ..config import Settings
from ..domain.lore import Kind
from ..errors import OperatorError
from ..services.lore import LoreService
from ..services.lore_bulk import import_export
from ..services.lore_import import ImportSummary
from ..services.wiki_export import ExportError, check_export
from ..storage import open_database
from .garbage import set_start_up_aside
from .progress import ProgressBar

SHOWN_SKIPS = 50  # reasons listed in the summary; the rest are counted


def guild_id_of(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) <= 20):
        raise OperatorError(f"khitomer: --guild takes a server ID (digits), not {text!r}.")
    return int(text)


def import_wiki(settings: Settings, path: Path, guild: str, kind: str) -> str:
    """Import the export at `path` into server `guild`; the summary to print."""
    guild_id = guild_id_of(guild)
    if not path.is_file():
        raise OperatorError(f"khitomer: no file at {path}")
    with path.open("rb") as source:
        bar = ProgressBar(path.stat().st_size, sys.stderr, "page")
        try:
            check_export(source)  # before the database is opened: a wrong file changes nothing
            summary = asyncio.run(_import(settings, guild_id, source, Kind(kind), bar))
        except ExportError as error:
            raise OperatorError(f"khitomer: {path} cannot be imported: {error}.") from None
    return report(summary, guild_id)


async def _import(
    settings: Settings, guild_id: int, source: BinaryIO, kind: Kind, bar: ProgressBar
) -> ImportSummary:
    db = await open_database(settings.database_path, settings.database_url)
    service = LoreService(db)
    try:
        await service.start()
        set_start_up_aside()  # a whole wiki's pages make many full collections: none walks these
        summary = await import_export(service, guild_id, source, kind, on_page=bar.advance)
        bar.finish()
        return summary
    finally:
        await service.stop()
        await db.close()


def report(summary: ImportSummary, guild_id: int) -> str:
    lines = [
        f"Imported {summary.imported}, updated {summary.updated}, skipped {len(summary.skipped)}"
        f" (server {guild_id})."
    ]
    lines += [f"  skipped {title}: {why}" for title, why in summary.skipped[:SHOWN_SKIPS]]
    if len(summary.skipped) > SHOWN_SKIPS:
        lines.append(f"  … and {len(summary.skipped) - SHOWN_SKIPS:,} more skipped.")
    return "\n".join(lines)
