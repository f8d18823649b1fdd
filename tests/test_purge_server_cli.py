"""`khitomer purge-server GUILD_ID [--dry-run]` as an operator runs it (issue #24, point 5): a dry
run counts what would go and changes nothing; the real run deletes every row of that server and
nothing of another."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

from bot.services.server_data import ServerData
from bot.storage import Database
from tests.support.postgres import OpenDb
from tests.support.server_rows import every_row, held_of, lost
from tests.test_cli import assert_one_line_error, khitomer
from tests.test_import_wiki import WIKI

GUILD, OTHER = 123456789012345678, 223456789012345678
LEFT_AT = 4_000_000_000.0  # 2096-10-02 07:06 UTC


async def run(tmp_path: Path, url: str | None, *args: str) -> subprocess.CompletedProcess[str]:
    where = {"DATABASE_PATH": "k.db", **({"DATABASE_URL": url} if url else {})}
    return await asyncio.to_thread(khitomer, *args, cwd=tmp_path, **where)


async def settle_two_servers(db: Database) -> None:
    """Beside the imported lore: a setting in each server, and the first one pending purge."""
    for guild in (GUILD, OTHER):
        await db.write_now(
            lambda conn, guild=guild: conn.execute(
                "INSERT INTO guild_settings (guild_id, name, scope, value)"
                " VALUES (?, 'game.threads', 0, 'off')",
                (guild,),
            )
        )
    await ServerData(db, 86_400.0).left(GUILD, "Khitomer\x1b[31m Conference", LEFT_AT)


async def test_a_dry_run_counts_and_the_real_run_purges_only_that_server(
    tmp_path: Path, open_db: OpenDb, database_url: str | None
) -> None:
    (tmp_path / "wiki.xml").write_bytes(WIKI)
    for guild in (GUILD, OTHER):
        imported = await run(tmp_path, database_url, "import-wiki", "wiki.xml", "--guild", str(guild))
        assert imported.returncode == 0, imported.stderr
    db = await open_db()
    try:
        await settle_two_servers(db)
        counts = await ServerData(db, 86_400.0).counts(GUILD)
        assert {k: counts[k] for k in ("lore entries", "settings", "pending purge")} == {
            "lore entries": 2, "settings": 1, "pending purge": 1,
        }  # fmt: skip
        other_held, before = await held_of(db, OTHER), await every_row(db)
        total = sum(counts.values())
        lines = [f"  {kind}: {count:,}" for kind, count in counts.items()]
        pending = (
            "  Khitomer[31m Conference: removed Khitomer 2096-10-02 07:06 UTC; its purge is due "
            "2096-10-03 07:06 UTC"
        )  # the escape character a name could smuggle into a terminal is left out

        dry = await run(tmp_path, database_url, "purge-server", str(GUILD), "--dry-run")
        assert dry.returncode == 0, dry.stderr
        assert dry.stdout.splitlines() == [
            f"Dry run, nothing was deleted. Purging server {GUILD} would delete {total:,} rows:",
            *lines,
            pending,
        ]
        assert lost(before, await every_row(db)) == {}, "a dry run changes nothing"

        done = await run(tmp_path, database_url, "purge-server", str(GUILD))
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == [
            f"Purged server {GUILD}: {total:,} rows deleted:",
            *lines,
            pending,
        ]
        assert await held_of(db, GUILD) == {}, "nothing of the server is left anywhere"
        assert await held_of(db, OTHER) == other_held
        assert sum(lost(before, await every_row(db)).values()) == total, "only its rows went"

        again = await run(tmp_path, database_url, "purge-server", str(GUILD))
        assert again.stdout == f"Server {GUILD}: nothing is kept of it; nothing to purge.\n"
    finally:
        await db.close()


async def test_a_server_id_that_is_not_one_is_one_line(tmp_path: Path, database_url: str | None) -> None:
    for typed in ("my-server", "0", "99999999999999999999999"):
        done = await run(tmp_path, database_url, "purge-server", typed, "--dry-run")
        assert_one_line_error(done, "purge-server takes a server's ID (digits)", repr(typed))
