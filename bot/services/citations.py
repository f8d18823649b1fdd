"""What a member's message cites, looked up for quoting (issue #25): treaty references among the
canon and this server's accords, and `[[lore links]]` among the lore this server shows.

A server may hold thousands of accords: only those the message may name are read, by index
(bot/domain/citations.py `names_read`, every run of words the finder could take for an exact
name or alias), with their articles, in one query. The finder then reads the message among the
canon and them, as it would among them all for a name spelt out; an accord's near spelling or
initials are found only when its name is also written out in the message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.citations import Citation, find_citations, names_read
from ..domain.errors import NotFound
from ..domain.lore import LoreEntry, as_shown
from ..domain.references import BadReference, select_articles
from ..domain.wiki_links import WikiLink, first_links
from ..storage import accord_reads
from .lore import LoreService
from .treaties import Quote, TreatyService

MAX_REFERENCES = 25  # quoted from one message; more are counted, not quoted
MAX_LINKS = 10  # lore links looked up from one message; more are counted, not looked up


@dataclass(frozen=True, slots=True)
class Cited:
    """One reference of a message: its quote, or why there is none (no such article)."""

    citation: Citation
    quote: Quote | None
    problem: str = ""

    @property
    def ref(self) -> str:
        """`khitomer.2-4`: how a page rebuilds this quote (see refs_arg)."""
        return f"{self.citation.treaty.key}.{self.citation.selection.compact()}"


@dataclass(frozen=True, slots=True)
class Citations:
    cited: list[Cited]
    skipped: int  # references past MAX_REFERENCES


@dataclass(frozen=True, slots=True)
class LinkAnswer:
    """One `[[link]]`: the entry as this server shows it; or, when there is none, whether it
    exists but rests only on hidden sources, and the closest name this server shows."""

    link: WikiLink
    entry: LoreEntry | None
    hidden: bool = False
    closest: str | None = None


@dataclass(frozen=True, slots=True)
class Links:
    answers: list[LinkAnswer]
    skipped: int  # links past MAX_LINKS


async def cited_in(treaties: TreatyService, guild_id: int | None, text: str) -> Citations:
    """Every reference `text` makes, in order, each with its articles (or why not)."""
    accords = await accord_reads.whole_named(treaties.db, guild_id, names_read(text)) if guild_id else []
    found = find_citations(text, [*treaties.canon, *accords])
    return Citations([_quoted(c) for c in found[:MAX_REFERENCES]], max(0, len(found) - MAX_REFERENCES))


def _quoted(citation: Citation) -> Cited:
    try:
        articles = select_articles(citation.treaty, citation.selection)
    except BadReference as error:
        return Cited(citation, None, str(error))
    return Cited(citation, Quote(citation.treaty, citation.selection, articles))


def refs_arg(cited: Sequence[Cited]) -> str:
    """The quotes of a message as one pager argument: `khitomer.2-4.algeron.1` (keys and
    selections hold no dot)."""
    return ".".join(c.ref for c in cited if c.quote is not None)


async def quotes_of(treaties: TreatyService, guild_id: int | None, arg: str) -> list[Quote]:
    """The quotes a refs_arg names, in order, as they read now (an accord no longer here, or a
    forged argument, is left out). Canon from memory; each accord quoted reads one query."""
    parts = arg.split(".")
    quotes: list[Quote] = []
    for key, spec in zip(parts[::2], parts[1::2], strict=False):
        try:
            quote = await treaties.quote_key(guild_id, key, spec)
        except BadReference:
            continue
        if quote is not None:
            quotes.append(quote)
    return quotes[:MAX_REFERENCES]


async def linked_in(
    lore: LoreService, guild_id: int | None, text: str, tiers: frozenset[str], limit: int = MAX_LINKS
) -> Links:
    """The first `limit` lore links of `text`, each looked up as /lore entry looks a topic up
    (exact, a unique prefix, a near spelling; this server's lore first)."""
    links, skipped = first_links(text, limit)
    return Links([await _looked_up(lore, guild_id, link, tiers) for link in links], skipped)


async def _looked_up(
    lore: LoreService, guild_id: int | None, link: WikiLink, tiers: frozenset[str]
) -> LinkAnswer:
    try:
        entry = await lore.find(guild_id, link.name)
    except NotFound:
        return LinkAnswer(link, None, closest=await _closest(lore, guild_id, link.name, tiers))
    shown = as_shown(entry, tiers)
    return LinkAnswer(link, shown, hidden=shown is None)


async def _closest(lore: LoreService, guild_id: int | None, name: str, tiers: frozenset[str]) -> str | None:
    """The nearest name this server shows (autocomplete's first), if any is near."""
    for item in await lore.suggest(guild_id, name, 5):
        canon = lore.by_key.get(item.key)
        if canon is None or as_shown(canon, tiers) is not None:
            return item.title
    return None


async def entries_of(
    lore: LoreService, guild_id: int | None, keys: Sequence[str], tiers: frozenset[str]
) -> list[LoreEntry]:
    """The entries of these keys this server still shows, in order (a page rebuilding its cards)."""
    found: list[LoreEntry] = []
    for key in list(dict.fromkeys(keys))[:MAX_LINKS]:
        try:
            entry = await lore.get(guild_id, key)
        except NotFound:
            continue
        if (shown := as_shown(entry, tiers)) is not None:
            found.append(shown)
    return found
