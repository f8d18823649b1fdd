"""One console session: who is acting, where, and what the last message was."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from discord import AppCommandOptionType
from rich.console import Console
from rich.text import Text
from simcord import Env, InteractionResult, MemberActor, SetupError

from .demo import DemoServer
from .lines import CONSOLE_COMMANDS, Leaf, Line, LineError, leaves, parse
from .render import modal_fields, numbered_components, render_message, render_modal

AskField = Callable[[dict[str, Any]], Awaitable[str]]


class StepFailed(Exception):
    """A step went wrong in a way a script must stop for."""


class ConsoleSession:
    def __init__(self, env: Env, demo: DemoServer, console: Console) -> None:
        self.env = env
        self.demo = demo
        self.console = console
        self.member = "alice"
        self.channel = next(iter(demo.channels))
        self.last: Any = None
        self.commands: dict[str, Leaf] = leaves(env.bot.tree)  # type: ignore[attr-defined]
        self._errors_seen = 0

    @property
    def actor(self) -> MemberActor:
        return self.demo.members[self.member]

    @property
    def prompt(self) -> str:
        return f"{self.member} #{self.channel}> "

    async def run(self, text: str, ask_field: AskField) -> None:
        """Carry out one line; raise LineError or StepFailed when it goes wrong."""
        line = parse(text, self.commands)
        if line.kind == "nothing":
            return
        if line.kind == "help":
            self._help()
            return
        if line.kind == "modal":
            raise LineError("a `| value` line only follows a command that opened a form")
        if line.kind == "as":
            self._switch_member(line.args[0])
            return
        if line.kind == "in":
            self._switch_channel(line.args[0])
            return
        try:
            result = await self._act(line)
            refused = self._new_errors()
            if result.modal is not None:
                render_modal(self.console, result.modal)
                values = {f["custom_id"]: await ask_field(f) for f in modal_fields(result.modal)}
                values = {k: v for k, v in values.items() if v != ""}
                result = await self.actor.submit_modal(result, values)
                refused = refused or self._new_errors()
            self._show(result)
        except SetupError as error:
            raise StepFailed(str(error).split("\n")[0]) from None
        if refused and not line.expect_refusal:
            raise StepFailed("the bot refused that (see its reply above)")
        if line.expect_refusal and not refused:
            raise StepFailed("expected the bot to refuse that, but it did not")

    async def _act(self, line: Line) -> InteractionResult:
        channel = self.demo.channels[self.channel]
        if line.kind == "slash":
            options = {name: self._value(line.name, name, raw) for name, raw in line.options.items()}
            return await self.actor.slash(channel, line.name, **options)
        items = numbered_components(self.last.components) if self.last is not None else []
        if not items:
            raise LineError("there is no button or menu on the last message")
        target = line.args[0]
        if line.kind == "click":
            item = self._pick(items, target, kind=2)
            return await self.actor.click(self.last, custom_id=item["custom_id"])
        item = self._pick(items, target, kind=3)
        values = [self._option_value(item, v) for v in line.args[1].split(",")]
        return await self.actor.select(self.last, values, custom_id=item["custom_id"])

    def _value(self, command: str, option: str, raw: str) -> Any:
        parameter = self.commands[command].options[option]
        if parameter.type is AppCommandOptionType.integer:
            try:
                return int(raw)
            except ValueError:
                raise LineError(f"{option} takes a whole number, not {raw!r}") from None
        if parameter.type is AppCommandOptionType.number:
            return float(raw)
        if parameter.type is AppCommandOptionType.boolean:
            return raw.casefold() in {"true", "yes", "1", "on"}
        if parameter.type is AppCommandOptionType.attachment:
            path = Path(raw.removeprefix("@")).expanduser()
            if not path.is_file():
                raise LineError(f"no file at {path}")
            return (path.name, path.read_bytes())
        return raw

    @staticmethod
    def _pick(items: list[dict[str, Any]], target: str, *, kind: int) -> dict[str, Any]:
        if target.isdigit():
            number = int(target)
            if not 1 <= number <= len(items):
                raise LineError(f"there is no component {number}; the last message has {len(items)}")
            item = items[number - 1]
        else:
            wanted = target.casefold()
            labels = [(str(i.get("label", "")).casefold(), i) for i in items]
            matches = [i for label, i in labels if label.startswith(wanted)] or [
                i for label, i in labels if wanted in label
            ]
            if not matches:
                raise LineError(f"no button labelled {target!r} on the last message")
            item = matches[0]
        if (item.get("type") == 2) != (kind == 2):
            raise LineError("that is a menu: use select" if kind == 2 else "that is a button: use click")
        return item

    @staticmethod
    def _option_value(item: dict[str, Any], wanted: str) -> str:
        for option in item.get("options", []):
            if (
                wanted in {option["value"], option["label"]}
                or option["label"].casefold() == wanted.casefold()
            ):
                return str(option["value"])
        raise LineError(f"that menu has no option {wanted!r}")

    def _new_errors(self) -> bool:
        errors = self.env.errors  # reading acknowledges them, so SimCord does not re-raise at the end
        new = len(errors) > self._errors_seen
        self._errors_seen = len(errors)
        return new

    def _show(self, result: InteractionResult) -> None:
        shown = [m for m in (result.response, *result.followups) if m is not None]
        for message in shown:
            render_message(self.console, self.member, message, ephemeral=message.ephemeral)
        if shown:
            self.last = shown[-1]
        elif result.acknowledged:
            self.console.print(Text("── (acknowledged, nothing new to show)", style="dim"))

    def _switch_member(self, name: str) -> None:
        if name not in self.demo.members:
            raise LineError(f"no demo member {name!r}; there are {', '.join(self.demo.members)}")
        self.member = name
        self.console.print(Text(f"now acting as {name}", style="dim"))

    def _switch_channel(self, name: str) -> None:
        name = name.removeprefix("#")
        if name not in self.demo.channels:
            raise LineError(f"no channel {name!r}; there are {', '.join(self.demo.channels)}")
        self.channel = name
        self.console.print(Text(f"now in #{name}", style="dim"))

    def _help(self) -> None:
        self.console.print(Text("Console commands:", style="bold"))
        for usage, what in CONSOLE_COMMANDS.items():
            self.console.print(Text(f"  {usage:<16} {what}"))
        self.console.print(Text("Slash commands:", style="bold"))
        for name, leaf in sorted(self.commands.items()):
            options = " ".join(f"{o}:…" for o in leaf.options)
            self.console.print(Text(f"  /{name} {options}".rstrip() + f"  — {leaf.description}"))
        self.console.print(Text("Ctrl-D leaves.", style="dim"))
