"""data/lore/*.md (TOML front matter between +++ lines, Markdown body) -> LoreEntry values."""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib.resources.abc import Traversable
from typing import Any

from ..domain.errors import InvalidInput
from ..domain.lore import Kind, LoreEntry, Years
from ..domain.lore_facts import parse_facts
from ..domain.references import normalise
from ..domain.treaties import Source, SourceTier
from . import ContentError, data_files, data_root, stem

FENCE = "+++"
REQUIRED = ("title", "kind", "summary", "sources")


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise ContentError(f"{where}: must start with a {FENCE} line (TOML front matter)")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        raise ContentError(f"{where}: front matter is not closed with {FENCE}") from None
    try:
        meta = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{where}: front matter is not valid TOML: {error}") from error
    return meta, "\n".join(lines[end + 1 :]).strip()


def parse_entry(key: str, text: str, where: str) -> LoreEntry:
    meta, body = split_front_matter(text, where)
    for name in REQUIRED:
        if not meta.get(name):
            raise ContentError(f"{where}: missing field '{name}'")
    if not body:
        raise ContentError(f"{where}: the body after the front matter is empty")
    try:
        kind = Kind(meta["kind"])
    except ValueError:
        raise ContentError(
            f"{where}: kind {meta['kind']!r} must be one of {[k.value for k in Kind]}"
        ) from None
    years = meta.get("years", {})
    if not isinstance(years, dict) or not all(isinstance(v, int) for v in years.values()):
        raise ContentError(f"{where}: 'years' must be a table like {{ start = 2267, end = 2271 }}")
    sources = []
    for item in meta["sources"]:
        tier = item.get("tier")
        if tier not in {"canon", "licensed", "fan"} or not item.get("title"):
            raise ContentError(f"{where}: every source needs a title and a tier of canon, licensed or fan")
        sources.append(Source(item["title"], SourceTier(tier), item.get("detail", "")))
    facts = meta.get("facts", {})
    if not isinstance(facts, dict):
        raise ContentError(f"{where}: 'facts' must be a table like [facts] with role, born, place…")
    try:
        checked = parse_facts(facts)
    except InvalidInput as error:
        raise ContentError(f"{where}: {error}") from None
    return LoreEntry(
        key=key,
        title=str(meta["title"]),
        kind=kind,
        summary=" ".join(str(meta["summary"]).split()),
        body=body,
        sources=tuple(sources),
        aliases=tuple(meta.get("aliases", ())),
        years=Years(years.get("start"), years.get("end")),
        factions=tuple(meta.get("factions", ())),
        related=tuple(meta.get("related", ())),
        facts=checked,
    )


def check_links_and_names(entries: Iterable[LoreEntry]) -> None:
    entries = list(entries)
    keys = {e.key for e in entries}
    seen: dict[str, str] = {}
    for entry in entries:
        for related in entry.related:
            if related not in keys:
                raise ContentError(f"{entry.key}.md: related entry {related!r} does not exist")
            if related == entry.key:
                raise ContentError(f"{entry.key}.md: an entry cannot be related to itself")
        for name in {normalise(entry.title), *(normalise(a) for a in entry.aliases)}:
            if name in seen and seen[name] != entry.key:
                raise ContentError(f"{entry.key}.md: the name {name!r} is already used by {seen[name]}.md")
            seen[name] = entry.key


def load_lore_from(directory: Traversable) -> tuple[LoreEntry, ...]:
    entries = [
        parse_entry(stem(path), path.read_text(encoding="utf-8"), path.name)
        for path in data_files(directory, ".md")
    ]
    check_links_and_names(entries)
    return tuple(entries)


@cache
def canon_lore() -> tuple[LoreEntry, ...]:
    """The lore of data/lore, loaded once."""
    return load_lore_from(data_root() / "lore")


def content_hash(entries: Iterable[LoreEntry]) -> str:
    digest = hashlib.sha256()
    for entry in entries:
        digest.update(
            repr((entry.key, entry.title, entry.aliases, entry.summary, entry.body, entry.facts)).encode()
        )
    return digest.hexdigest()
