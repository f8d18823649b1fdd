"""What a console line means: a slash command with options, or one of the console's own."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from discord import app_commands

CONSOLE_COMMANDS = {
    "help": "this list",
    "click N|LABEL [on M]": "press button N on message M (default: the last with any), or LABEL (the newest)",
    "select N VALUE [on M]": "choose VALUE in select menu N on message M",
    "history [N]": "the last N messages here (default 5), numbered, with their buttons",
    "threads": "the threads of this channel, numbered",
    "as NAME": "act as another demo member (owner, mod, gm and the players)",
    "in PLACE": "move to a channel (#lore-library), a thread by name, or thread N of `threads`",
    "wait DURATION": "move the clock on (30s, 10m, 2h, 1d, 1h30m) and see what the bot posted meanwhile",
    "# TEXT": "a comment: the line is skipped",
    "!LINE": "in a script: LINE is expected to be refused",
    "| VALUE": "in a script: the next field of a form the last command opened",
    "TEXT \\": "in a form's paragraph field: a line ending with \\ goes on to the next line",
}
WAIT_USAGE = "usage: wait DURATION (30s, 10m, 2h, 1d or 1h30m)"
LONGEST_WAIT = 30 * 86_400
_WAIT_PART = re.compile(r"([0-9]+)([smhdw])")
_WAIT_UNITS = {"s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800}
OPTION_SYNTAX = {
    "member:bob or member:@bob": "a member of the demo server",
    'channel:#lore-library or channel:#"Nimbus Talks"': "a channel or thread",
    'role:@Moderators or role:@"Game Masters"': "a role",
    "file:PATH": "a file to attach",
    "count:3, ratio:0.5, flag:true": "whole numbers, numbers, yes/no",
}


class LineError(ValueError):
    """A line the console cannot understand; the message says why."""


@dataclass(frozen=True)
class Leaf:
    """One invocable slash command path and its options, read from the bot's command tree."""

    path: str
    description: str
    options: dict[str, app_commands.Parameter] = field(default_factory=dict)


@dataclass(frozen=True)
class Line:
    kind: str  # slash, click, select, as, in, help, history, threads, wait, modal, nothing
    expect_refusal: bool = False
    name: str = ""
    options: dict[str, str] = field(default_factory=dict)
    args: tuple[str, ...] = ()
    on: int | None = None  # click/select: the number of the message acted on


def leaves(tree: app_commands.CommandTree[Any]) -> dict[str, Leaf]:
    found: dict[str, Leaf] = {}
    for root in tree.get_commands():
        commands = root.walk_commands() if isinstance(root, app_commands.Group) else [root]
        for command in commands:
            if isinstance(command, app_commands.Command):
                params = {p.name: p for p in command.parameters}
                found[command.qualified_name] = Leaf(command.qualified_name, command.description, params)
    return found


def parse(text: str, known: dict[str, Leaf]) -> Line:
    text = text.strip()
    if not text or text.startswith("#"):
        return Line("nothing")
    if text.startswith("|"):
        return Line("modal", args=(text[1:].strip(),))
    expect = text.startswith("!")
    text = text.removeprefix("!").strip()
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise LineError(f"cannot read that line: {error}") from None
    if not words:
        return Line("nothing")
    head = words[0].casefold()
    if head in {"help", "threads"}:
        return Line(head)
    if head == "history":
        if len(words) > 2 or (len(words) == 2 and not words[1].isdigit()):
            raise LineError("usage: history [N]")
        return Line("history", args=tuple(words[1:]))
    if head == "wait":
        return Line("wait", args=(str(wait_seconds(" ".join(words[1:]))),))
    if head in {"click", "select"}:
        return _component_line(head, words[1:], expect)
    if head in {"as", "in"}:
        if len(words) < 2:
            raise LineError(f"usage: {next(k for k in CONSOLE_COMMANDS if k.startswith(head))}")
        return Line(head, expect, args=(" ".join(words[1:]),))
    if not words[0].startswith("/"):
        raise LineError(f"unknown command {words[0]!r}: slash commands start with /, `help` lists the rest")
    return _slash(words, known, expect)


def wait_seconds(text: str) -> int:
    """`2h`, `1h30m`, `30s` -> seconds, from one second to thirty days. Settings take at least a
    minute (bot.domain.guild_config.parse_duration); a wait may be shorter, to see a retry."""
    compact = text.casefold().replace(" ", "")
    if not compact:
        raise LineError(WAIT_USAGE)
    parts = _WAIT_PART.findall(compact)
    if "".join(number + unit for number, unit in parts) != compact:
        raise LineError(f"wait takes a duration such as 30s, 10m, 2h, 1d or 1h30m, not {text!r}")
    seconds = sum(int(number) * _WAIT_UNITS[unit] for number, unit in parts)
    if not 1 <= seconds <= LONGEST_WAIT:
        raise LineError("wait takes from 1s to 30d")
    return seconds


def _component_line(head: str, words: list[str], expect: bool) -> Line:
    """`click Sit for Klingon Empire on 3` -> label and message number; labels may have spaces."""
    on: int | None = None
    if len(words) >= 2 and words[-2].casefold() == "on":
        if not words[-1].isdigit():
            raise LineError(f"`on` takes a message number, not {words[-1]!r}")
        on, words = int(words[-1]), words[:-2]
    if head == "select":
        if len(words) < 2:
            raise LineError("usage: select N VALUE [on M]")
        return Line(head, expect, args=(words[0], " ".join(words[1:])), on=on)
    if not words:
        raise LineError("usage: click N|LABEL [on M]")
    return Line(head, expect, args=(" ".join(words),), on=on)


def _slash(words: list[str], known: dict[str, Leaf], expect: bool) -> Line:
    path_words: list[str] = [words[0].removeprefix("/")]
    rest = words[1:]
    while rest and ":" not in rest[0] and " ".join([*path_words, rest[0]]) in _prefixes(known):
        path_words.append(rest.pop(0))
    path = " ".join(path_words)
    if path not in known:
        near = [name for name in known if name.startswith(path_words[0])]
        hint = f" (did you mean {', '.join('/' + n for n in near[:4])}?)" if near else ""
        raise LineError(f"unknown command /{path}{hint}")
    options: dict[str, str] = {}
    for word in rest:
        name, sep, value = word.partition(":")
        if not sep:
            raise LineError(f"options are written name:value, not {word!r}")
        if name not in known[path].options:
            raise LineError(
                f"/{path} has no option {name!r}; it has {', '.join(known[path].options) or 'none'}"
            )
        options[name] = value
    return Line("slash", expect, path, options)


def _prefixes(known: dict[str, Leaf]) -> set[str]:
    return {" ".join(name.split()[:i]) for name in known for i in range(1, len(name.split()) + 1)}
