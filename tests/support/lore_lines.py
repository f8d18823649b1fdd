"""The lore service of a server with no lore of its own, started once per test module, and the
answer line it gives a question: what tests of the answer line ask of it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from pathlib import Path

from bot.content.treaties import canon_treaties
from bot.domain.treaties import Treaty
from bot.services.lore import LoreService
from bot.storage import open_database
from bot.storage.lore import Draft
from tests.support import postgres

GUILD = 77


def started(folder: Path, postgres_server: str | None) -> Iterator[LoreService]:
    """A started service on a database of its own (a schema of its own on PostgreSQL), with the
    loop that runs it as `service.loop`; closed when the generator is."""
    schema, url = postgres.new_schema(postgres_server) if postgres_server else (None, None)
    loop = asyncio.new_event_loop()
    db = loop.run_until_complete(open_database(folder / "k.db", url))
    service = LoreService(db)
    loop.run_until_complete(service.start())
    service.loop = loop  # type: ignore[attr-defined]
    yield service
    loop.run_until_complete(db.close())
    loop.close()
    if postgres_server and schema:
        postgres.drop_schema(postgres_server, schema)


def line(lore: LoreService, question: str) -> tuple[str | None, str | None]:
    """The answer line and the key of the entry it comes from."""
    found = lore.loop.run_until_complete(lore.search(GUILD, question, canon_treaties()))  # type: ignore[attr-defined]
    if found.answer is None:
        return None, None
    return found.answer.sentence, found.answer.entry.key if found.answer.entry else None


def assert_says(lore: LoreService, question: str, said: str) -> None:
    """The question gets an answer line holding `said`."""
    line_said, _ = line(lore, question)
    assert line_said is not None and said in line_said, line_said


def assert_never_says(lore: LoreService, question: str, not_said: str) -> None:
    """The question gets no answer line, or one without `not_said`."""
    line_said, _ = line(lore, question)
    assert line_said is None or not_said not in line_said, line_said


def server_line(
    lore: LoreService, guild: int, drafts: Sequence[Draft], question: str, treaties: Sequence[Treaty] = ()
) -> str | None:
    """The answer line `question` gets in server `guild` once `drafts` are its own lore (the
    articles of `treaties` read too)."""
    run = lore.loop.run_until_complete  # type: ignore[attr-defined]
    for draft in drafts:
        run(lore.add(guild, 1, draft))
    found = run(lore.search(guild, question, treaties))
    return found.answer.sentence if found.answer is not None else None
