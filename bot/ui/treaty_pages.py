"""Embeds for /treaty: lists, quotes, whole texts and search results, paged, never cut."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from ..domain.inert import cut
from ..domain.numerals import number_span, to_roman
from ..domain.paging import chunk, clip, pack_blocks, paginate
from ..domain.references import describe
from ..domain.treaties import Article, Treaty
from ..services.treaties import Quote, SearchHit
from ..storage.treaty_index import MARK_END, MARK_START
from .embeds import ACCENT
from .text import plain

RESULTS_PER_PAGE = 5
PAGE_CHARS = 3500  # under the 4,096 of a description, leaving room for title and footer
SERVER_ACCORD = discord.Colour(0x3B7DD8)


def _embed(treaty: Treaty | None, title: str, description: str) -> discord.Embed:
    colour = SERVER_ACCORD if treaty is not None and treaty.is_accord else ACCENT
    return discord.Embed(title=cut(title, 256), description=description, colour=colour)


def treaty_title(treaty: Treaty) -> str:
    return plain(treaty.name) + (" (server accord)" if treaty.is_accord else "")


def signed_line(treaty: Treaty) -> str:
    """`Signed 2293 at Camp Khitomer by the Federation (Curzon Dax), the Klingon Empire`: for a
    footer, which Discord shows as plain text, so names (a signatory's nickname) are not escaped."""
    parties = "; ".join(
        p.name + (f" ({', '.join(p.signed_by)})" if p.signed_by else "") for p in treaty.parties
    )
    # Some dates already say where ("… the founding day of the station at Nimbus III").
    where = "" if treaty.place.casefold() in treaty.date_text.casefold() else f" at {treaty.place}"
    return f"Signed {treaty.date_text}{where} by {parties}"


def article_block(article: Article) -> str:
    return f"**Article {to_roman(article.number)} — {plain(article.title)}**\n{plain(article.text)}"


LIST_LINES = 12  # treaties on a page of /treaty list


def list_line(treaty: Treaty, articles: int | None = None) -> str:
    """A treaty on /treaty list; `articles`: how many it has, when they were not read (an accord's
    articles are numbered I … n)."""
    span = treaty.article_span if articles is None else _span(articles)
    status = "" if treaty.status == "in force" else f" · {treaty.status}"
    return f"**{treaty_title(treaty)}** — {treaty.date_text.split(' (')[0]}, {span}{status}"


def _span(count: int) -> str:
    if not count:
        return "no recorded articles"
    return f"{'Article' if count == 1 else 'Articles'} {number_span(list(range(1, count + 1)))}"


def list_page(lines: Sequence[str]) -> discord.Embed:
    """One page of /treaty list (the lines one page holds: cogs/_keyset.py `fitting`)."""
    return _embed(
        None, "Treaties and accords", paginate(lines, max_chars=PAGE_CHARS, max_lines=LIST_LINES)[0]
    )


def quote_pages(quote: Quote) -> list[discord.Embed]:
    treaty = quote.treaty
    title = f"{treaty_title(treaty)} — {describe(quote.selection, treaty)}"
    pages = pack_blocks((article_block(a) for a in quote.articles), max_chars=PAGE_CHARS)
    embeds = [_embed(treaty, title, page) for page in pages]
    for embed in embeds:
        embed.set_footer(text=signed_line(treaty)[:2048])
    return embeds


def show_pages(treaty: Treaty) -> list[discord.Embed]:
    cover = _embed(treaty, treaty_title(treaty), plain(treaty.summary))
    cover.add_field(name="Signed", value=treaty.date_text[:1024])
    cover.add_field(name="Place", value=plain(treaty.place)[:1024])
    cover.add_field(name="Status", value=treaty.status)
    if treaty.lore:
        cover.add_field(name="In the lore", value=f"`/lore entry topic:{treaty.lore}`", inline=False)
    for party in treaty.parties[:20]:
        who = ", ".join(plain(name) for name in party.signed_by) or "signatories not recorded"
        cover.add_field(name=plain(party.name)[:256], value=who[:1024], inline=False)
    blocks = [article_block(a) for a in treaty.articles] or [
        "*The sources record no articles of this treaty.*"
    ]
    record = [
        *(history_line(e.year, e.kind, e.text) for e in treaty.history),
        *(f"**Note** — {plain(note)}" for note in treaty.notes),
        *(
            f"**Source** ({s.tier.label}) — {plain(s.title)}" + (f": {s.detail}" if s.detail else "")
            for s in treaty.sources
        ),
    ]
    pages = [cover]
    pages += [
        _embed(treaty, f"{treaty_title(treaty)} — text", p) for p in pack_blocks(blocks, max_chars=PAGE_CHARS)
    ]
    pages += [
        _embed(treaty, f"{treaty_title(treaty)} — history and sources", p)
        for p in pack_blocks(record, max_chars=PAGE_CHARS, separator="\n")
    ]
    return pages


def _snippet(raw: str) -> str:
    """FTS5's snippet with its markers turned to bold, after escaping the text around them."""
    escaped = plain(raw.replace(MARK_START, "\x00S").replace(MARK_END, "\x00E"))
    return escaped.replace("\x00S", "**").replace("\x00E", "**").replace("\n", " ")


def search_pages(query: str, hits: Sequence[SearchHit]) -> list[discord.Embed]:
    title = f"Articles matching “{plain(clip(query, 80))}”"
    if not hits:
        return [_embed(None, title, "Nothing found. Try fewer or different words, or `/treaty list`.")]
    blocks = [
        f"**{treaty_title(h.treaty)}, Article {to_roman(h.article.number)}** — {plain(h.article.title)}\n"
        f"> {_snippet(h.snippet)}"
        for h in hits
    ]
    return [_embed(None, title, "\n\n".join(group)) for group in chunk(blocks, RESULTS_PER_PAGE)]


# How each kind of history event is labelled where a member reads a treaty's record.
HISTORY_LABELS = {
    "signed": "Signed",
    "dissolved": "Dissolved",
    "withdrawn": "Withdrawal",
    "reinstated": "Return",
    "complaint": "Complaint",
    "anniversary": "Anniversary",
    "note": "Note",
}


def history_line(year: int | None, kind: str, text: str) -> str:
    """`**2293** · Signed — …`; an accord's own record carries its dates in the text."""
    label = HISTORY_LABELS.get(kind, kind.replace("_", " ").capitalize())
    when = f"**{year}** · " if year is not None else ""
    return f"{when}**{label}** — {plain(text)}"
