"""`khitomer console`: interactive (prompt_toolkit) or scripted, over one SimCord world."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import simcord
from prompt_toolkit import PromptSession
from rich.console import Console
from rich.text import Text

from ..application.app import create_bot
from ..config import Settings
from .completion import SlashCompleter
from .demo import DEFAULT_GUILD_NAME, DEFAULT_PLAYERS, build_demo
from .lines import CONSOLE_COMMANDS, LineError
from .session import ConsoleSession, StepFailed

BANNER = (
    "Khitomer offline console: the real bot in a simulated Discord server (no token needed).\n"
    "Type /help, or `help` for the console's own commands. Tab completes. Ctrl-D leaves."
)


@dataclass(frozen=True)
class DemoOptions:
    """How the demo server looks (`--guild-name`, `--players`) and where files go (`--files`)."""

    guild_name: str = DEFAULT_GUILD_NAME
    players: tuple[str, ...] = DEFAULT_PLAYERS
    files: Path | None = None


@contextlib.asynccontextmanager
async def open_session(
    settings: Settings, console: Console, options: DemoOptions = DemoOptions()
) -> AsyncIterator[ConsoleSession]:
    bot = create_bot(settings)
    try:
        async with simcord.run(bot, shard_count=1) as env:
            demo = build_demo(env, guild_name=options.guild_name, players=options.players)
            await bot.tree.sync()
            yield ConsoleSession(env, demo, console, options.files)
    finally:
        await bot.close()


def run_console(
    settings: Settings,
    database: Path | None,
    script: Path | None,
    banner: str = "",
    options: DemoOptions = DemoOptions(),
) -> int:
    """`khitomer console`: the prompt, or the lines of `script`; the exit code to return."""
    chosen, cleanup = console_settings(settings, database)
    with cleanup:
        if script is None:
            return asyncio.run(run_interactive(chosen, Console(), banner, options))
        lines = script.read_text(encoding="utf-8").splitlines()
        return asyncio.run(run_script(chosen, lines, Console(highlight=False), options))


def console_settings(settings: Settings, database: Path | None) -> tuple[Settings, Any]:
    """The console's settings: the given database file, or a temporary one removed afterwards."""
    if database is not None:
        return replace(settings, token=None, database_path=database), contextlib.nullcontext()
    folder = tempfile.TemporaryDirectory(prefix="khitomer-console-")
    return replace(settings, token=None, database_path=Path(folder.name) / "console.db"), folder


async def run_script(
    settings: Settings, lines: list[str], console: Console, options: DemoOptions = DemoOptions()
) -> int:
    """Run each line; stop with exit code 1 at the first error or unexpected refusal."""
    async with open_session(settings, console, options) as session:
        answers: list[str] = []

        async def answer(field: dict[str, Any]) -> str:
            value = answers.pop(0) if answers else ""
            console.print(Text(f"{_field_prompt(field)}{value}", style="dim"))
            return value

        for number, text in enumerate(lines, start=1):
            if text.strip().startswith("|"):
                continue  # form answers, taken by the command above them
            answers[:] = [s.strip()[1:].strip() for s in _following_answers(lines, number)]
            if text.strip() and not text.strip().startswith("#"):
                console.print(Text(f"{session.prompt}{text.strip()}", style="bold green"))
            try:
                await session.run(text, answer)
            except (LineError, StepFailed) as error:
                console.print(Text(f"line {number}: {error}", style="bold red"))
                return 1
    return 0


def _field_prompt(field: dict[str, Any]) -> str:
    """`  Summary: ` for a field, `  … ` for the next line of a paragraph field."""
    return "  … " if field.get("continued") else f"  {field.get('label', field['custom_id'])}: "


def _following_answers(lines: list[str], number: int) -> Iterable[str]:
    for later in lines[number:]:
        if not later.strip().startswith("|"):
            break
        yield later


async def run_interactive(
    settings: Settings, console: Console, banner: str = "", options: DemoOptions = DemoOptions()
) -> int:
    if banner:
        console.print(Text(banner, style="yellow"))
    console.print(Text(BANNER, style="bold"))
    async with open_session(settings, console, options) as session:
        demo = session.demo
        console.print(
            Text(
                f"Server “{demo.guild.name}”: channels {', '.join('#' + c for c in demo.channels)}; "
                f"members {', '.join(demo.members)} (`as NAME` switches).",
                style="dim",
            )
        )
        prompt: PromptSession[str] = PromptSession(
            completer=SlashCompleter(session), complete_while_typing=False
        )

        async def ask(field: dict[str, Any]) -> str:
            default = field.get("value") or ""
            return await prompt.prompt_async(_field_prompt(field), default=default, completer=None)

        while True:
            try:
                text = await prompt.prompt_async(session.prompt)
            except EOFError:
                return 0
            except KeyboardInterrupt:
                continue
            try:
                await session.run(text, ask)
            except (LineError, StepFailed) as error:
                console.print(Text(str(error), style="bold red"))
            except Exception as error:
                console.print(Text(f"unexpected: {type(error).__name__}: {error}", style="bold red"))


__all__ = ["CONSOLE_COMMANDS", "DemoOptions", "SlashCompleter", "run_interactive", "run_script"]
