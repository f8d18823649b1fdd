"""Did this interaction store anything? The record every committed write leaves behind.

Both backends call `committed()` once a write transaction that changed a row has committed (a
repeated press that changed nothing stored nothing). The record lives in
a context variable of the task that ran the write: discord.py runs each interaction (a
command, a button, a form) and its error handler in one task, so the handler reads here
whether the action was stored before the failure, and never claims "nothing was changed"
after a commit. No command marks this by hand.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar

from .backend import Conn, Database

T = TypeVar("T")


@dataclass
class Record:
    """The commits made by one task, and what the code that made them said they stored."""

    task: asyncio.Task[object] | None
    commits: int = 0
    details: list[str] = field(default_factory=list)


_RECORD: ContextVar[Record | None] = ContextVar("khitomer_work_record", default=None)
_QUIET: ContextVar[bool] = ContextVar("khitomer_work_quiet", default=False)


def _own() -> Record:
    """This task's record, made on first use. A record copied from the task that created this
    one (the gateway's, say) belongs to that task and is not ours."""
    task = asyncio.current_task()
    record = _RECORD.get()
    if record is None or record.task is not task:
        record = Record(task)
        _RECORD.set(record)
    return record


def committed() -> None:
    """Called by the storage backends after each successful COMMIT."""
    if not _QUIET.get():
        _own().commits += 1


@asynccontextmanager
async def bookkeeping(db: Database, *, guild: int | None = None) -> AsyncIterator[Conn]:
    """A write transaction that is not the member's action (where a message was posted, a page
    stash, an error report, the outbox's own accounts): its commit is not recorded."""
    token = _QUIET.set(True)
    try:
        async with db.transaction(guild=guild) as conn:
            yield conn
    finally:
        _QUIET.reset(token)


async def bookkeeping_now(
    db: Database, work: Callable[[Conn], Awaitable[T]], *, guild: int | None = None
) -> T:
    """bookkeeping() for one small write by key on the hot path, run at once (db.write_now): no
    hop to the database thread for the outbox's own accounts after each announcement."""
    token = _QUIET.set(True)
    try:
        return await db.write_now(work, guild=guild)
    finally:
        _QUIET.reset(token)


def describe(detail: str) -> None:
    """Say in a member's words what the last commit stored (shown if the reply is then lost)."""
    _own().details.append(detail)


def current() -> Record | None:
    """This task's record if it committed anything, else None."""
    record = _RECORD.get()
    if record is None or record.task is not asyncio.current_task() or not record.commits:
        return None
    return record
