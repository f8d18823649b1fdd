"""`khitomer console`: interactive (prompt_toolkit) or scripted, over one SimCord world."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from collections.abc import AsyncIterator, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import simcord
from prompt_toolkit import PromptSession
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from rich.console import Console
from rich.text import Text

from ..app import create_bot
from ..config import Settings
from .demo import build_demo
from .lines import CONSOLE_COMMANDS, LineError
from .session import ConsoleSession, StepFailed

BANNER = (
    "Khitomer offline console: the real bot in a simulated Discord server (no token needed).\n"
    "Type /help, or `help` for the console's own commands. Tab completes. Ctrl-D leaves."
)


@contextlib.asynccontextmanager
async def open_session(settings: Settings, console: Console) -> AsyncIterator[ConsoleSession]:
    bot = create_bot(settings)
    try:
        async with simcord.run(bot, shard_count=1) as env:
            demo = build_demo(env)
            await bot.tree.sync()
            yield ConsoleSession(env, demo, console)
    finally:
        await bot.close()


def run_console(settings: Settings, database: Path | None, script: Path | None, banner: str = "") -> int:
    """`khitomer console`: the prompt, or the lines of `script`; the exit code to return."""
    chosen, cleanup = console_settings(settings, database)
    with cleanup:
        if script is None:
            return asyncio.run(run_interactive(chosen, Console(), banner))
        lines = script.read_text(encoding="utf-8").splitlines()
        return asyncio.run(run_script(chosen, lines, Console(highlight=False)))


def console_settings(settings: Settings, database: Path | None) -> tuple[Settings, Any]:
    """The console's settings: the given database file, or a temporary one removed afterwards."""
    if database is not None:
        return replace(settings, token=None, database_path=database), contextlib.nullcontext()
    folder = tempfile.TemporaryDirectory(prefix="khitomer-console-")
    return replace(settings, token=None, database_path=Path(folder.name) / "console.db"), folder


async def run_script(settings: Settings, lines: list[str], console: Console) -> int:
    """Run each line; stop with exit code 1 at the first error or unexpected refusal."""
    async with open_session(settings, console) as session:
        answers: list[str] = []

        async def answer(field: dict[str, Any]) -> str:
            value = answers.pop(0) if answers else ""
            console.print(Text(f"  {field.get('label', field['custom_id'])}: {value}", style="dim"))
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


def _following_answers(lines: list[str], number: int) -> Iterable[str]:
    for later in lines[number:]:
        if not later.strip().startswith("|"):
            break
        yield later


class SlashCompleter(Completer):
    """Completes console words, command paths, option names, and autocomplete values."""

    def __init__(self, session: ConsoleSession) -> None:
        self.session = session

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterable[Completion]:
        return []  # everything is async: see get_completions_async

    async def get_completions_async(  # type: ignore[override]
        self, document: Document, complete_event: CompleteEvent
    ) -> AsyncIterator[Completion]:
        text = document.text_before_cursor
        word = document.get_word_before_cursor(WORD=True)
        if " " not in text.strip() and not text.endswith(" "):
            for name in sorted(
                {*(f"/{n.split()[0]}" for n in self.session.commands), "help", "click", "select", "as", "in"}
            ):
                if name.startswith(word):
                    yield Completion(name, start_position=-len(word))
            return
        path = self._path(text)
        if path is None:
            for name in sorted(self.session.commands):
                head = "/" + name
                if head.startswith(text.strip()) and head != text.strip():
                    yield Completion(head.split()[-1], start_position=-len(word))
            return
        leaf = self.session.commands[path]
        if ":" in word:
            option, _, typed = word.partition(":")
            parameter = leaf.options.get(option)
            if parameter is not None and parameter.autocomplete:
                filled = dict(
                    kv.split(":", 1) for kv in text.split()[len(path.split()) :] if ":" in kv and kv != word
                )
                with contextlib.suppress(Exception):  # a completion must never break the prompt
                    channel = self.session.demo.channels[self.session.channel]
                    choices = await self.session.actor.autocomplete(channel, path, option, typed, **filled)
                    for offered in choices:
                        yield Completion(
                            f"{option}:{_quoted(str(offered['value']))}",
                            start_position=-len(word),
                            display=offered["name"],
                        )
            for fixed in parameter.choices if parameter is not None else []:
                yield Completion(f"{option}:{_quoted(str(fixed.value))}", start_position=-len(word))
            return
        for option in leaf.options:
            if option.startswith(word):
                yield Completion(f"{option}:", start_position=-len(word))

    def _path(self, text: str) -> str | None:
        words = text.strip().removeprefix("!").removeprefix("/").split()
        for size in range(len(words), 0, -1):
            candidate = " ".join(words[:size])
            if candidate in self.session.commands and (size < len(words) or text.endswith(" ")):
                return candidate
        return None


def _quoted(value: str) -> str:
    return f'"{value}"' if " " in value else value


async def run_interactive(settings: Settings, console: Console, banner: str = "") -> int:
    if banner:
        console.print(Text(banner, style="yellow"))
    console.print(Text(BANNER, style="bold"))
    async with open_session(settings, console) as session:
        prompt: PromptSession[str] = PromptSession(
            completer=SlashCompleter(session), complete_while_typing=False
        )

        async def ask(field: dict[str, Any]) -> str:
            default = field.get("value") or ""
            return await prompt.prompt_async(
                f"  {field.get('label', field['custom_id'])}: ", default=default, completer=None
            )

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


__all__ = ["CONSOLE_COMMANDS", "run_interactive", "run_script"]
