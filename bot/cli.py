"""The `khitomer` command: run the bot, sync its commands, back up its database.

Every failure an operator can fix is one line on stderr and a non-zero exit, never a
traceback; the token is never printed.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .config import ConfigError, Settings, load_settings

EXIT_USAGE = 2
EXIT_FAILURE = 1
MISSING_TOKEN = (
    "khitomer: DISCORD_TOKEN is not set. Copy .env.example to .env and put your bot token there "
    "(README: 'Create the Discord application'), or try the bot offline now with `khitomer console`."
)


class OperatorError(Exception):
    """A problem the operator can fix; printed as one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="khitomer", description="Khitomer, a Star Trek roleplay bot.")
    parser.add_argument("--version", action="version", version=f"khitomer {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="connect to Discord and run the bot (the default)")
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
    console = sub.add_parser("console", help="try the whole bot offline, in a simulated Discord server")
    console.add_argument("--db", type=Path, help="database file to use (default: a temporary one)")
    console.add_argument("--script", type=Path, help="run the lines of FILE, stop at the first failure")
    return parser


def console(settings: Settings, database: Path | None, script: Path | None) -> int:
    if script is not None and not script.is_file():
        raise OperatorError(f"khitomer: no script at {script}")
    # The transcript is the output: keep start-up chatter out of it (importing SimCord already
    # logs discord.py's voice warnings, so this comes first).
    if settings.log_level != "DEBUG":
        logging.disable(logging.WARNING)
    from rich.console import Console

    from .console.app import console_settings, run_interactive, run_script

    chosen, cleanup = console_settings(settings, database)
    with cleanup:
        if script is None:
            return asyncio.run(run_interactive(chosen, Console()))
        lines = script.read_text(encoding="utf-8").splitlines()
        return asyncio.run(run_script(chosen, lines, Console(highlight=False)))


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level_number,
        format="%(asctime)s %(levelname)-8s %(name)s: %(message)s",
    )
    # discord.http logs every rate-limit bucket at DEBUG; keep it for when it matters.
    logging.getLogger("discord.http").setLevel(max(settings.log_level_number, logging.INFO))


def require_token(settings: Settings) -> str:
    if not settings.token:
        raise OperatorError(MISSING_TOKEN)
    return settings.token


async def run_bot(settings: Settings) -> None:
    import discord

    from .app import create_bot

    token = require_token(settings)
    async with create_bot(settings) as bot:
        try:
            await bot.start(token)
        except discord.LoginFailure as error:
            raise OperatorError(
                "khitomer: Discord refused the token in DISCORD_TOKEN; reset it in the Developer Portal."
            ) from error
        except discord.PrivilegedIntentsRequired as error:
            raise OperatorError(f"khitomer: {error}") from error


async def sync(settings: Settings, guild: str | None) -> str:
    from .app import create_bot
    from .sync import sync_commands

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
        await bot.login(token)  # REST only: runs setup_hook, never opens the gateway
        count = await sync_commands(bot.tree, guild_id)
    where = f"to server {guild_id}" if guild_id else "globally (up to an hour to reach every server)"
    return f"Synced {count} commands {where}."


def backup(settings: Settings, destination: Path) -> str:
    from .storage import backup_file

    backup_file(settings.database_path, destination)
    return f"Backed up {settings.database_path} to {destination} ({destination.stat().st_size} bytes)."


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings)
        if args.command == "console":
            return console(settings, args.db, args.script)
        if args.command == "sync":
            print(asyncio.run(sync(settings, args.guild)))
        elif args.command == "backup":
            print(backup(settings, args.path))
        else:
            asyncio.run(run_bot(settings))
    except KeyboardInterrupt:
        return 0
    except (OperatorError, ConfigError) as error:
        message = str(error)
        print(message if message.startswith("khitomer:") else f"khitomer: {message}", file=sys.stderr)
        return EXIT_USAGE if isinstance(error, ConfigError) or message == MISSING_TOKEN else EXIT_FAILURE
    except Exception as error:
        from .storage import StorageError

        if isinstance(error, StorageError):
            print(f"khitomer: {error}", file=sys.stderr)
            return EXIT_FAILURE
        raise
    return 0
