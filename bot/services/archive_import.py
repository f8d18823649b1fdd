"""`/config import`: an uploaded archive read and checked whole (in a worker process: parsing
25 MiB of JSON is one long call that holds the GIL), fitted to the server it goes to (settings
naming channels or roles it lacks are left out, and said), and planned against what that server
holds: a lore entry or accord of the same name is replaced, the rest added, the settings replaced
by the archive's, each member's reputation set. Nothing is written until the plan is whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import PurePath

from ..domain.archive import MAX_BYTES, Archive, LoreRecord, SettingsRecord, size_text
from ..domain.archive_check import NOT_AN_ARCHIVE, read_archive
from ..domain.archive_markdown import lore_from_zip
from ..domain.archive_settings import keep_present
from ..domain.errors import InvalidInput
from ..domain.guild_config import SETTINGS, refusal
from ..domain.inert import quoted
from ..domain.lore import LoreEntry
from ..domain.references import normalise
from ..storage import archive_write as store
from ..storage import lore as lore_store
from ..storage.lore_batch import Write, new_key
from ..storage.lore_index import Analysed
from .archive_files import read_zip
from .lore import analysed

TYPES = (".json", ".zip")


def check_upload(filename: str, size: int) -> None:
    """Refuse a file by its name and size before downloading it."""
    if PurePath(filename).suffix.casefold() not in TYPES:
        raise InvalidInput(
            "Import takes what `/config export` made: the archive's .json file, or its lore .zip."
        )
    if size > MAX_BYTES:
        raise InvalidInput(f"That file is {size_text(size)}; an archive is at most {size_text(MAX_BYTES)}.")


@dataclass(frozen=True, slots=True)
class Read:
    """An uploaded archive, checked, with its entries analysed for the search index."""

    archive: Archive
    analysed: tuple[Analysed, ...]


def read_upload(filename: str, data: bytes, author_id: int, now: str) -> Read:
    """The archive in an uploaded file (a .json archive, or a lore .zip: entries added by hand
    there are `author_id`'s, written `now`), or InvalidInput saying what is wrong with it."""
    check_upload(filename, len(data))
    if PurePath(filename).suffix.casefold() == ".zip":
        manifest, files = read_zip(data)
        archive = Archive(lore=lore_from_zip(manifest, files, author_id=author_id, now=now))
    else:
        try:
            raw = json.loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise InvalidInput("That file is not UTF-8 text, so not an archive.") from None
        except (ValueError, RecursionError):
            raise InvalidInput(f"That file is not JSON. {NOT_AN_ARCHIVE}") from None
        archive = read_archive(raw)
    return Read(archive, tuple(analysed(entry_of(record)) for record in archive.lore))


def entry_of(record: LoreRecord) -> LoreEntry:
    """The entry as analysed for the index (its key and links do not change what is indexed)."""
    return LoreEntry(
        "server-0", record.title, record.kind, record.summary, record.body, (),
        aliases=record.aliases, years=record.years, factions=record.factions, facts=record.facts,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Prepared:
    """An archive fitted to the server it goes to, ready to plan and write."""

    read: Read
    dropped: tuple[str, ...]  # what was left out, in a moderator's words

    @property
    def archive(self) -> Archive:
        return self.read.archive

    def wanted(self) -> store.Wanted:
        lore = self.archive.lore
        return store.Wanted(
            [r.title for r in lore],
            [n for r in lore for n in dict.fromkeys(map(normalise, (r.title, *r.aliases))) if n],
            [a.name for a in self.archive.accords],
        )


def fit(
    read: Read,
    canon: Iterable[LoreEntry],
    channel_exists: Callable[[int], bool],
    role_exists: Callable[[int], bool],
    running_with: frozenset[str],
) -> Prepared:
    """The archive for this server: no name of canon's taken, settings naming what it lacks left out."""
    names = {normalise(n): entry.title for entry in canon for n in (entry.title, *entry.aliases)}
    for number, record in enumerate(read.archive.lore, 1):
        for name in (record.title, *record.aliases):
            if (held := names.get(normalise(name))) is not None:
                raise InvalidInput(
                    f"Lore entry {number} of the archive, {quoted(record.title, 60)}, is called "
                    f"{quoted(name, 60)}, a name of the canon entry {quoted(held, 60)}. Rename it in the "
                    "archive, then import it again."
                )
    settings = read.archive.settings
    if settings is None:
        return Prepared(read, ())
    kept = keep_present(settings, channel_exists, role_exists)
    values, dropped = [], list(kept.dropped)
    for value in kept.settings.values:
        item = SETTINGS[value.name]
        if refusal(item, "", value.value, running_with) is not None:
            dropped.append(f"`{value.name}`: this bot runs without reading members' messages")
        else:
            values.append(value)
    fitted = replace(kept.settings, values=tuple(values))
    return Prepared(replace(read, archive=replace(read.archive, settings=fitted)), tuple(dropped))


@dataclass(frozen=True, slots=True)
class Summary:
    """What an import changes (or changed)."""

    added: int
    replaced: int
    accords_added: int
    accords_replaced: int
    settings_changed: int | None  # None: the file has no settings (a lore zip)
    members: int | None  # reputation rows written; None: the file has none
    dropped: tuple[str, ...]


def plan(prepared: Prepared, held: store.Held) -> tuple[store.Writes, Summary]:
    """What to write, given what the server holds; InvalidInput when an entry would take a name
    one of the server's other entries has."""
    lore = prepared.archive.lore
    replaced = set(held.titled.values())
    by_name = {row.name: row for row in held.named if row.key not in replaced}
    for record in lore:
        for name in (record.title, *record.aliases):
            if (row := by_name.get(normalise(name))) is not None:
                raise InvalidInput(
                    f"The archive's lore entry {quoted(record.title, 60)} is called {quoted(name, 60)}, "
                    f"already the name of this server's entry {quoted(row.title, 60)}, which the archive "
                    "does not replace. Rename one of them, then import again."
                )
    keys: dict[str, str] = {}
    fresh = 0
    for record in lore:
        key = held.titled.get(record.title)
        if key is None:
            key, fresh = new_key(fresh), fresh + 1
        keys[record.title.casefold()] = key
    writes = [
        Write(_draft(record, keys), found, held.titled.get(record.title))
        for record, found in zip(lore, prepared.read.analysed, strict=True)
    ]
    accords = [(record, held.accords.get(record.name)) for record in prepared.archive.accords]
    settings = prepared.archive.settings
    reputation = prepared.archive.reputation
    summary = Summary(
        added=fresh,
        replaced=len(lore) - fresh,
        accords_added=sum(old is None for _r, old in accords),
        accords_replaced=sum(old is not None for _r, old in accords),
        settings_changed=None if settings is None else _changed(held.settings, settings),
        members=None if reputation is None else len(reputation),
        dropped=prepared.dropped,
    )
    stamps = [(r.author_id, r.created_at, r.updated_at) for r in lore]
    return store.Writes(writes, stamps, accords, settings, reputation), summary


def _draft(record: LoreRecord, keys: dict[str, str]) -> lore_store.Draft:
    related = tuple(keys[link.name.casefold()] if link.to == "lore" else link.name for link in record.related)
    return lore_store.Draft(
        record.title, record.kind, record.summary, record.body, record.aliases, record.years,
        record.factions, related, record.facts,
    )  # fmt: skip


def _changed(now: SettingsRecord, then: SettingsRecord) -> int:
    """How many values and areas differ between two servers' settings."""
    old = {(v.name, v.scope): v.value for v in now.values}
    new = {(v.name, v.scope): v.value for v in then.values}
    values = sum(old.get(key) != new.get(key) for key in old.keys() | new.keys())
    return values + len(set(now.areas_off) ^ set(then.areas_off))
