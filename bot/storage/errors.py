"""Storage errors: each message tells an operator what is wrong and what to do."""

from __future__ import annotations


class StorageError(Exception):
    """The database cannot be used as it is; nothing was changed."""


class NotADatabase(StorageError):
    pass


class DatabaseTooNew(StorageError):
    pass


class MigrationError(StorageError):
    pass
