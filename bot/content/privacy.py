"""data/privacy.toml -> the DataPolicy (bot/domain/privacy.py), checked.

Checked: every field known and filled, columns spelt `table.column`, each member holding says
what forgetting does and each server holding does not, retention in whole days and one per
table, no column answered for by two member holdings, and no column name in the plain words.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ..domain.privacy import DataPolicy, Deletion, Erase, Holding, Statement, Subject
from . import ContentError, data_root
from .scenarios import _toml

COLUMN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
KEY = re.compile(r"^[a-z][a-z_]*$")
TOP_FIELDS = {"intro", "deletion", "area"}
DELETION_FIELDS = {"members", "servers", "operator"}
AREA_FIELDS = {"key", "name", "summary", "member", "server"}
HOLDING_FIELDS = {"columns", "names", "what", "why", "kept", "keep_days", "forget", "forget_text"}


def load_policy(path: Traversable | Path | None = None) -> DataPolicy:
    path = path if path is not None else data_root() / "privacy.toml"
    data, where = _toml(path), path.name
    _known(data, TOP_FIELDS, where)
    deletion = data.get("deletion")
    if not isinstance(deletion, dict):
        raise ContentError(f"{where}: missing table [deletion]")
    _known(deletion, DELETION_FIELDS, f"{where}: [deletion]")
    statements: list[Statement] = []
    for item in data.get("area", []):
        statement = _statement(item, where)
        if any(s.key == statement.key for s in statements):
            raise ContentError(f"{where}: area {statement.key!r} is stated twice")
        statements.append(statement)
    if not statements:
        raise ContentError(f"{where}: no [[area]] states anything")
    policy = DataPolicy(
        _text(data, "intro", where),
        tuple(statements),
        Deletion(
            *(_text(deletion, name, f"{where}: [deletion]") for name in ("members", "servers", "operator"))
        ),
    )
    _check_across(policy, where)
    return policy


@cache
def data_policy() -> DataPolicy:
    """The shipped statements, loaded and checked once per process."""
    return load_policy()


def _statement(item: Any, where: str) -> Statement:
    if not isinstance(item, dict):
        raise ContentError(f"{where}: every [[area]] is a table")
    key = item.get("key")
    if not isinstance(key, str) or not KEY.match(key):
        raise ContentError(f"{where}: an area's key is a word in lower case, not {key!r}")
    here = f"{where}: area {key}"
    _known(item, AREA_FIELDS, here)
    holdings = [
        _holding(raw, f"{here}, {subject} holding {n}", subject)
        for subject in Subject
        for n, raw in enumerate(_tables(item.get(subject.value, []), here), start=1)
    ]
    return Statement(key, _text(item, "name", here), _text(item, "summary", here), tuple(holdings))


def _holding(raw: dict[str, Any], where: str, subject: Subject) -> Holding:
    _known(raw, HOLDING_FIELDS, where)
    columns, names = _columns(raw, "columns", where), _columns(raw, "names", where, required=False)
    days = raw.get("keep_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 1):
        raise ContentError(f"{where}: keep_days is a whole number of days, at least 1")
    if days is not None and len({c.split(".")[0] for c in columns}) != 1:
        raise ContentError(f"{where}: keep_days applies to one table; name only its columns")
    forget, forget_text = raw.get("forget"), raw.get("forget_text")
    if subject is Subject.SERVER:
        if forget is not None or forget_text is not None or names:
            raise ContentError(f"{where}: forget, forget_text and names belong to member holdings")
        erase = None
    else:
        if forget not in {e.value for e in Erase}:
            raise ContentError(f"{where}: forget is 'delete' or 'anonymise', not {forget!r}")
        erase = Erase(forget)
    words = {f: _text(raw, f, where) for f in ("what", "why", "kept")}
    return Holding(
        subject=subject,
        columns=columns,
        names=names,
        what=words["what"],
        why=words["why"],
        kept=words["kept"],
        keep_days=days,
        forget=erase,
        forget_text=_text(raw, "forget_text", where) if erase is not None else "",
    )


def _check_across(policy: DataPolicy, where: str) -> None:
    """What no single holding can see: a member column stated twice, a table given two retentions."""
    seen: set[str] = set()
    for holding in policy.holdings(Subject.MEMBER):
        for column in sorted({*holding.columns, *holding.names}):  # ids and names may share one
            if column in seen:
                raise ContentError(f"{where}: {column} is answered for by two member holdings")
            seen.add(column)
    limits: dict[str, set[int]] = {}
    for holding in policy.holdings():
        for table in holding.tables:
            if holding.keep_days is not None:
                limits.setdefault(table, set()).add(holding.keep_days)
    for table, days in limits.items():
        if len(days) > 1:
            raise ContentError(f"{where}: {table} is kept for {sorted(days)} days: say one")
    columns = {c for h in policy.holdings() for c in (*h.columns, *h.names)}
    for text in _words(policy):
        if leaked := sorted(c for c in columns if c in text):
            raise ContentError(f"{where}: plain words name {leaked[0]}; say what it is instead")


def _words(policy: DataPolicy) -> list[str]:
    texts = [policy.intro, policy.deletion.members, policy.deletion.servers, policy.deletion.operator]
    for statement in policy.statements:
        texts += [statement.name, statement.summary]
        texts += [t for h in statement.holdings for t in (h.what, h.why, h.kept, h.forget_text)]
    return texts


def _known(table: dict[str, Any], fields: set[str], where: str) -> None:
    if strange := sorted(set(table) - fields):
        raise ContentError(f"{where}: fields {strange} mean nothing here (known: {sorted(fields)})")


def _tables(value: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ContentError(f"{where}: holdings are [[area.member]] or [[area.server]] tables")
    return value


def _columns(raw: dict[str, Any], field: str, where: str, *, required: bool = True) -> tuple[str, ...]:
    value = raw.get(field, [])
    if not isinstance(value, list) or (required and not value):
        raise ContentError(f"{where}: {field} is a list of table.column")
    for column in value:
        if not isinstance(column, str) or not COLUMN.match(column):
            raise ContentError(f"{where}: {column!r} is not spelt table.column")
    return tuple(value)


def _text(table: dict[str, Any], field: str, where: str) -> str:
    value = table.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: missing field '{field}'")
    return " ".join(value.split())
