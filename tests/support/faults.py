"""A database that goes away and comes back, for tests of what outlives it.

`DatabaseDown` replaces a live database object's entry points (reads, transactions, the fast
paths) with ones that raise what each backend raises when its server or file is unreachable,
until `back()`. The bot keeps the same object, as it would keep its pool or file handle.
"""

from __future__ import annotations

import sqlite3
from typing import Any, NoReturn

ENTRY_POINTS = ("fetch_all", "fetch_one", "transaction", "write_now", "read_now")


class DatabaseDown:
    def __init__(self, db: Any) -> None:
        self.db = db
        self.refused = 0  # how many calls found it down
        self._saved: dict[str, Any] = {}

    def _error(self) -> Exception:
        if self.db.dialect.postgres:
            return ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")
        return sqlite3.OperationalError("disk I/O error")

    def down(self) -> DatabaseDown:
        def refuse(*args: Any, **kwargs: Any) -> NoReturn:
            self.refused += 1
            raise self._error()

        for name in ENTRY_POINTS:
            self._saved[name] = self.db.__dict__.get(name)
            setattr(self.db, name, refuse)
        return self

    def back(self) -> None:
        for name in ENTRY_POINTS:
            if self._saved.get(name) is None:
                delattr(self.db, name)
            else:
                setattr(self.db, name, self._saved[name])
