"""Round trips to PostgreSQL, counted where asyncpg sends them: each statement run (with its
values, or a plain one such as BEGIN and COMMIT) and each statement prepared because this
connection had not prepared it yet. On a 2-core machine a round trip costs ~0.3 ms, more than
most of our statements take on the server, so a lore question's cost is mostly how many it makes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from asyncpg import connection


@contextmanager
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every round trip made inside the block, as the SQL it sent ("prepare: …" for a prepare)."""
    sent: list[str] = []
    execute, run, prepare = (
        connection.Connection.execute,
        connection.Connection._execute,
        connection.Connection._get_statement,
    )

    async def plain(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        if not args:  # with values asyncpg goes through _execute, counted there
            sent.append(" ".join(query.split()))
        return await execute(self, query, *args, **kwargs)

    async def with_values(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        sent.append(" ".join(query.split()))
        return await run(self, query, *args, **kwargs)

    async def prepared(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        before = len(self._stmt_cache)
        statement = await prepare(self, query, *args, **kwargs)
        if len(self._stmt_cache) != before:
            sent.append("prepare: " + " ".join(query.split()))
        return statement

    with monkeypatch.context() as patch:
        patch.setattr(connection.Connection, "execute", plain)
        patch.setattr(connection.Connection, "_execute", with_values)
        patch.setattr(connection.Connection, "_get_statement", prepared)
        yield sent
