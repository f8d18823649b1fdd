"""A server's lore as Markdown files, to edit and import again (issue #24).

Each entry is a file `/lore import` reads as it is: `# Title`, the summary as the first
paragraph, the body, and its facts as closing `Born: 2340` lines. What Markdown does not say (the
kind, years, factions, aliases, links, who wrote it and when) is listed in `lore.json` beside
the files, one row per file; `/config import` takes the zip and reads both. A row needs only the
file and the kind: a file added by hand takes the importing moderator as its author.
"""

from __future__ import annotations

import re
from typing import Any

from .archive import Link, LoreRecord, link_json
from .archive_check import MAX_CANON_KEY, MAX_ENTRIES, MAX_LINKS, read_lore
from .archive_fields import fail, fields, items, text
from .errors import InvalidInput
from .inert import quoted
from .lore_facts import facts_as_lines, facts_from_lines

MANIFEST = "lore.json"
MARKER = "khitomer_lore"
VERSION = 1
FOLDER = "lore"
ROW_FIELDS = ("aliases", "years", "factions", "related", "author_id", "created_at", "updated_at")
_SLUG = re.compile(r"[^a-z0-9]+")


def file_name(number: int, title: str) -> str:
    """`0007-battle-of-zeta-draconis.md`: numbered (unique, in the archive's order) and named."""
    slug = _SLUG.sub("-", title.casefold()).strip("-")[:60].rstrip("-")
    return f"{number:04d}-{slug}.md" if slug else f"{number:04d}.md"


def markdown_of(record: LoreRecord) -> str:
    parts = [f"# {record.title}", record.summary, record.body, facts_as_lines(record.facts)]
    return "\n\n".join(part for part in parts if part) + "\n"


def manifest_row(record: LoreRecord, name: str, files: dict[str, str]) -> dict[str, Any]:
    """The row of lore.json for `record`, stored as `name`; `files` maps titles (folded) to the
    file of each entry, for its links."""
    return {
        "file": name,
        "kind": record.kind.value,
        "aliases": list(record.aliases),
        "years": {"start": record.years.start, "end": record.years.end},
        "factions": list(record.factions),
        "related": [
            {"lore": files[link.name.casefold()]} if link.to == "lore" else link_json(link)
            for link in record.related
            if link.to == "canon" or link.name.casefold() in files
        ],
        "author_id": record.author_id,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def read_markdown(content: str, where: str) -> dict[str, Any]:
    """Title, summary, body and facts of one file, as an archive's entry has them."""
    lines = content.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    at = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if at == len(lines) or not lines[at].startswith("# "):
        fail(where, "the file should open on its title, as `# Title`")
    title = lines[at][2:].strip()
    at += 1
    while at < len(lines) and not lines[at].strip():
        at += 1
    summary: list[str] = []
    while at < len(lines) and lines[at].strip():
        summary.append(lines[at].strip())
        at += 1
    try:
        body, facts = facts_from_lines("\n".join(lines[at:]))
    except InvalidInput as error:
        fail(where, error.message[:1].lower() + error.message[1:].rstrip("."))
    return {"title": title, "summary": " ".join(summary), "body": body, "facts": facts.as_dict()}


def lore_from_zip(
    manifest: Any, files: dict[str, str], *, author_id: int, now: str
) -> tuple[LoreRecord, ...]:
    """The entries of a lore zip: lore.json's rows (parsed JSON) with their Markdown files
    (`files`: name -> text), checked as an archive's lore is."""
    if not isinstance(manifest, dict) or manifest.get(MARKER) != VERSION:
        raise InvalidInput(f"The zip's {MANIFEST} is not a list of lore made by `/config export`.")
    found = fields(manifest, MANIFEST, (MARKER, "entries"))
    rows = [_row(raw, number) for number, raw in enumerate(items(found, MANIFEST, "entries", MAX_ENTRIES), 1)]
    listed = [row["file"] for row in rows]
    if len(set(listed)) != len(listed):
        fail(MANIFEST, "a file is listed twice")
    if unlisted := sorted(set(files) - set(listed)):
        raise InvalidInput(
            f"The zip's file {quoted(unlisted[0], 60)} has no row in {MANIFEST}: give it one (its file "
            "and kind at least), or import it alone with `/lore import`, which asks for its kind."
        )
    if missing := [name for name in listed if name not in files]:
        fail(MANIFEST, f"the file {quoted(missing[0], 60)} is listed but not in the zip")
    texts = {name: read_markdown(files[name], f"file {quoted(name, 60)}") for name in listed}
    entries = []
    for number, row in enumerate(rows, 1):
        entry = {**texts[row["file"]], **row, "related": _links(row, texts, number)}
        entry.setdefault("author_id", author_id)
        entry.setdefault("created_at", now)
        entry.setdefault("updated_at", now)
        entry.setdefault("aliases", [])
        entry.setdefault("factions", [])
        entry.setdefault("years", {"start": None, "end": None})
        del entry["file"]
        entries.append(entry)
    return read_lore(entries)


def _row(raw: Any, number: int) -> dict[str, Any]:
    where = f"{MANIFEST}, row {number}"
    row = dict(fields(raw, where, ("file", "kind"), ROW_FIELDS))
    row["file"] = text(row, where, "file", 200).rsplit("/", 1)[-1]
    return row


def _links(row: dict[str, Any], texts: dict[str, dict[str, Any]], number: int) -> list[dict[str, str]]:
    """A row's links to files, as links to the titles those files now have."""
    where = f"{MANIFEST}, row {number}"
    links: list[dict[str, str]] = []
    for raw in items(row, where, "related", MAX_LINKS) if "related" in row else []:
        link = fields(raw, where, (), ("lore", "canon"))
        if len(link) != 1:
            fail(where, "each link should name one entry: a file of the zip, or canon")
        if "canon" in link:
            links.append(link_json(Link("canon", text(link, where, "canon", MAX_CANON_KEY))))
            continue
        name = text(link, where, "lore", 200).rsplit("/", 1)[-1]
        if name not in texts:
            fail(where, f"a link leads to the file {quoted(name, 60)}, which is not in the zip")
        links.append(link_json(Link("lore", " ".join(str(texts[name]["title"]).split()))))
    return links
