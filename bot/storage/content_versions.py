"""Which content each search index was built from, so start-up rebuilds only after a change."""

from __future__ import annotations

from .backend import Conn, Database


async def is_current(db: Database, name: str, digest: str) -> bool:
    row = await db.fetch_one("SELECT hash FROM content_versions WHERE name = ?", (name,))
    return row is not None and row["hash"] == digest


async def record(conn: Conn, name: str, digest: str) -> None:
    """Inside the rebuild's transaction, so the hash never runs ahead of the index."""
    await conn.execute(
        "INSERT INTO content_versions (name, hash) VALUES (?, ?)"
        " ON CONFLICT (name) DO UPDATE SET hash = excluded.hash",
        (name, digest),
    )


async def mark(db: Database, name: str, digest: str) -> None:
    """record(), in a transaction of its own."""
    await db.write_now(lambda conn: record(conn, name, digest))
