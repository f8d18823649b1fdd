"""An archive's JSON read back (bot/domain/archive.py), every field checked before anything is
written: its version, each field's type and size, names that must be unique, and what one part
names of another (a lore entry's links, an accord's parties in its record). Anything wrong is
refused with InvalidInput saying where; nothing else is raised, whatever the input.
"""

from __future__ import annotations

from typing import Any, Literal

from .archive import MARKER, PARTS, VERSION, Archive, Link, LoreRecord, ReputationRow
from .archive_accords import read_accords
from .archive_fields import fail, fields, items, member, moment, text, texts, whole
from .archive_settings import read_settings
from .errors import InvalidInput
from .inert import quoted
from .lore import MAX_ALIASES, MAX_BODY, MAX_SUMMARY, MAX_TITLE, Kind, Years, clean_body, clean_title
from .lore_facts import YEAR_RANGE, parse_facts
from .references import normalise
from .wiki_import import MAX_FACTIONS

MAX_ENTRIES = 500_000  # more than fits in the largest file Discord takes
MAX_MEMBERS = 1_000_000
MAX_LINKS = 2000  # as many as `/lore import` resolves on one wiki page
MAX_FACTION = 100
MAX_CANON_KEY = 200
MAX_POINTS = 10**9
LORE_FIELDS = (
    "title",
    "kind",
    "summary",
    "body",
    "aliases",
    "years",
    "factions",
    "related",
    "facts",
    "author_id",
    "created_at",
    "updated_at",
)
NOT_AN_ARCHIVE = "That file is not a Khitomer archive: `/config export` makes one."


def read_archive(raw: Any) -> Archive:
    """A whole archive (the parsed JSON of a file), or InvalidInput saying what is wrong."""
    if not isinstance(raw, dict) or MARKER not in raw:
        raise InvalidInput(NOT_AN_ARCHIVE)
    version = raw[MARKER]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InvalidInput("That archive's version is not a number this bot knows.")
    if version > VERSION:
        raise InvalidInput(
            f"That archive was made by a newer release of Khitomer (archive version {version}); this "
            f"bot reads version {VERSION}. Ask the bot's operator to update it, then import it again."
        )
    found = fields(raw, "", (MARKER, *PARTS))
    return Archive(
        lore=read_lore(items(found, "", "lore", MAX_ENTRIES, "lore entries")),
        accords=read_accords(items(found, "", "accords", MAX_ENTRIES, "accords")),
        settings=read_settings(found["settings"]),
        reputation=read_reputation(items(found, "", "reputation", MAX_MEMBERS, "reputation rows")),
    )


# --- lore ---------------------------------------------------------------------------------------


def read_lore(raws: list[Any]) -> tuple[LoreRecord, ...]:
    """The entries, each checked, then together: titles and names unique, links that land."""
    records = tuple(lore_record(raw, number) for number, raw in enumerate(raws, 1))
    check_lore_together(records)
    return records


def check_lore_together(records: tuple[LoreRecord, ...]) -> None:
    titles: dict[str, int] = {}
    owners: dict[str, int] = {}  # normalised name -> the entry (index) it names
    for at, record in enumerate(records):
        where = _entry_where(at + 1, record.title)
        if (earlier := titles.setdefault(record.title.casefold(), at)) != at:
            fail(where, f"the title is already lore entry {earlier + 1}'s")
        for name in (record.title, *record.aliases):
            key = normalise(name)
            if key and (holder := owners.setdefault(key, at)) != at:
                fail(where, f"the name {quoted(name, 60)} is already a name of lore entry {holder + 1}")
    for at, record in enumerate(records):
        for link in record.related:
            if link.to == "lore" and link.name.casefold() not in titles:
                fail(
                    _entry_where(at + 1, record.title),
                    f"a link leads to {quoted(link.name, 60)}, which is no entry of the archive",
                )


def _entry_where(number: int, title: str) -> str:
    return f"lore entry {number} ({quoted(title, 60)})"


def lore_record(raw: Any, number: int) -> LoreRecord:
    where = f"lore entry {number}"
    found = fields(raw, where, LORE_FIELDS)
    title = _cleaned(clean_title, text(found, where, "title", MAX_TITLE), where)
    where = _entry_where(number, title)
    kind = text(found, where, "kind", 40)
    if kind not in {k.value for k in Kind}:
        fail(where, f"the kind {quoted(kind, 40)} is not one of {', '.join(k.value for k in Kind)}")
    summary = " ".join(text(found, where, "summary", MAX_SUMMARY).split())
    body = _cleaned(clean_body, text(found, where, "body", MAX_BODY, empty=True), where)
    aliases = tuple(" ".join(a.split()) for a in texts(found, where, "aliases", MAX_ALIASES, MAX_TITLE))
    facts = found["facts"]
    if not isinstance(facts, dict):
        fail(where, "the facts should be a group of named facts")
    try:
        parsed_facts = parse_facts(facts)
    except InvalidInput as error:
        fail(where, error.message[:1].lower() + error.message[1:].rstrip("."))
    return LoreRecord(
        title=title,
        kind=Kind(kind),
        summary=summary,
        body=body,
        aliases=tuple(dict.fromkeys(aliases)),
        years=_years(found["years"], where),
        factions=texts(found, where, "factions", MAX_FACTIONS, MAX_FACTION),
        related=_links(found, where),
        facts=parsed_facts,
        author_id=member(found, where, "author_id", zero=True),
        created_at=moment(found, where, "created_at"),
        updated_at=moment(found, where, "updated_at"),
    )


def _cleaned(clean: Any, value: str, where: str) -> str:
    try:
        cleaned: str = clean(value)
    except InvalidInput as error:
        fail(where, error.message[:1].lower() + error.message[1:].rstrip("."))
    return cleaned


def _years(raw: Any, where: str) -> Years:
    found = fields(raw, where, ("start", "end"))
    low, high = YEAR_RANGE
    start = None if found["start"] is None else whole(found, where, "start", low, high)
    end = None if found["end"] is None else whole(found, where, "end", low, high)
    if start is not None and end is not None and end < start:
        fail(where, "the last year comes before the first")
    return Years(start, end)


def _links(found: dict[str, Any], where: str) -> tuple[Link, ...]:
    links: list[Link] = []
    for raw in items(found, where, "related", MAX_LINKS):
        link = fields(raw, where, (), ("lore", "canon"))
        if len(link) != 1:
            fail(where, "each link should name one entry: of the archive's lore, or canon")
        to: Literal["lore", "canon"] = "lore" if "lore" in link else "canon"
        name = text(link, where, to, MAX_TITLE if to == "lore" else MAX_CANON_KEY)
        links.append(Link(to, name))
    if len(set(links)) != len(links):
        fail(where, "the same entry is linked twice")
    return tuple(links)


# --- reputation ---------------------------------------------------------------------------------


def read_reputation(raws: list[Any]) -> tuple[ReputationRow, ...]:
    rows: list[ReputationRow] = []
    seen: set[int] = set()
    for number, raw in enumerate(raws, 1):
        where = f"reputation row {number}"
        found = fields(raw, where, ("member_id", "points", "accords"))
        row = ReputationRow(
            member(found, where, "member_id"),
            whole(found, where, "points", -MAX_POINTS, MAX_POINTS),
            whole(found, where, "accords", 0, MAX_POINTS),
        )
        if row.member_id in seen:
            fail(where, "that member already has a row")
        seen.add(row.member_id)
        rows.append(row)
    return tuple(rows)
