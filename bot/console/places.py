"""Where the console acts and what option values name: channels, threads, members, roles."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from discord import AppCommandOptionType, app_commands
from simcord import ChannelHandle

from .demo import DemoServer
from .lines import LineError

# Read left to right as Discord does: an escape (`\<`, as bot.domain.inert writes typed text)
# shows its character, so a mention or timestamp someone typed stays text.
SHOWN = re.compile(
    r"\\(?P<escaped>[^0-9A-Za-z\s])"
    r"|<(?P<kind>@&|@!?|#)(?P<ident>[0-9]{15,20})>"
    r"|<t:(?P<at>-?[0-9]{1,12})(?::[tTdDfFR])?>"
)
TRUE = {"true", "yes", "on", "1"}
FALSE = {"false", "no", "off", "0"}


class Places:
    def __init__(self, demo: DemoServer) -> None:
        self.demo = demo

    def label(self, place: ChannelHandle) -> str:
        """`#conference-hall`, or `#conference-hall › Nimbus Talks` for a thread."""
        if place.is_thread:
            return f"#{self.parent(place).name} › {place.name}"
        return f"#{place.name}"

    def channels(self) -> list[ChannelHandle]:
        return list(self.demo.channels.values())

    def threads(self, of: ChannelHandle) -> list[ChannelHandle]:
        """The threads of `of` (of its parent when `of` is a thread), oldest first."""
        parent = self.parent(of)
        return sorted(parent.threads, key=lambda t: t.id)

    def parent(self, place: ChannelHandle) -> ChannelHandle:
        if not place.is_thread:
            return place
        return next((c for c in self.channels() if any(t.id == place.id for t in c.threads)), place)

    def every_thread(self) -> dict[int, ChannelHandle]:
        return {t.id: t for c in self.channels() for t in c.threads}

    def find(self, text: str, here: ChannelHandle, live: Collection[int] = ()) -> ChannelHandle:
        """A channel by name, a thread by (the start of) its name, or thread N of `threads`."""
        return self.pick(text, here, live)[0]

    def pick(self, text: str, here: ChannelHandle, live: Collection[int] = ()) -> tuple[ChannelHandle, str]:
        """As find, and why that one when several threads answer to the name ("" when one does):
        the one a running conference sits in (`live`: their channel ids), else the newest."""
        wanted = text.strip().removeprefix("#").strip().casefold()
        threads = self.threads(here)
        if wanted.isdigit():
            number = int(wanted)
            if not 1 <= number <= len(threads):
                raise LineError(f"there is no thread {number} here; `threads` lists {len(threads)}")
            return threads[number - 1], ""
        for channel in self.channels():
            if channel.name and channel.name.casefold() == wanted:
                return channel, ""
        everywhere = list(self.every_thread().values())
        named = [(str(t.name).casefold(), t) for t in everywhere]
        found = [t for name, t in named if name == wanted] or [
            t for name, t in named if name.startswith(wanted)
        ]
        if found:
            chosen = max(found, key=lambda t: (t.id in live, t.id))
            if len(found) == 1:
                return chosen, ""
            why = "the running conference's" if chosen.id in live else "the newest"
            return chosen, f"{why}, of {len(found)} threads by that name"
        names = [f"#{c.name}" for c in self.channels()] + [f'"{t.name}"' for t in everywhere]
        raise LineError(f"no channel or thread {text!r}; there are {', '.join(names)}")

    def readable(self, text: str) -> str:
        """Mentions, timestamps and escapes as Discord would show them: @alice, #lore-library,
        @Moderators, a date, and `\\*` as `*`."""
        members = {str(m.id): name for name, m in self.demo.members.items()}
        roles = {str(r.id): name for name, r in self.demo.roles.items()}
        places = {str(c.id): str(c.name) for c in [*self.channels(), *self.every_thread().values()]}

        def shown(match: re.Match[str]) -> str:
            kind, ident = match["kind"], match["ident"]
            if match["escaped"] is not None:
                return match["escaped"]
            if match["at"] is not None:
                return datetime.fromtimestamp(int(match["at"]), UTC).strftime("%Y-%m-%d %H:%M UTC")
            if kind == "#":
                return f"#{places.get(ident, 'unknown-channel')}"
            if kind == "@&":
                return f"@{roles.get(ident, 'unknown-role')}"
            return f"@{members.get(ident, 'unknown-member')}"

        return SHOWN.sub(shown, text)

    # -- option values --------------------------------------------------------------------

    def value(self, parameter: app_commands.Parameter, raw: str, here: ChannelHandle) -> Any:
        """The SimCord value for an option typed as text, or a LineError saying what fits."""
        kind, name = parameter.type, parameter.name
        if kind is AppCommandOptionType.integer:
            try:
                return int(raw)
            except ValueError:
                raise LineError(f"{name} takes a whole number, not {raw!r}") from None
        if kind is AppCommandOptionType.number:
            try:
                return float(raw)
            except ValueError:
                raise LineError(f"{name} takes a number, not {raw!r}") from None
        if kind is AppCommandOptionType.boolean:
            if raw.casefold() in TRUE | FALSE:
                return raw.casefold() in TRUE
            raise LineError(f"{name} takes true or false, not {raw!r}")
        if kind is AppCommandOptionType.attachment:
            path = Path(raw.removeprefix("@")).expanduser()
            if not path.is_file():
                raise LineError(f"no file at {path}")
            return (path.name, path.read_bytes())
        if kind is AppCommandOptionType.user:
            return self.member(raw, name)
        if kind is AppCommandOptionType.role:
            return self.role(raw, name)
        if kind is AppCommandOptionType.mentionable:
            try:
                return self.member(raw, name)
            except LineError:
                return self.role(raw, name)
        if kind is AppCommandOptionType.channel:
            return self.find(raw, here)
        return raw

    def member(self, raw: str, option: str) -> Any:
        wanted = raw.strip().removeprefix("@").casefold()
        for name, member in self.demo.members.items():
            if name.casefold() == wanted:
                return member
        raise LineError(f"{option}: no member {raw!r}; there are {', '.join(self.demo.members)}")

    def role(self, raw: str, option: str) -> Any:
        wanted = raw.strip().removeprefix("@").casefold()
        for name, role in self.demo.roles.items():
            if name.casefold() == wanted:
                return role
        raise LineError(f"{option}: no role {raw!r}; there are {', '.join(self.demo.roles)}")

    def suggestions(self, parameter: app_commands.Parameter, here: ChannelHandle) -> list[str]:
        """What Tab offers for an option of this type (as it would be typed)."""
        kind = parameter.type
        if kind is AppCommandOptionType.user:
            return [f"@{name}" for name in self.demo.members]
        if kind is AppCommandOptionType.role:
            return [_quoted_after("@", name) for name in self.demo.roles]
        if kind is AppCommandOptionType.mentionable:
            return [f"@{n}" for n in self.demo.members] + [_quoted_after("@", n) for n in self.demo.roles]
        if kind is AppCommandOptionType.channel:
            channels = [f"#{c.name}" for c in self.channels()]
            return channels + [_quoted_after("#", str(t.name)) for t in self.every_thread().values()]
        if kind is AppCommandOptionType.boolean:
            return ["true", "false"]
        return []


def _quoted_after(mark: str, name: str) -> str:
    return f'{mark}"{name}"' if " " in name else f"{mark}{name}"
