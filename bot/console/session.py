"""One console session: who is acting, where, and which numbered message is which."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text
from simcord import Env, InteractionResult, MemberActor, SetupError

from ..domain.formatting import format_duration
from ..services.accords import AccordService
from .clock import advance, happened_since, seen_now
from .demo import DemoServer
from .forms import AskField, fill_form
from .lines import CONSOLE_COMMANDS, OPTION_SYNTAX, Leaf, Line, LineError, leaves, parse
from .messages import MessageBoard, components_of
from .pick import BUTTON, MENU, labelled, option_value, pick
from .places import Places
from .render import numbered_components, render_message

HISTORY = 5


class StepFailed(Exception):
    """A step went wrong in a way a script must stop for."""


class ConsoleSession:
    def __init__(self, env: Env, demo: DemoServer, console: Console, files: Path | None = None) -> None:
        self.env = env
        self.demo = demo
        self.console = console
        self.member = demo.players[0]
        self.places = Places(demo)
        self.place = next(iter(demo.channels.values()))
        self.board = MessageBoard(files)
        self.commands: dict[str, Leaf] = leaves(env.bot.tree)  # type: ignore[attr-defined]
        self._errors_seen = 0

    @property
    def actor(self) -> MemberActor:
        return self.demo.members[self.member]

    @property
    def prompt(self) -> str:
        return f"{self.member} {self.places.label(self.place)}> "

    async def run(self, text: str, ask_field: AskField) -> None:
        """Carry out one line; raise LineError or StepFailed when it goes wrong."""
        line = parse(text, self.commands)
        if line.kind == "nothing":
            return
        if line.kind == "modal":
            raise LineError("a `| value` line only follows a command that opened a form")
        if line.kind == "help":
            self._help()
            return
        if line.kind == "threads":
            self._threads()
            return
        if line.kind == "as":
            self._switch_member(line.args[0])
            return
        if line.kind == "in":
            await self._move(line.args[0])
            return
        if line.kind == "history":
            await self._history(int(line.args[0]) if line.args else HISTORY)
            return
        if line.kind == "wait":
            await self._wait(int(line.args[0]))
            return
        threads_before = set(self.places.every_thread())
        seen_before = self._latest_here()
        try:
            result = await self._act(line)
            refused = self._new_errors()
            if result.modal is not None:
                values = await fill_form(self.console, result.modal, ask_field)
                result = await self.actor.submit_modal(result, values)
                refused = refused or self._new_errors()
            await self._show(result)
            await self._show_posted_since(seen_before)
        except SetupError as error:
            raise StepFailed(str(error).split("\n")[0]) from None
        self._announce_threads(threads_before)
        if refused and not line.expect_refusal:
            raise StepFailed("the bot refused that (see its reply above)")
        if line.expect_refusal and not refused:
            raise StepFailed("expected the bot to refuse that, but it did not")

    async def _act(self, line: Line) -> InteractionResult:
        if line.kind == "slash":
            leaf = self.commands[line.name]
            options = {
                name: self.places.value(leaf.options[name], raw, self.place)
                for name, raw in line.options.items()
            }
            return await self.actor.slash(self.place, line.name, **options)
        target = line.args[0]
        by_label = line.kind == "click" and line.on is None and not target.isdigit()
        message = self._labelled(target) if by_label else self.board.get(line.on)
        items = numbered_components(components_of(message))
        if not items:
            raise LineError(f"message {self.board.number(message)} has no button or menu")
        if line.kind == "click":
            item = pick(items, target, kind=BUTTON)
            return await self.actor.click(message, custom_id=item["custom_id"])
        item = pick(items, target, kind=MENU)
        values = [option_value(item, v.strip()) for v in line.args[1].split(",")]
        return await self.actor.select(message, values, custom_id=item["custom_id"])

    def _labelled(self, target: str) -> Any:
        """The newest message with a button labelled `target` that this member may press: past a
        private reply (someone's /help pages) to the public lobby, say."""
        for message in self.board.newest_first(self.member):
            found = labelled(numbered_components(components_of(message)), target)
            if found is not None and found.get("type") == BUTTON:
                return message
        if self.board.last_with_components is None:
            self.board.get(None)  # says there is no button or menu yet
        raise LineError(f"no button labelled {target!r} on a message {self.member} can see")

    def _new_errors(self) -> bool:
        errors = self.env.errors  # reading acknowledges them, so SimCord does not re-raise at the end
        new = len(errors) > self._errors_seen
        self._errors_seen = len(errors)
        return new

    async def _show(self, result: InteractionResult) -> None:
        shown = [m for m in (result.response, *result.followups) if m is not None]
        for message in shown:
            await self._render(message, ephemeral=message.ephemeral)
        if not shown and result.acknowledged:
            self.console.print(Text("── (acknowledged, nothing new to show)", style="dim"))

    async def _render(self, message: Any, *, ephemeral: bool, edited: bool = False) -> None:
        number = self.board.number(message, owner=self.member if ephemeral else None)
        who = "bot" if not ephemeral else self.member
        readable = self.places.readable
        render_message(
            self.console, who, message, ephemeral=ephemeral, number=number, readable=readable, edited=edited
        )
        for path in await self.board.save_files(message):
            self.console.print(Text(f"  file saved: {path}", style="green"))

    def _latest_here(self) -> int:
        messages = self._visible_here()
        return messages[-1].id if messages else 0

    def _visible_here(self) -> list[Any]:
        try:
            return self.place.history(viewer=self.actor)
        except SetupError:
            return []

    async def _show_posted_since(self, last_seen: int) -> None:
        """What the bot posted here besides its reply (an announcement, a conclusion)."""
        for message in self._visible_here():
            if message.id > last_seen and not self.board.shown(message):
                await self._render(message, ephemeral=bool(message.flags.ephemeral))

    async def _history(self, count: int) -> None:
        try:
            messages = self.place.history(viewer=self.actor)[-count:]
        except SetupError as error:
            raise LineError(f"{self.member} cannot read {self.places.label(self.place)}: {error}") from None
        if not messages:
            self.console.print(Text(f"no messages in {self.places.label(self.place)} yet", style="dim"))
        for message in messages:
            await self._render(message, ephemeral=bool(message.flags.ephemeral))

    async def _wait(self, seconds: int) -> None:
        """Move the clock on, then show what the bot posted or edited meanwhile, place by place."""
        threads_before = set(self.places.every_thread())
        before = seen_now(self.places, self.actor)
        try:
            await advance(self.env, seconds)
        except (SetupError, TimeoutError) as error:
            raise StepFailed(f"the clock stopped short: {str(error).splitlines()[0]}") from None
        now = self.env.now().strftime("%Y-%m-%d %H:%M UTC")
        self.console.print(Text(f"{format_duration(seconds)} pass: it is now {now}.", style="bold"))
        happened = happened_since(self.places, self.actor, before)
        if not happened:
            self.console.print(Text(f"nothing new where {self.member} can read", style="dim"))
        shown_place = None
        for happening in happened:
            if happening.place.id != shown_place:
                shown_place = happening.place.id
                self.console.print(Text(f"in {self.places.label(happening.place)}:", style="dim"))
            await self._render(happening.message, ephemeral=False, edited=happening.edited)
        self._announce_threads(threads_before)
        if self._new_errors():
            raise StepFailed("something went wrong in the bot while the clock moved")

    def _announce_threads(self, before: set[int]) -> None:
        for thread_id, thread in self.places.every_thread().items():
            if thread_id not in before:
                self.console.print(
                    Text(f'A thread opened: {self.places.label(thread)}. Enter it with: in "{thread.name}"')
                )

    def _threads(self) -> None:
        parent = self.places.parent(self.place)
        threads = self.places.threads(self.place)
        if not threads:
            self.console.print(Text(f"#{parent.name} has no threads", style="dim"))
        for number, thread in enumerate(threads, start=1):
            self.console.print(Text(f"  [{number}] {thread.name}"))

    def _switch_member(self, name: str) -> None:
        name = name.removeprefix("@")
        if name not in self.demo.members:
            raise LineError(f"no demo member {name!r}; there are {', '.join(self.demo.members)}")
        self.member = name
        self.console.print(Text(f"now acting as {name}", style="dim"))

    async def _move(self, where: str) -> None:
        """Into a channel or thread; of threads named alike, the one a running conference sits in."""
        db = self.env.bot.db  # type: ignore[attr-defined]
        running = await AccordService(db).running_in(self.demo.guild.id, 25)
        self.place, why = self.places.pick(where, self.place, {game.channel_id for game in running})
        shown = f" ({why})" if why else ""
        self.console.print(Text(f"now in {self.places.label(self.place)}{shown}", style="dim"))

    def _help(self) -> None:
        self.console.print(Text("Console commands:", style="bold"))
        for usage, what in CONSOLE_COMMANDS.items():
            self.console.print(Text(f"  {usage:<24} {what}"))
        self.console.print(Text("Option values:", style="bold"))
        for usage, what in OPTION_SYNTAX.items():
            self.console.print(Text(f"  {usage:<48} {what}"))
        self.console.print(Text("Slash commands:", style="bold"))
        for name, leaf in sorted(self.commands.items()):
            options = " ".join(f"{o}:…" for o in leaf.options)
            self.console.print(Text(f"  /{name} {options}".rstrip() + f"  — {leaf.description}"))
        self.console.print(Text("Ctrl-D leaves.", style="dim"))
