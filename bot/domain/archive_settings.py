"""An archive's settings checked (bot/domain/archive_check.py): known settings, values each
setting takes (as /config set would store them), channels only where a setting is per channel,
the areas that exist; and which of them name channels or roles, for an import to keep only
those the server it goes to has."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .archive import SettingsRecord, SettingValue
from .archive_fields import fail, fields, items, text, whole
from .errors import InvalidInput
from .guild_config import AREAS, MAX_DURATION, SETTINGS, Kind, normalise_value
from .ids import MAX_ID, parse_id
from .inert import quoted

MAX_VALUES = 10_000
MAX_VALUE = 4000


def read_settings(raw: Any) -> SettingsRecord:
    found = fields(raw, "settings", ("values", "areas_off"))
    values: list[SettingValue] = []
    seen: set[tuple[str, int]] = set()
    for number, item in enumerate(items(found, "settings", "values", MAX_VALUES), 1):
        value = _setting(item, number)
        if (value.name, value.scope) in seen:
            fail(f"setting {number} (`{value.name}`)", "that setting is given twice for the same place")
        seen.add((value.name, value.scope))
        values.append(value)
    areas: list[str] = []
    for area in items(found, "settings", "areas_off", len(AREAS)):
        if not isinstance(area, str) or area not in AREAS or area in areas:
            fail("settings", f"the areas turned off should be some of {', '.join(AREAS)}, each once")
        areas.append(area)
    return SettingsRecord(tuple(values), tuple(areas))


def _setting(raw: Any, number: int) -> SettingValue:
    where = f"setting {number}"
    found = fields(raw, where, ("name", "scope", "value"))
    name = text(found, where, "name", 40)
    item = SETTINGS.get(name)
    if item is None:
        fail(where, f"there is no setting {quoted(name, 40)}")
    where = f"setting {number} (`{name}`)"
    scope = whole(found, where, "scope", 0, MAX_ID)
    if scope and not item.per_channel:
        fail(where, "that setting is set for the whole server, not per channel")
    value = text(found, where, "value", MAX_VALUE, empty=True)
    return SettingValue(name, scope, stored_value(name, value, where))


def stored_value(name: str, value: str, where: str) -> str:
    """The value as /config set stores it (a duration in seconds, on or off…), or a refusal."""
    item = SETTINGS[name]
    if item.kind is Kind.DURATION and value.isascii() and value.isdigit():
        if not 60 <= int(value) <= MAX_DURATION:
            fail(where, "durations run from 1m to 30d")
        return value
    if item.kind is Kind.ROLE:
        if value and parse_id(value) is None:
            fail(where, "the value should be a role's id, or nothing")
        return value
    if item.kind is Kind.CHANNELS:
        ids = value.split(",") if value else []
        if any(parse_id(i) is None for i in ids) or len(set(ids)) != len(ids):
            fail(where, "the value should be channels' ids, separated by commas, each once")
        return value
    try:
        return normalise_value(item, value)
    except InvalidInput as error:
        fail(where, error.message[:1].lower() + error.message[1:].rstrip("."))


@dataclass(frozen=True, slots=True)
class Kept:
    """An archive's settings as a server can take them, and what it could not."""

    settings: SettingsRecord
    dropped: tuple[str, ...]  # sentences: what was left out and why


def keep_present(
    record: SettingsRecord, channel_exists: Callable[[int], bool], role_exists: Callable[[int], bool]
) -> Kept:
    """The settings that name only channels and roles the server has; a list of channels keeps
    the ones it has. What is left out is said, setting by setting."""
    kept: list[SettingValue] = []
    dropped: list[str] = []
    for value in record.values:
        item = SETTINGS[value.name]
        if value.scope and not channel_exists(value.scope):
            dropped.append(f"`{value.name}` in a channel this server does not have")
            continue
        if item.kind is Kind.ROLE and value.value and not role_exists(int(value.value)):
            dropped.append(f"`{value.name}`: this server has no such role")
            continue
        if item.kind is Kind.CHANNELS and value.value:
            ids = value.value.split(",")
            present = [i for i in ids if channel_exists(int(i))]
            if len(present) < len(ids):
                gone = len(ids) - len(present)
                dropped.append(f"`{value.name}`: {gone} channel{'s' * (gone > 1)} this server does not have")
            if not present:
                continue
            value = SettingValue(value.name, value.scope, ",".join(present))
        kept.append(value)
    return Kept(SettingsRecord(tuple(kept), record.areas_off), tuple(dropped))
