"""Everything that touches SQLite: raw, parameterised SQL behind small functions."""

from .database import Database, backup_file
from .errors import DatabaseTooNew, MigrationError, NotADatabase, StorageError

__all__ = ["Database", "DatabaseTooNew", "MigrationError", "NotADatabase", "StorageError", "backup_file"]
