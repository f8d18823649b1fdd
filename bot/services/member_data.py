"""What a member may ask about their own data (issue #24, /mydata; `khitomer forget-user` for the
operator): see what is held, take a copy, have it forgotten.

Forgetting is one use case in one transaction over every server: it is refused while the member
holds a seat in, or hosts, a conference that is still running. A running conference is a game the
others are playing: its seats sign, vote and are waited for, so one cannot be emptied under them,
nor kept with nobody able to play it. Leaving a lobby is one command (/accord leave), and a
conference that has started ends at its deadline or when its host or a moderator ends it; then
the forget goes through.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from ..domain.errors import NotAllowed
from ..domain.member_data import Blocker, Forgotten, Held
from ..domain.member_records import export_document
from ..storage import Database
from ..storage import member_data as store
from ..storage.member_forget import forgetting


class StillSeated(NotAllowed):
    """The member holds a seat in, or hosts, conferences that are still running: nothing was
    forgotten. `running` says which, for the words the member or the operator reads."""

    def __init__(self, running: Sequence[Blocker]) -> None:
        super().__init__(
            "You still hold a seat in, or host, a conference that is running. Nothing was forgotten."
        )
        self.running = tuple(running)


async def held(db: Database, user: int) -> list[Held]:
    """How much is held about the member, per server (those with nothing left out)."""
    return await store.held(db, user)


async def running(db: Database, user: int) -> list[Blocker]:
    """The running conferences that keep the member from being forgotten now."""
    return await store.running(db, user)


async def export(db: Database, user: int, server_name: Callable[[int], str], exported_at: str) -> bytes:
    """Everything held about the member, as the JSON file they download (UTF-8, indented)."""
    document = export_document(user, await store.record(db, user), server_name, exported_at)
    return json.dumps(document, indent=2, ensure_ascii=False).encode()


async def forget(db: Database, user: int, *, dry_run: bool = False) -> Forgotten:
    """Forget the member in every server, in one transaction: what was deleted and what was kept
    without them, counted. A dry run does the same and rolls it back. Raises StillSeated (and
    changes nothing) while a running conference holds them."""
    async with forgetting(db, user, dry_run=dry_run) as member:
        if blockers := await member.running():
            raise StillSeated(blockers)
        return await member.forget()
