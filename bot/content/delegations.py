"""data/delegations.toml -> a Stance for every power: how its delegation feels towards the
others, what it tables and says. Checked: every power of powers.toml has one, feelings run from
-2 to 2, and every line of every kind is a sentence that fills from the placeholders its kind
provides (delegation_stance.KINDS)."""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..domain.accords.delegation_stance import KINDS, PLACEHOLDERS_OF_ARTICLES, Stance
from ..domain.accords.model import Clause
from ..domain.accords.scenario import Power
from . import ContentError, data_root
from .scenarios import _toml, canon_powers

MIN_LINES = 3  # lines of each kind a power has, so that a game does not repeat itself at once
SUBJECTS = tuple(c for c in Clause if "subject" in PLACEHOLDERS_OF_ARTICLES[c])


def load_stances(
    path: Traversable | Path | None = None, powers: Mapping[str, Power] | None = None
) -> dict[str, Stance]:
    path = path if path is not None else data_root() / "delegations.toml"
    powers = powers if powers is not None else canon_powers()
    data = _toml(path)
    where = path.name
    articles = _articles(data.get("articles", {}), where)
    subjects = _subjects(data.get("subjects", {}), f"{where}: subjects", required=True)
    stances: dict[str, Stance] = {}
    for item in data.get("delegations", []):
        stance = _stance(item, where, powers, articles, subjects)
        if stance.power in stances:
            raise ContentError(f"{where}: {stance.power} has two stances")
        stances[stance.power] = stance
    for name in powers:
        if name not in stances:
            raise ContentError(f"{where}: no stance for {name}")
    return stances


@cache
def canon_stances() -> dict[str, Stance]:
    return load_stances()


def _clause(value: Any, where: str) -> Clause:
    try:
        return Clause(value)
    except ValueError:
        raise ContentError(f"{where}: unknown clause {value!r}") from None


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _articles(table: Any, where: str) -> Mapping[Clause, str]:
    """The text a delegation tables, by clause: every clause has one."""
    if not isinstance(table, dict):
        raise ContentError(f"{where}: articles is a table of texts by clause")
    texts = {_clause(key, f"{where}: articles"): value for key, value in table.items()}
    for clause in Clause:
        text = texts.get(clause)
        if not isinstance(text, str) or not text.strip():
            raise ContentError(f"{where}: articles: no text for {clause.value}")
        unknown = _fields(text) - PLACEHOLDERS_OF_ARTICLES[clause]
        if unknown:
            raise ContentError(f"{where}: articles: {clause.value} uses {_named(unknown)}, which it cannot")
    return MappingProxyType(texts)


def _subjects(table: Any, where: str, *, required: bool) -> dict[Clause, str]:
    if not isinstance(table, dict) or not all(isinstance(v, str) and v.strip() for v in table.values()):
        raise ContentError(f"{where}: a table of words by clause")
    subjects = {_clause(key, where): value for key, value in table.items()}
    missing = [c.value for c in SUBJECTS if c not in subjects] if required else []
    if missing or any(c not in SUBJECTS for c in subjects):
        raise ContentError(f"{where}: words for exactly {', '.join(c.value for c in SUBJECTS)}")
    return subjects


def _stance(
    item: Any,
    where: str,
    powers: Mapping[str, Power],
    articles: Mapping[Clause, str],
    subjects: dict[Clause, str],
) -> Stance:
    name = item.get("power") if isinstance(item, dict) else None
    if not isinstance(name, str) or name not in powers:
        raise ContentError(f"{where}: {name!r} is not a power of powers.toml")
    here = f"{where}: {name}"
    withdraws = item.get("withdraws", False)
    if not isinstance(withdraws, bool):
        raise ContentError(f"{here}: withdraws is true or false")
    proposes = item.get("proposes", [])
    if not isinstance(proposes, list):
        raise ContentError(f"{here}: proposes is a list of clauses")
    own = {**subjects, **_subjects(item.get("subjects", {}), f"{here}: subjects", required=False)}
    return Stance(
        power=name,
        towards=_towards(item.get("towards", {}), here, name, powers),
        withdraws=withdraws,
        lines=_lines(item.get("lines", {}), here),
        proposes=tuple(_clause(value, here) for value in proposes),
        articles=articles,
        subjects=MappingProxyType(own),
    )


def _towards(table: Any, here: str, name: str, powers: Mapping[str, Power]) -> Mapping[str, int]:
    if not isinstance(table, dict):
        raise ContentError(f"{here}: towards is a table of feelings by power")
    for other, feeling in table.items():
        if other not in powers or other == name:
            raise ContentError(f"{here}: towards {other!r}, which is not another power of powers.toml")
        if not isinstance(feeling, int) or isinstance(feeling, bool) or not -2 <= feeling <= 2:
            raise ContentError(f"{here}: towards {other}: a feeling runs from -2 to 2")
    return MappingProxyType(dict(table))


def _lines(table: Any, here: str) -> Mapping[str, tuple[str, ...]]:
    if not isinstance(table, dict):
        raise ContentError(f"{here}: lines is a table of sentences by kind")
    for kind in KINDS:
        if kind not in table:
            raise ContentError(f"{here}: no {kind} lines")
    for kind in table:
        if kind not in KINDS:
            raise ContentError(f"{here}: {kind!r} lines mean nothing (kinds: {', '.join(KINDS)})")
    lines = {kind: tuple(table[kind]) for kind in KINDS}
    for kind, said in lines.items():
        if len(said) < MIN_LINES or not all(isinstance(line, str) for line in said):
            raise ContentError(f"{here}: at least {MIN_LINES} {kind} lines, each a sentence")
        for line in said:
            _check_line(line, kind, here)
    return MappingProxyType(lines)


def _check_line(line: str, kind: str, here: str) -> None:
    try:
        unknown = _fields(line) - set(KINDS[kind])
    except ValueError:
        raise ContentError(f"{here}: a {kind} line has a stray brace: {line!r}") from None
    if unknown:
        raise ContentError(
            f"{here}: a {kind} line uses {_named(unknown)}, which {kind} lines cannot: {line!r}"
        )
    if len(line.format(**dict.fromkeys(KINDS[kind], "")).split()) < MIN_LINES:
        raise ContentError(f"{here}: a {kind} line is not a sentence: {line!r}")


def _named(fields: set[str]) -> str:
    return ", ".join("{" + f + "}" for f in sorted(fields))
