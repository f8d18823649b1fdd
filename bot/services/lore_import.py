"""Wiki pages into one server's lore: a page from `/lore import`, and the conversion a whole
export from the CLI goes through (bot/services/lore_bulk.py imports the export a batch at a time).

Reading a page is CPU work (parsing up to a megabyte of wikitext, then analysing it for search)
that holds the GIL: `/lore import` runs read_upload in a worker process
(bot/services/worker_process.py) so the event loop carries on; its arguments are pickled
(`known.lookup` is a KnownEntries' method). An uploaded page is stored
through LoreService like any entry a moderator writes, so names are checked the same way.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING

from ..domain.errors import InvalidInput
from ..domain.inert import inert
from ..domain.lore import MAX_FILE_BYTES, Kind, LoreEntry, clean_title
from ..domain.lore_facts import facts_from_lines
from ..domain.references import normalise
from ..domain.wiki_import import ImportedPage, assemble, looks_like_wikitext, parse_page
from ..domain.wiki_infobox import for_kind
from ..storage import lore as store
from ..storage.lore_index import Analysed
from . import server_names
from .factions import resolve_faction
from .lore import LoreService, analysed
from .wiki_export import ExportError, ExportPage, read_export

if TYPE_CHECKING:  # the parser (mwparserfromhell) loads with the first page read: see _from_wikitext
    from .wikitext import Lookup

MARKDOWN = frozenset({".md", ".markdown"})
WIKITEXT = frozenset({".wiki", ".wikitext", ".mediawiki"})
IMPORT_TYPES = MARKDOWN | WIKITEXT | {".txt", ".xml"}
OPERATOR = 0  # the author recorded for entries the CLI imports
MAX_LINKS = 2000  # links of one page looked up by name (a megabyte of wikitext holds fewer)


@dataclass
class ImportSummary:
    imported: int = 0
    updated: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (page title, why)


@dataclass
class KnownEntries:
    """The entries a page's links may name, by every name: canon, and those of the server's
    entries its links name (read by name from the server's index, never the whole server)."""

    keys: dict[str, str] = field(default_factory=dict)  # normalised title or alias -> key
    titles: dict[str, str] = field(default_factory=dict)  # key -> title

    def add(self, key: str, title: str, aliases: tuple[str, ...] = ()) -> None:
        self.titles.setdefault(key, title)
        for name in (title, *aliases):
            self.keys.setdefault(normalise(name), key)

    def lookup(self, name: str) -> str | None:
        return self.keys.get(normalise(name))


_LINK = re.compile(r"\[\[\s*:?([^\[\]|#{}<>\n]{1,255})")  # [[Target|shown]], [[Target#Section]]


async def known_entries(service: LoreService, guild_id: int, page: str) -> KnownEntries:
    """What the links of `page` (its wikitext) may name: the server's own lore first, then canon."""
    known = KnownEntries()
    targets = list(dict.fromkeys(_LINK.findall(page)))[:MAX_LINKS]
    server = await server_names.for_names(service.db, guild_id, targets)
    for target in targets:
        if (key := server.exact(target)) is not None:
            known.keys.setdefault(normalise(target), key)
            known.titles.setdefault(key, server.title(key) or target)
    canon = _canon_known(service.canon)
    return KnownEntries({**canon.keys, **known.keys}, {**canon.titles, **known.titles})


_canon: list[tuple[Sequence[LoreEntry], KnownEntries]] = []  # the last canon seen, and its names


def _canon_known(canon: Sequence[LoreEntry]) -> KnownEntries:
    """Canon's entries by every name, normalised once per process, not once per page (a thousand
    names: 10-50 ms of the loop's time per `/lore import`)."""
    if not _canon or _canon[0][0] is not canon:
        known = KnownEntries()
        for entry in canon:
            known.add(entry.key, entry.title, entry.aliases)
        _canon[:] = [(canon, known)]
    return _canon[0][1]


def check_upload(filename: str, size: int) -> None:
    """Refuse a file by its name and size before downloading it."""
    if PurePath(filename).suffix.casefold() not in IMPORT_TYPES:
        raise InvalidInput(
            "Import takes a wiki page: .md, .txt, .wiki or a MediaWiki .xml export (Special:Export)."
        )
    if size > MAX_FILE_BYTES:
        raise InvalidInput(f"That file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (1 MB).")


@dataclass(frozen=True, slots=True)
class Upload:
    """An uploaded page ready to store: as read, as drafted, and its search terms."""

    page: ImportedPage
    draft: store.Draft
    analysis: Analysed


def read_upload(data: bytes, filename: str, known: Lookup, kind: Kind, title: str | None) -> Upload:
    """read_file, titled `title` if given, drafted as `kind` and analysed for the search index: all
    of a page's CPU work, for the worker process (analysing a 40 KB page takes 50-150 ms)."""
    page = read_file(data, filename, known)
    if title is not None:
        page = replace(page, title=clean_title(title))
    draft = draft_of(page, kind)
    entry = LoreEntry("server-0", draft.title, kind, draft.summary, draft.body, (), aliases=draft.aliases)
    return Upload(page, draft, analysed(entry))  # its key does not change its analysis


def read_file(data: bytes, filename: str, known: Lookup) -> ImportedPage:
    """One page from an uploaded file: Markdown, plain text, wikitext, or an XML export of one
    page. Refusals (InvalidInput) say what to do instead."""
    check_upload(filename, len(data))
    suffix = PurePath(filename).suffix.casefold()
    fallback = PurePath(filename).stem.replace("_", " ").replace("-", " ").strip() or "Imported"
    if suffix == ".xml":
        return page_of(_only_article(data), known)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("That file is not UTF-8 text.") from None
    if suffix in WIKITEXT or (suffix == ".txt" and looks_like_wikitext(text)):
        return _from_wikitext(text, None, fallback, known)
    if suffix not in MARKDOWN:
        return parse_page(text, fallback)
    text, facts = facts_from_lines(text)  # closing `Born: 2340` lines, as the form takes them
    return replace(parse_page(text, fallback, markdown=True), facts=facts)


def page_of(page: ExportPage, known: Lookup) -> ImportedPage:
    """An article of an export as an entry, titled as the wiki titles it."""
    return _from_wikitext(page.text, page.title, page.title, known)


def draft_of(page: ImportedPage, kind: Kind) -> store.Draft:
    """What is stored: the page, its factions resolved to the ones lore files entries under,
    its place or location named as suits the kind."""
    return store.Draft(
        title=page.title,
        kind=kind,
        summary=page.summary,
        body=page.body,
        years=page.years,
        factions=_factions(page.factions),
        related=tuple(page.related),
        facts=for_kind(page.facts, kind),
    )


_resolved = lru_cache(maxsize=4096)(resolve_faction)  # a whole wiki names the same few factions


def _factions(typed: Iterable[str]) -> tuple[str, ...]:
    """factions.resolve_factions, each name resolved once per process."""
    return tuple(dict.fromkeys(_resolved(t) for t in typed if t.strip()))


def _from_wikitext(text: str, title: str | None, fallback: str, known: Lookup) -> ImportedPage:
    from .wikitext import convert  # loaded with the first page (the worker process preloads it)

    page = convert(text, known)
    return assemble(
        page.paragraphs,
        title,
        fallback,
        years=page.years,
        factions=page.factions,
        related=page.related,
        sources=page.sources,
        facts=page.facts,
    )


def _only_article(data: bytes) -> ExportPage:
    try:
        pages = list(read_export(io.BytesIO(data)))
    except ExportError as error:
        raise InvalidInput(f"I could not read that export: {inert(str(error))}.") from None
    articles = [page for page in pages if page.skip is None]
    if len(articles) > 1:
        raise InvalidInput(
            f"That export holds {len(articles)} articles; `/lore import` takes one page. The bot's "
            "operator can import a whole wiki with `khitomer import-wiki`."
        )
    if not articles:
        why = "; ".join(f"{inert(p.title)}: {p.skip}" for p in pages[:3]) or "it has no pages"
        raise InvalidInput(f"That export holds no article to import ({why}).")
    return articles[0]
