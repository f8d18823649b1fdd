"""The `khitomer` command: run the bot, sync its commands, back up its database, import a wiki,
move to PostgreSQL, forget a member or purge a server for the operator.

Every failure an operator can fix is one line on stderr and a non-zero exit, never a
traceback; the token is never printed.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..config import ConfigError, Settings, load_settings
from ..content import ContentError
from ..domain.lore import Kind
from ..errors import OperatorError
from ..storage import StorageError
from . import purge_server
from .health import check_data, findings, os_problem
from .interrupts import Interrupted, signals_interrupt
from .logs import configure_logging, note_in_log_file

log = logging.getLogger(__name__)

EXIT_USAGE = 2
EXIT_FAILURE = 1
# One-off commands with a summary.
ADMIN = ("sync", "backup", "migrate-to-postgres", "import-wiki", "forget-user", "purge-server")
MISSING_TOKEN = (
    "khitomer: DISCORD_TOKEN is not set. Copy .env.example to .env and put your bot token there "
    "(README: 'Create the Discord application'), or try the bot offline now with `khitomer console`."
)
NO_TOKEN_CONSOLE = (
    "No DISCORD_TOKEN yet, so this is the offline console. To run on Discord, put the bot token in "
    ".env (see .env.example) and run `khitomer` again."
)
CONSOLE_EXTRA = (
    "khitomer: the offline console needs the console extra: pip install 'khitomer[console]' "
    "(in a checkout: pip install '.[console]')"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="khitomer",
        description="Khitomer, a Star Trek roleplay bot. With no command: run the bot, or, at a terminal "
        "with no DISCORD_TOKEN, the offline console.",
    )
    parser.add_argument("--version", action="version", version=f"khitomer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser(
        "run",
        help="connect to Discord and run the bot (the default; with no token at a terminal: the console)",
    )
    sub.add_parser("check", help="check settings, data and database without connecting; exit 1 on a problem")
    sync = sub.add_parser("sync", help="push the slash commands to Discord")
    sync.add_argument(
        "--guild",
        nargs="?",
        const="dev",
        metavar="ID",
        help="sync to one server at once (default: DEV_GUILD_ID) instead of globally",
    )
    backup = sub.add_parser("backup", help="copy the database consistently, even while the bot runs")
    backup.add_argument("path", type=Path, help="the new file to write (must not exist)")
    wiki = sub.add_parser(
        "import-wiki", help="import a MediaWiki XML export (Special:Export or a dump) into a server's lore"
    )
    wiki.add_argument("export", type=Path, metavar="EXPORT.xml", help="the export file")
    wiki.add_argument("--guild", required=True, metavar="ID", help="the server whose lore it becomes")
    wiki.add_argument(
        "--kind",
        default="event",
        choices=[kind.value for kind in Kind if kind is not Kind.SOURCE],
        help="what the pages are about (default: event)",
    )
    to_postgres = sub.add_parser(
        "migrate-to-postgres", help="copy a SQLite database into an empty PostgreSQL database"
    )
    to_postgres.add_argument(
        "--from",
        dest="source",
        type=Path,
        required=True,
        metavar="FILE",
        help="the SQLite file (left unchanged; the bot may keep running)",
    )
    to_postgres.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="URL",
        help="postgresql://user:password@host/database, with no Khitomer rows yet",
    )
    forget = sub.add_parser(
        "forget-user", help="forget one member in every server, as /mydata forget does (issue #24)"
    )
    forget.add_argument("user", metavar="USER_ID", help="the member's Discord ID")
    forget.add_argument("--dry-run", action="store_true", help="print what would go, change nothing")
    purge_server.add_parser(sub)
    console = sub.add_parser("console", help="try the whole bot offline, in a simulated Discord server")
    console.add_argument("--db", type=Path, help="database file to use (default: a temporary one)")
    console.add_argument("--script", type=Path, help="run the lines of FILE, stop at the first failure")
    console.add_argument("--guild-name", default="Khitomer Conference", help="the demo server's name")
    console.add_argument(
        "--players", default="alice,bob,carol", help="comma-separated player names (default: alice,bob,carol)"
    )
    console.add_argument(
        "--files", type=Path, help="folder for files the bot sends (default: a new temporary one)"
    )
    return parser


def console_installed() -> bool:
    return all(importlib.util.find_spec(name) for name in ("simcord", "prompt_toolkit", "rich"))


def console(settings: Settings, args: argparse.Namespace | None = None, banner: str = "") -> int:
    if not console_installed():
        raise OperatorError(CONSOLE_EXTRA)
    database, script = (args.db, args.script) if args is not None else (None, None)
    if script is not None and not script.is_file():
        raise OperatorError(f"khitomer: no script at {script}")
    # The transcript is the output: keep start-up chatter out of it.
    if settings.log_level != "DEBUG":
        logging.disable(logging.WARNING)
    from ..console.app import DemoOptions, run_console
    from ..console.demo import player_names

    options = DemoOptions()
    if args is not None:
        try:
            options = DemoOptions(
                args.guild_name.strip()[:100] or "Khitomer", player_names(args.players), args.files
            )
        except ValueError as error:
            raise OperatorError(f"khitomer: {error}") from error
    return run_console(settings, database, script, banner, options)


def require_token(settings: Settings) -> str:
    if not settings.token:
        raise OperatorError(MISSING_TOKEN)
    return settings.token


async def run_bot(settings: Settings) -> None:
    """Check the data, open the database and claim the shards, then connect; stop cleanly on
    SIGTERM, SIGINT or SIGHUP, including while the database or Discord is retried."""
    from ..application.app import create_bot
    from .lifecycle import run_until_stopped, serve

    token = require_token(settings)
    data = check_data().summary()
    # `async with` readies discord.py's internals, so close() works whatever point start-up reached.
    async with create_bot(settings) as bot:
        await run_until_stopped(bot, lambda: serve(bot, token, data))


def check() -> int:
    """`khitomer check`: one line an area (ok or FAIL), then a verdict; 0 when the bot can start.
    It writes nothing: no log file is opened and the database is read read-only."""
    try:
        found = findings(load_settings())
    except ConfigError as error:
        found = [(False, "settings", str(error))]
    for ok, area, text in found:
        print(f"{'ok  ' if ok else 'FAIL'} {area}: {text}")
    problems = sum(not ok for ok, _, _ in found)
    print(
        "khitomer can start." if not problems else f"{problems} problem(s) to fix before khitomer can start."
    )
    return 0 if not problems else EXIT_FAILURE


async def sync(settings: Settings, guild: str | None) -> str:
    from ..application.app import create_bot
    from ..application.sync import sync_commands
    from .lifecycle import login_with_retry

    token = require_token(settings)
    guild_id: int | None = None
    if guild == "dev":
        if settings.dev_guild_id is None:
            raise OperatorError(
                "khitomer: --guild without an ID needs DEV_GUILD_ID in the environment or .env."
            )
        guild_id = settings.dev_guild_id
    elif guild is not None:
        if not (guild.isascii() and guild.isdigit()):
            raise OperatorError(f"khitomer: --guild takes a server ID, not {guild!r}.")
        guild_id = int(guild)
    async with create_bot(settings) as bot:
        # REST only: runs setup_hook, never opens the gateway; an unreachable Discord is one line.
        await login_with_retry(bot, token, settings.connect_timeout)
        count = await sync_commands(bot.tree, guild_id)
    where = f"to server {guild_id}" if guild_id else "globally (up to an hour to reach every server)"
    return f"Synced {count} commands {where}."


def backup(settings: Settings, destination: Path) -> str:
    from ..storage import backup_file

    if settings.database_url:
        raise OperatorError(
            "khitomer: `khitomer backup` copies the SQLite file; with DATABASE_URL set, back PostgreSQL "
            "up with its own tools (pg_dump)."
        )

    existed = destination.exists()  # then backup_file refuses it, and it is not ours to remove
    try:
        backup_file(settings.database_path, destination)
    except Interrupted as stop:
        if not existed:
            destination.unlink(missing_ok=True)
        raise stop.explained("before it finished; no copy was kept") from None
    return f"Backed up {settings.database_path} to {destination} ({destination.stat().st_size} bytes)."


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return check()
    try:
        settings = load_settings()
        configure_logging(settings)
        if args.command == "console":
            return console(settings, args)
        if args.command in ADMIN:
            print(admin(settings, args))
        elif args.command is None and not settings.token and interactive() and console_installed():
            return console(settings, banner=NO_TOKEN_CONSOLE)
        else:
            asyncio.run(run_bot(settings))
    except Interrupted as stop:
        return stopped(f"khitomer: {args.command} stopped by {stop.name} {stop.detail}.", stop.exit_code)
    except KeyboardInterrupt:
        return 0  # Ctrl-C before the bot's own handlers were in place: a stop asked for
    except (OperatorError, ConfigError, ContentError, StorageError) as error:
        message = str(error)
        message = message if message.startswith("khitomer:") else f"khitomer: {message}"
        usage = isinstance(error, ConfigError) or message == MISSING_TOKEN
        return stopped(message, EXIT_USAGE if usage else EXIT_FAILURE)
    except OSError as error:  # a file or folder no check foresaw: still one line
        return stopped(f"khitomer: {os_problem(error)}", EXIT_FAILURE)
    return 0


def admin(settings: Settings, args: argparse.Namespace) -> str:
    """Run a one-off admin command to its summary; a stop signal part-way raises Interrupted."""
    with signals_interrupt():
        if args.command == "sync":
            return asyncio.run(sync(settings, args.guild))
        if args.command == "backup":
            return backup(settings, args.path)
        if args.command == "migrate-to-postgres":
            from .migrate_postgres import migrate_to_postgres

            return migrate_to_postgres(args.source, args.target)
        if args.command == "purge-server":
            return purge_server.purge_server(settings, args.guild, dry_run=args.dry_run)
        if args.command == "forget-user":
            from .forget_user import forget_user

            return forget_user(settings, args.user, dry_run=args.dry_run)
        from .import_wiki import import_wiki

        return import_wiki(settings, args.export, args.guild, args.kind)


def stopped(message: str, code: int) -> int:
    note_in_log_file(message)  # the reason for stopping belongs in LOG_FILE too
    print(message, file=sys.stderr)
    return code


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
