"""Embeds for /lore: an entry (summary first, body paged), search results and timelines."""

from __future__ import annotations

import re
from collections.abc import Sequence

import discord

from ..domain.lore import LoreEntry
from ..domain.paging import chunk, clip, pack_blocks, paginate
from ..storage.lore import MARK_END, MARK_START, LoreHit
from .embeds import ACCENT
from .text import plain

PAGE_CHARS = 3500
RESULTS_PER_PAGE = 5  # a snippet is at most ~200 characters: five fit easily, and read easily
SERVER_LORE = discord.Colour(0x3B7DD8)
_HEADING = re.compile(r"^#{1,6}\s+(.*)$", re.MULTILINE)


def entry_title(entry: LoreEntry) -> str:
    return clip(plain(entry.title) + (" (server lore)" if entry.is_server_lore else ""), 256)


def _colour(entry: LoreEntry | None) -> discord.Colour:
    return SERVER_LORE if entry is not None and entry.is_server_lore else ACCENT


def _body_markdown(entry: LoreEntry) -> str:
    """Canon bodies are our Markdown; server bodies are shown as text, headings kept bold."""
    if not entry.is_server_lore:
        return _HEADING.sub(lambda m: f"**{m.group(1)}**", entry.body)
    lines = []
    for line in entry.body.split("\n"):
        heading = _HEADING.match(line)
        lines.append(f"**{plain(heading.group(1))}**" if heading else plain(line))
    return "\n".join(lines)


def entry_pages(entry: LoreEntry) -> list[discord.Embed]:
    cover = discord.Embed(title=entry_title(entry), description=plain(entry.summary), colour=_colour(entry))
    cover.add_field(name="Kind", value=entry.kind.value)
    cover.add_field(name="Years", value=str(entry.years))
    if entry.factions:
        cover.add_field(name="Factions", value=clip(", ".join(plain(f) for f in entry.factions), 1024))
    if entry.aliases:
        cover.add_field(
            name="Also known as", value=clip(", ".join(plain(a) for a in entry.aliases), 1024), inline=False
        )
    sources = "\n".join(f"{s.tier.label}: {plain(s.title)}" for s in entry.sources)
    cover.add_field(name="Sources", value=clip(sources, 1024), inline=False)
    if entry.is_server_lore:
        cover.set_footer(text="Server lore: written by this server's moderators")
    body = _body_markdown(entry)
    paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
    pages = [cover]
    for page in pack_blocks(paragraphs, max_chars=PAGE_CHARS) if paragraphs else []:
        embed = discord.Embed(title=entry_title(entry), description=page, colour=_colour(entry))
        pages.append(embed)
    return pages


def _snippet(raw: str) -> str:
    escaped = plain(raw.replace(MARK_START, "\x00S").replace(MARK_END, "\x00E"))
    return escaped.replace("\x00S", "**").replace("\x00E", "**").replace("\n", " ")


def search_pages(query: str, hits: Sequence[LoreHit], corrected: dict[str, str]) -> list[discord.Embed]:
    title = clip(f"Lore matching “{query}”", 256)
    note = ""
    if corrected:
        note = "Searched for " + ", ".join(
            f"**{plain(new)}** (you typed {plain(old)})" for old, new in corrected.items()
        )
    if not hits:
        text = "Nothing found. Try another word, or `/lore entry` to browse by name."
        return [discord.Embed(title=title, description=f"{note}\n\n{text}".strip(), colour=ACCENT)]
    blocks = [
        f"**{plain(hit.title)}**"
        + (" · server lore" if hit.guild_id else "")
        + f"\n> {_snippet(hit.snippet)}"
        for hit in hits
    ]
    pages = ["\n\n".join(group) for group in chunk(blocks, RESULTS_PER_PAGE)]
    return [
        discord.Embed(title=title, description=f"{note}\n\n{page}".strip() if note else page, colour=ACCENT)
        for page in pages
    ]


def timeline_pages(entries: Sequence[LoreEntry], heading: str) -> list[discord.Embed]:
    if not entries:
        return [discord.Embed(title=heading, description="No dated entry matches.", colour=ACCENT)]
    lines = [
        f"**{e.years}** · {plain(e.title)}"
        + (" (server lore)" if e.is_server_lore else "")
        + f" — {clip(plain(e.summary), 140)}"
        for e in entries
    ]
    return [
        discord.Embed(title=heading, description=page, colour=ACCENT)
        for page in paginate(lines, max_chars=PAGE_CHARS, max_lines=12)
    ]
