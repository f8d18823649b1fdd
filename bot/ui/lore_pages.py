"""Embeds for /lore: an entry (summary and facts first, body paged) and timelines; search
results are drawn by bot/ui/lore_search_pages.py."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

import discord

from ..domain.lore import LoreEntry
from ..domain.markdown import cut, render
from ..domain.paging import clip, pack_blocks, paginate
from ..domain.treaties import SourceTier
from .embeds import ACCENT
from .text import plain

PAGE_CHARS = 3500
EMBED_TOTAL = 5700  # Discord allows 6,000 characters in one embed; room kept for a search's author line
SNIPPET_CHARS = 320  # bot/services/lore_search cuts a sentence to 240; links and escapes add some
TIMELINE_LINES = 12  # entries on a page of a timeline
RESULTS_PER_PAGE = 5  # a snippet is at most ~200 characters: five fit easily, and read easily
SERVER_LORE = discord.Colour(0x3B7DD8)
CANON_PAGES_KEPT = 64  # canon entries' pages kept drawn, each as a server's source tiers show it
_HEADING = re.compile(r"^#{1,6}\s+(.*)$", re.MULTILINE)


def entry_title(entry: LoreEntry) -> str:
    return clip(plain(entry.title) + (" (server lore)" if entry.is_server_lore else ""), 256)


def _colour(entry: LoreEntry | None) -> discord.Colour:
    return SERVER_LORE if entry is not None and entry.is_server_lore else ACCENT


def _body_markdown(entry: LoreEntry) -> str:
    """Canon bodies are our Markdown; server bodies keep their emphasis and lists (an imported
    wiki page reads as it did), headings become bold lines, links show where they lead and
    mentions are shown as text (bot/domain/markdown.py), a paragraph at a time."""
    body = _HEADING.sub(lambda m: f"**{m.group(1)}**", entry.body)
    if not entry.is_server_lore:
        return body
    return "\n\n".join(render(p, trusted=False) for p in re.split(r"\n\s*\n", body) if p.strip())


def lore_text(text: str, entry: LoreEntry, limit: int) -> str:
    """An entry's text (summary, sentence, snippet) as Markdown in at most `limit` characters:
    ours as written, a server's rendered safely; cut on a word with its emphasis balanced."""
    budget = limit
    for _ in range(4):
        shown = render(cut(text, budget), trusted=not entry.is_server_lore)
        if len(shown) <= limit or budget <= 20:
            break
        budget = max(20, budget - (len(shown) - limit) - 1)  # escapes and links made it longer
    return clip(shown, limit)


def entry_pages(entry: LoreEntry) -> list[discord.Embed]:
    """An entry's card, then its body a page at a time, each embed the caller's own to change.
    A canon entry's are drawn once for each way it is shown (its sources as a server's tiers leave
    them): canon does not change while the bot runs, and the key is the entry's whole value."""
    if entry.is_server_lore:
        return _drawn(entry)
    return [_copy(page) for page in _canon_pages(entry)]


@functools.lru_cache(maxsize=CANON_PAGES_KEPT)
def _canon_pages(entry: LoreEntry) -> tuple[discord.Embed, ...]:
    return tuple(_drawn(entry))


def _copy(page: discord.Embed) -> discord.Embed:
    """A copy sharing nothing with `page` (Embed.copy shares its fields and footer)."""
    data: dict[str, Any] = page.to_dict()  # type: ignore[assignment]
    for name, value in data.items():
        if isinstance(value, dict):
            data[name] = dict(value)
        elif isinstance(value, list):
            data[name] = [dict(item) for item in value]
    return discord.Embed.from_dict(data)


def _drawn(entry: LoreEntry) -> list[discord.Embed]:
    cover = discord.Embed(
        title=entry_title(entry), description=lore_text(entry.summary, entry, 1800), colour=_colour(entry)
    )
    cover.add_field(name="Kind", value=entry.kind.value)
    cover.add_field(name="Years", value=str(entry.years))
    if entry.factions:
        cover.add_field(name="Factions", value=clip(", ".join(plain(f) for f in entry.factions), 1024))
    if entry.aliases:
        cover.add_field(
            name="Also known as", value=clip(", ".join(plain(a) for a in entry.aliases), 1024), inline=False
        )
    ordered = sorted(entry.sources, key=lambda s: TIER_ORDER.index(s.tier))
    sources = "\n".join(
        plain(s.title) if s.title.startswith(s.tier.label) else f"{s.tier.label}: {plain(s.title)}"
        for s in ordered
    )
    if entry.hidden_sources:
        kinds = " and ".join(dict.fromkeys(TIER_WORDS[t] for t in entry.hidden_sources))
        count = len(entry.hidden_sources)
        some = f"one {kinds} source" if count == 1 else f"{count} {kinds} sources"
        sources += f"\nSome details here rest on {some}, which this server's settings hide."
    cover.add_field(name="Sources", value=clip(sources, 1024), inline=False)
    if entry.is_server_lore:
        cover.set_footer(text="Server lore: written by this server's moderators")
    facts = entry.facts.shown()
    room = (EMBED_TOTAL - len(cover)) // max(1, len(facts))  # the card's facts share what is left
    for label, value in facts:
        limit = min(1024, room - len(label))
        if limit < 12:  # a card full of names and sources keeps them; its facts are in its file
            break
        shown = clip(value if not entry.is_server_lore else plain(value), limit)
        cover.insert_field_at(len(cover.fields) - 1, name=label, value=shown, inline=len(value) < 40)
    body = _body_markdown(entry)
    paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
    pages = [cover]
    for page in pack_blocks(paragraphs, max_chars=PAGE_CHARS) if paragraphs else []:
        embed = discord.Embed(title=entry_title(entry), description=page, colour=_colour(entry))
        pages.append(embed)
    return pages


TIER_ORDER = (SourceTier.CANON, SourceTier.LICENSED, SourceTier.FAN, SourceTier.SERVER)


class Shown:
    """One result as the page shows it. Its snippet may be given as the function that makes it,
    called when its page is first drawn: a reply shows five results of 25."""

    __slots__ = ("_snippet", "entry")

    def __init__(self, entry: LoreEntry, snippet: str | Callable[[], str]) -> None:
        self.entry = entry
        self._snippet = snippet

    @property
    def snippet(self) -> str:
        if callable(self._snippet):
            self._snippet = self._snippet()
        return self._snippet


def snippet(raw: str, entry: LoreEntry) -> str:
    """The sentence that matched, its words between MARK_START and MARK_END shown bold."""
    return lore_text(raw.replace("\n", " "), entry, SNIPPET_CHARS)


TIER_WORDS = {
    SourceTier.CANON: "canon",
    SourceTier.LICENSED: "licensed",
    SourceTier.FAN: "fan-wiki",
    SourceTier.SERVER: "this server's",
}


def source_kinds(entry: LoreEntry) -> str:
    """What an entry rests on, all of it ("canon and fan-wiki sources"): a sentence quoted from
    it may come from any of them, so none is claimed for the sentence alone."""
    tiers = [TIER_WORDS[t] for t in TIER_ORDER if any(s.tier is t for s in entry.sources)]
    if not tiers:
        return "no listed sources"
    joined = tiers[0] if len(tiers) == 1 else ", ".join(tiers[:-1]) + " and " + tiers[-1]
    return f"{joined} {'source' if len(entry.sources) == 1 else 'sources'}"


def _timeline_line(e: LoreEntry) -> str:
    return (
        f"**{e.years}** · {plain(e.title)}"
        + (" (server lore)" if e.is_server_lore else "")
        + f" — {lore_text(e.summary, e, 140)}"
    )


def _heading(heading: str) -> str:
    """A timeline's heading as an embed title: it may name a faction a server typed."""
    return clip(plain(heading), 256)


def timeline_pages(entries: Sequence[LoreEntry], heading: str) -> list[discord.Embed]:
    if not entries:
        return [discord.Embed(title=_heading(heading), description="No dated entry matches.", colour=ACCENT)]
    return [
        discord.Embed(title=_heading(heading), description=page, colour=ACCENT)
        for page in paginate(map(_timeline_line, entries), max_chars=PAGE_CHARS, max_lines=TIMELINE_LINES)
    ]


def timeline_page(
    entries: Sequence[LoreEntry], heading: str, *, from_end: bool = False
) -> tuple[discord.Embed, int]:
    """One page of a timeline: as many of `entries` as fit, from the first (`from_end`: the
    most that fit ending with the last, for a page read backwards), and how many that is."""
    if not entries:
        return discord.Embed(title=_heading(heading), description="No dated entry matches.", colour=ACCENT), 0
    taken: list[str] = []
    size = 0
    for entry in reversed(entries) if from_end else entries:  # as paginate() packs its first page
        line = clip(_timeline_line(entry), PAGE_CHARS)
        needed = len(line) + (1 if taken else 0)
        if taken and (len(taken) >= TIMELINE_LINES or size + needed > PAGE_CHARS):
            break
        taken.append(line)
        size += needed
    text = "\n".join(taken[::-1] if from_end else taken)
    return discord.Embed(title=_heading(heading), description=text, colour=ACCENT), len(taken)
