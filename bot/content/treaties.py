"""data/treaties/*.toml -> Treaty values, checked field by field."""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib.resources.abc import Traversable
from typing import Any

from ..domain.references import normalise
from ..domain.treaties import Article, HistoryEvent, Party, Source, SourceTier, Treaty
from . import ContentError, data_files, data_root

HISTORY_KINDS = {"signed", "withdrawn", "reinstated", "anniversary", "dissolved", "complaint", "note"}
STATUSES = {"in force", "dissolved", "suspended"}


def _text(data: dict[str, Any], name: str, where: str, *, required: bool = True) -> str:
    value = data.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: '{name}' must be non-empty text")
    return " ".join(value.split())


def _list(data: dict[str, Any], name: str, where: str) -> list[Any]:
    value = data.get(name, [])
    if not isinstance(value, list):
        raise ContentError(f"{where}: '{name}' must be a list")
    return value


def parse_treaty(data: dict[str, Any], where: str) -> Treaty:
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        raise ContentError(f"{where}: 'year' must be a whole number")
    articles = tuple(
        Article(
            number=_article_number(item, f"{where} article {i}"),
            title=_text(item, "title", f"{where} article {i}"),
            text=_text(item, "text", f"{where} article {i}"),
        )
        for i, item in enumerate(_list(data, "articles", where), start=1)
    )
    if [a.number for a in articles] != list(range(1, len(articles) + 1)):
        raise ContentError(f"{where}: articles must be numbered 1, 2, 3 … in order")
    parties = tuple(
        Party(_text(item, "name", f"{where} party"), tuple(_list(item, "signed_by", f"{where} party")))
        for item in _list(data, "parties", where)
    )
    if not parties:
        raise ContentError(f"{where}: a treaty needs at least one party")
    sources = tuple(_source(item, f"{where} source") for item in _list(data, "sources", where))
    if not sources:
        raise ContentError(f"{where}: a treaty needs at least one source")
    history = tuple(_history(item, f"{where} history") for item in _list(data, "history", where))
    names = {party.name for party in parties}
    for event in history:
        if event.kind in {"withdrawn", "reinstated"} and event.party not in names:
            raise ContentError(f"{where}: a {event.kind} event names its 'party', one of {sorted(names)}")
    status = _text(data, "status", where)
    if status not in STATUSES:
        raise ContentError(f"{where}: 'status' must be one of {sorted(STATUSES)}")
    return Treaty(
        key=_text(data, "key", where),
        name=_text(data, "name", where),
        summary=_text(data, "summary", where),
        year=year,
        date_text=_text(data, "date", where),
        place=_text(data, "place", where),
        parties=parties,
        articles=articles,
        aliases=tuple(_text({"alias": a}, "alias", where) for a in _list(data, "aliases", where)),
        history=history,
        sources=sources,
        notes=tuple(" ".join(str(note).split()) for note in _list(data, "notes", where)),
        lore=_text(data, "lore", where, required=False) or None,
        status=status,
    )


def _article_number(item: dict[str, Any], where: str) -> int:
    number = item.get("number")
    if not isinstance(number, int) or number < 1:
        raise ContentError(f"{where}: 'number' must be a positive whole number")
    return number


def _source(item: dict[str, Any], where: str) -> Source:
    tier = _text(item, "tier", where)
    if tier not in {t.value for t in SourceTier} - {"server"}:
        raise ContentError(f"{where}: tier {tier!r} must be canon, licensed or fan")
    return Source(_text(item, "title", where), SourceTier(tier), _text(item, "detail", where, required=False))


def _history(item: dict[str, Any], where: str) -> HistoryEvent:
    kind = _text(item, "kind", where)
    if kind not in HISTORY_KINDS:
        raise ContentError(f"{where}: kind {kind!r} must be one of {sorted(HISTORY_KINDS)}")
    year = item.get("year")
    if year is not None and not isinstance(year, int):
        raise ContentError(f"{where}: 'year' must be a whole number")
    return HistoryEvent(year, kind, _text(item, "text", where), _text(item, "party", where, required=False))


def check_unique_names(treaties: Iterable[Treaty]) -> None:
    """No two treaties (or a treaty and an alias) may answer to the same name."""
    seen: dict[str, str] = {}
    for treaty in treaties:
        for name in {normalise(treaty.key), normalise(treaty.name), *(normalise(a) for a in treaty.aliases)}:
            if name in seen and seen[name] != treaty.key:
                raise ContentError(f"{treaty.key}: the name {name!r} is already used by {seen[name]}")
            seen[name] = treaty.key


def load_treaties_from(directory: Traversable) -> tuple[Treaty, ...]:
    treaties = []
    for path in data_files(directory, ".toml"):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ContentError(f"{path.name}: not valid TOML: {error}") from error
        treaties.append(parse_treaty(data, path.name))
    check_unique_names(treaties)
    return tuple(sorted(treaties, key=lambda t: (t.year or 0, t.name)))


@cache
def canon_treaties() -> tuple[Treaty, ...]:
    """The canon treaties of data/treaties, loaded once."""
    return load_treaties_from(data_root() / "treaties")


def content_hash(treaties: Iterable[Treaty]) -> str:
    """Changes whenever any treaty's searchable text changes (the index is rebuilt then)."""
    digest = hashlib.sha256()
    for treaty in treaties:
        digest.update(repr((treaty.key, treaty.name, treaty.articles)).encode())
    return digest.hexdigest()
