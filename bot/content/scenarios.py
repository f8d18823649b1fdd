"""data/powers.toml and data/scenarios/*.toml -> Power and Scenario values, checked."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache
from importlib.resources.abc import Traversable
from typing import Any

from ..domain.accords import clauses
from ..domain.accords.model import Clause
from ..domain.accords.names import fold
from ..domain.accords.scenario import Objective, Power, Scenario
from . import ContentError, data_files, data_root

OBJECTIVE_FIELDS = {"power", "clause", "wants", "points", "text", "binds"}


def _toml(path: Traversable) -> dict[str, Any]:
    if not path.is_file():
        raise ContentError(f"data/{path.name} is missing from this install of Khitomer: reinstall it")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path.name}: not valid TOML: {error}") from error


def load_powers(path: Traversable | None = None) -> dict[str, Power]:
    path = path if path is not None else data_root() / "powers.toml"
    powers: dict[str, Power] = {}
    for item in _toml(path).get("powers", []):
        name, emblem, colour = item.get("name"), item.get("emblem"), str(item.get("colour", ""))
        if not name or not emblem or not colour.startswith("#") or len(colour) != 7:
            raise ContentError(f"{path.name}: every power needs a name, an emblem and a #RRGGBB colour")
        if name in powers:
            raise ContentError(f"{path.name}: {name!r} is listed twice")
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise ContentError(f"{path.name}: {name}'s aliases must be a list of names")
        powers[name] = Power(name, emblem, int(colour[1:], 16), tuple(aliases))
    check_names_unique(path.name, powers.values())
    return powers


def check_names_unique(where: str, powers: Iterable[Power]) -> None:
    """No name or alias may stand for two powers: players type them."""
    seen: dict[str, str] = {}
    for power in powers:
        for name in (power.name, *power.aliases):
            key = fold(name)
            if seen.setdefault(key, power.name) != power.name:
                raise ContentError(f"{where}: {name!r} names both {seen[key]} and {power.name}")


def parse_scenario(data: dict[str, Any], where: str, powers: dict[str, Power]) -> Scenario:
    for field in ("key", "title", "place", "briefing", "powers"):
        if not data.get(field):
            raise ContentError(f"{where}: missing field '{field}'")
    seats = tuple(data["powers"])
    unknown = [p for p in seats if p not in powers]
    if unknown:
        raise ContentError(f"{where}: unknown powers {unknown}; add them to powers.toml first")
    if not 2 <= len(seats) <= 8 or len(set(seats)) != len(seats):
        raise ContentError(f"{where}: a scenario seats two to eight different powers")
    objectives = []
    for item in data.get("objectives", []):
        if item.get("power") not in seats:
            raise ContentError(f"{where}: objective for {item.get('power')!r}, who has no seat")
        try:
            clause = Clause(item.get("clause"))
        except ValueError:
            raise ContentError(f"{where}: unknown clause {item.get('clause')!r}") from None
        if not isinstance(item.get("points"), int) or item["points"] < 1 or not item.get("text"):
            raise ContentError(f"{where}: every objective needs positive points and a text")
        names = {term.name for term in clauses.TERMS}
        strange = set(item) - OBJECTIVE_FIELDS - names
        if strange:
            raise ContentError(
                f"{where}: objective fields {sorted(strange)} mean nothing (terms: {sorted(names)})"
            )
        terms = tuple((term.name, str(item[term.name])) for term in clauses.TERMS if item.get(term.name))
        for name, value in terms:
            if clauses.term(name).kind is clauses.TermKind.POWER and value not in seats:
                raise ContentError(f"{where}: objective {name} {value!r} has no seat")
        wants = bool(item.get("wants", True))
        binds = _binds(item, where, seats)
        objectives.append(Objective(item["power"], clause, wants, item["points"], item["text"], terms, binds))
    return Scenario(
        key=data["key"],
        title=data["title"],
        place=data["place"],
        briefing=" ".join(data["briefing"].split()),
        powers=seats,
        objectives=tuple(objectives),
        year=data.get("year"),
        narrower_accord=bool(data.get("narrower_accord", False)),
    )


def _binds(item: dict[str, Any], where: str, seats: tuple[str, ...]) -> tuple[str, ...]:
    """Whom the article an objective wants or avoids must bind (none given: its own power)."""
    binds = item.get("binds", [])
    if not isinstance(binds, list) or not all(isinstance(p, str) for p in binds):
        raise ContentError(f"{where}: an objective's binds is a list of powers")
    for power in binds:
        if power not in seats:
            raise ContentError(f"{where}: objective binds {power!r}, who has no seat")
    return tuple(binds)


def load_scenarios_from(directory: Traversable, powers: dict[str, Power]) -> dict[str, Scenario]:
    scenarios: dict[str, Scenario] = {}
    for path in data_files(directory, ".toml"):
        scenario = parse_scenario(_toml(path), path.name, powers)
        if scenario.key in scenarios:
            raise ContentError(f"{path.name}: key {scenario.key!r} is used twice")
        scenarios[scenario.key] = scenario
    return scenarios


@cache
def canon_powers() -> dict[str, Power]:
    return load_powers()


@cache
def canon_scenarios() -> dict[str, Scenario]:
    return load_scenarios_from(data_root() / "scenarios", canon_powers())
