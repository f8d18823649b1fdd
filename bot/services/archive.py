"""A server's archive (issue #24): `/config export` and `/config import`, for the cog.

An import is read and checked (archive_import.py), previewed against the server, and held here
until the moderator who uploaded it confirms, for PENDING_SECONDS at most; confirming plans it
again inside the one transaction that writes it. What is held lives in this process only: after
a restart the confirmation answers that the import has expired, and nothing is written.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..content.lore import canon_lore
from ..domain.archive import MAX_BYTES
from ..domain.lore import LoreEntry
from ..storage import Database
from ..storage import archive_write as store
from . import archive_export
from .archive_export import Exported
from .archive_import import Prepared, Read, Summary, fit, plan, read_upload
from .worker_process import in_worker_process

PENDING_SECONDS = 15 * 60
MAX_PENDING = 20  # imports awaiting confirmation in this process, at most (each holds its file)


@dataclass(frozen=True, slots=True)
class _Pending:
    token: str
    prepared: Prepared
    expires: float


class ArchiveService:
    def __init__(
        self,
        db: Database,
        canon: Sequence[LoreEntry] | None = None,
        running_with: frozenset[str] = frozenset(),
    ) -> None:
        self.db = db
        self.canon = tuple(canon if canon is not None else canon_lore())
        self.running_with = running_with
        self._pending: dict[tuple[int, int], _Pending] = {}

    async def export(self, guild_id: int, limit: int) -> Exported:
        """The server's archive and lore zip, each at most `limit` bytes and MAX_BYTES (what an
        import takes), or TooBig."""
        return await archive_export.export(self.db, guild_id, min(limit, MAX_BYTES))

    async def read(self, filename: str, data: bytes, author_id: int, now: str) -> Read:
        """An uploaded archive, checked whole, in the worker process (the loop carries on)."""
        return await in_worker_process(read_upload, filename, data, author_id, now)

    def fit(
        self, read: Read, channel_exists: Callable[[int], bool], role_exists: Callable[[int], bool]
    ) -> Prepared:
        return fit(read, self.canon, channel_exists, role_exists, self.running_with)

    async def preview(self, guild_id: int, prepared: Prepared) -> Summary:
        """What importing would change in the server today."""
        return plan(prepared, await store.held_now(self.db, guild_id, prepared.wanted()))[1]

    async def commit(self, guild_id: int, prepared: Prepared) -> Summary:
        """Write the archive into the server in one transaction, planned inside it; what changed."""
        summaries: list[Summary] = []

        def decide(held: store.Held) -> store.Writes:
            writes, summary = plan(prepared, held)
            summaries.append(summary)
            return writes

        await store.write(self.db, guild_id, prepared.wanted(), decide)
        return summaries[-1]

    # -- imports awaiting confirmation ---------------------------------------------------------

    def hold(self, guild_id: int, user_id: int, prepared: Prepared, now: float) -> str:
        """Keep `prepared` for the member's confirmation (one per member and server); its token."""
        for key, pending in list(self._pending.items()):
            if pending.expires < now:
                del self._pending[key]
        while len(self._pending) >= MAX_PENDING:
            del self._pending[min(self._pending, key=lambda key: self._pending[key].expires)]
        token = secrets.token_hex(4)
        self._pending[(guild_id, user_id)] = _Pending(token, prepared, now + PENDING_SECONDS)
        return token

    def take(self, guild_id: int, user_id: int, token: str, now: float) -> Prepared | None:
        """The import the member confirms (given up either way), or None when it is gone: expired,
        replaced by a newer upload, or held by a process that has since restarted."""
        pending = self._pending.get((guild_id, user_id))
        if pending is None or pending.token != token:
            return None
        del self._pending[(guild_id, user_id)]
        return pending.prepared if pending.expires >= now else None
