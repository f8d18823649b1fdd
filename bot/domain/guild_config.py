"""What moderators can set for their server, the values each setting takes, and the defaults."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from .errors import InvalidInput
from .formatting import format_duration
from .inert import quoted

AREAS = ("lore", "treaties", "accords")
MAX_DURATION = 30 * 86_400
_DURATION = re.compile(r"(\d+)\s*([smhdw])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800}


CITATIONS = "citations.channels"
MESSAGE_CONTENT = "message content"  # the privileged intent automatic citations read messages with
NEEDS = {
    MESSAGE_CONTENT: (
        "Automatic citations read members' messages, which needs Discord's message content intent, and "
        "this bot runs without it. Its operator can switch on Message Content Intent in the Discord "
        "Developer Portal (Bot → Privileged Gateway Intents), then start it with MESSAGE_CONTENT=on. "
        "Meanwhile anyone can right-click a message → Apps → Quote treaties cited, or Look up lore "
        "named here."
    )
}


class Kind(StrEnum):
    BOOL = "on or off"
    DURATION = "a duration like 10m, 2h, 1d12h"
    CHOICE = "one of the listed values"
    ROLE = "a role (the role option), or none"
    CHANNELS = "channels or categories (add, remove or clear, with the channel option)"


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    kind: Kind
    default: str
    description: str
    choices: tuple[str, ...] = ()
    per_channel: bool = False
    needs: str = ""  # what the bot must run with for the setting to be turned on (NEEDS)
    empty: str = "anywhere"  # how an empty list of channels reads


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("game.channels", Kind.CHANNELS, "", "Where accords games may be convened (empty: anywhere)"),
        Setting("game.threads", Kind.BOOL, "on", "Whether each game opens a thread of its own"),
        Setting(
            "game.delegations", Kind.BOOL, "on", "Whether hosts may seat the bot's delegations in free seats"
        ),
        Setting(
            "gm_role", Kind.ROLE, "", "The game-master role: hosts any game, runs moderator lore commands"
        ),
        Setting("deadline.lobby", Kind.DURATION, "1d", "How long a lobby waits for players"),
        Setting("deadline.negotiation", Kind.DURATION, "3d", "How long negotiation lasts"),
        Setting("deadline.ratification", Kind.DURATION, "1d", "How long signatories have to sign"),
        Setting("reminder.lead", Kind.DURATION, "1h", "How long before a deadline reminders go out"),
        Setting(
            "lore.tiers",
            Kind.CHOICE,
            "all",
            "Which lore sources are shown",
            ("canon", "canon+licensed", "all"),
        ),
        Setting(
            "answers.visibility",
            Kind.CHOICE,
            "public",
            "Whether lore and treaty answers are public or only for the asker (per channel too)",
            ("public", "private"),
            per_channel=True,
        ),
        Setting(
            CITATIONS,
            Kind.CHANNELS,
            "",
            "Where the bot answers treaty references and [[lore links]] in new messages by itself",
            needs=MESSAGE_CONTENT,
            empty="nowhere",
        ),
    )
}


def refusal(item: Setting, old: str, new: str, running_with: frozenset[str]) -> str | None:
    """Why `new` may not be set, if it turns on (adds a channel to) a setting that needs what
    the bot runs without; turning one off is never refused."""
    if not item.needs or item.needs in running_with:
        return None
    return NEEDS[item.needs] if set(new.split(",")) - set(old.split(",")) - {""} else None


def setting(name: str) -> Setting:
    found = SETTINGS.get(name.strip().casefold())
    if found is None:
        raise InvalidInput(
            f"There is no setting {quoted(name.strip(), 60)}. Settings: {', '.join(SETTINGS)}."
        )
    return found


def parse_duration(text: str) -> int:
    """`10m`, `2d`, `1h30m` -> seconds, between one minute and thirty days."""
    compact = text.strip().casefold().replace(" ", "")
    parts = _DURATION.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact:
        raise InvalidInput(f"{quoted(text.strip(), 40)} is not a duration: write it like 10m, 2h or 1d12h.")
    seconds = sum(int(n) * _UNITS[u] for n, u in parts)
    if not 60 <= seconds <= MAX_DURATION:
        raise InvalidInput("Durations run from 1m to 30d.")
    return seconds


def normalise_value(item: Setting, value: str) -> str:
    """The stored form of a typed value for a bool, duration or choice setting."""
    text = value.strip().casefold()
    if item.kind is Kind.BOOL:
        if text in {"on", "true", "yes", "enabled", "1"}:
            return "on"
        if text in {"off", "false", "no", "disabled", "0"}:
            return "off"
        raise InvalidInput(f"{item.name} is on or off.")
    if item.kind is Kind.DURATION:
        return str(parse_duration(value))  # a refusal echoes it as typed, not folded
    if item.kind is Kind.CHOICE:
        if text not in item.choices:
            raise InvalidInput(f"{item.name} is one of: {', '.join(item.choices)}.")
        return text
    raise InvalidInput(f"{item.name} takes {item.kind.value}.")


@dataclass(frozen=True)
class GuildConfig:
    """A server's settings as stored; anything unset reads as its default."""

    values: dict[tuple[str, int], str] = field(default_factory=dict)  # (name, channel or 0) -> value
    disabled_areas: frozenset[str] = frozenset()

    def raw(self, name: str, channel_id: int = 0) -> str:
        if channel_id and (name, channel_id) in self.values:
            return self.values[(name, channel_id)]
        return self.values.get((name, 0), SETTINGS[name].default)

    def area_enabled(self, area: str) -> bool:
        return area not in self.disabled_areas

    def seconds(self, name: str) -> int:
        raw = self.raw(name)
        return int(raw) if raw.isdigit() else parse_duration(raw)

    def gm_role(self) -> int | None:
        raw = self.raw("gm_role")
        return int(raw) if raw.isdigit() else None

    def channels(self, name: str) -> tuple[int, ...]:
        """The channels and categories a list of channels holds (game.channels, citations.channels)."""
        return tuple(int(x) for x in self.raw(name).split(",") if x.isdigit())

    def game_channels(self) -> tuple[int, ...]:
        return self.channels("game.channels")

    def private_answers(self, channel_id: int | None) -> bool:
        return self.raw("answers.visibility", channel_id or 0) == "private"

    def allowed_tiers(self) -> frozenset[str]:
        return {
            "canon": frozenset({"canon", "server"}),
            "canon+licensed": frozenset({"canon", "licensed", "server"}),
        }.get(self.raw("lore.tiers"), frozenset({"canon", "licensed", "fan", "server"}))

    def shown(self, name: str, channel_id: int = 0) -> str:
        """A value as /config show writes it."""
        item = SETTINGS[name]
        raw = self.raw(name, channel_id)
        if item.kind is Kind.DURATION:
            return format_duration(int(raw) if raw.isdigit() else parse_duration(raw))
        if item.kind is Kind.ROLE:
            return f"<@&{raw}>" if raw else "none"
        if item.kind is Kind.CHANNELS:
            return ", ".join(f"<#{c}>" for c in self.channels(name)) or item.empty
        return raw
