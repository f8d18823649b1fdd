"""What members read when the bot quotes what a message cites (issue #25): the note above the
quoted pages and lore cards of the message commands, and the compact reply of automatic
citations. The pages themselves are /treaty quote's and /lore entry's (treaty_pages, lore_pages)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord

from ..domain.inert import cut, quoted
from ..domain.lore import LoreEntry
from ..domain.numerals import to_roman
from ..domain.references import Selection, describe
from ..domain.treaties import Article, Treaty
from .embeds import ACCENT
from .lore_pages import lore_text
from .text import plain
from .treaty_pages import treaty_title

NOTE_CHARS = 1900  # a message's content holds 2,000
COMPACT_CHARS = 3000  # a reply in a conversation stays short: the message commands give the rest
COMPACT_QUOTES, COMPACT_ARTICLES, COMPACT_CARDS = 3, 3, 3
ARTICLE_CHARS, SUMMARY_CHARS = 220, 220
QUOTE_MENU, LORE_MENU = "Quote treaties cited", "Look up lore named here"
NO_REFERENCES = (
    "I found no treaty reference in that message. A reference names a treaty or accord and its "
    "articles: “Khitomer Accords, Article II”, “Article III of the Treaty of Algeron”, “KA II–IV” "
    "or “Khitomer II §3”. `/treaty list` shows the treaties and this server's accords."
)
NO_LINKS = (
    "I found no lore link in that message. A link is a name in double brackets: `[[Praxis]]`, "
    "or `[[Praxis|the moon]]` to show other words."
)


@dataclass(frozen=True, slots=True)
class Missing:
    """A `[[link]]` with no card: nothing of that name, or only sources this server hides."""

    name: str
    closest: str | None = None
    hidden: bool = False


def _line(text: str) -> str:
    return f"• {text}"


def _missing_line(missing: Missing) -> str:
    if missing.hidden:
        return f"{quoted(missing.name)} rests only on sources this server's settings hide."
    closest = f" (closest: {plain(missing.closest)})" if missing.closest else ""
    return f"Nothing here is called {quoted(missing.name)}{closest}."


def _note(opening: str, lines: Sequence[str]) -> str:
    text = "\n".join([opening, *(_line(line) for line in lines)])
    return text if len(text) <= NOTE_CHARS else cut(text, NOTE_CHARS - 1) + "…"


def citations_note(url: str, problems: Sequence[str], skipped: int, *, quoted_any: bool) -> str:
    """Above the quoted pages: the message quoted, and the references that quote nothing."""
    lines = list(problems)
    if skipped:
        lines.append(
            f"{skipped} more {_plural(skipped, 'reference')} not quoted: at most 25 from one message."
        )
    return _note(f"{'Quoted from' if quoted_any else 'Nothing to quote from'} {url}", lines)


def links_note(url: str, missing: Sequence[Missing], skipped: int, *, found_any: bool) -> str:
    """Above the lore cards: the message, the links with no card, the links not looked up."""
    lines = [_missing_line(m) for m in missing]
    if skipped:
        lines.append(f"{skipped} more {_plural(skipped, 'link')} not looked up: at most 10 from one message.")
    return _note(f"{'Lore named in' if found_any else 'No lore card for the links in'} {url}", lines)


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else f"{noun}s"


def _short(text: str, limit: int) -> str:
    """A player's or the canon's text, inert, cut to `limit` with an ellipsis when longer."""
    shown = plain(" ".join(text.split()))
    return shown if len(shown) <= limit else cut(shown, limit - 1) + "…"


def _quote_block(treaty: Treaty, selection: Selection, articles: Sequence[Article]) -> str:
    lines = [f"**{treaty_title(treaty)} — {describe(selection, treaty)}**"]
    lines += [
        f"*Article {to_roman(a.number)} — {plain(a.title)}:* {_short(a.text, ARTICLE_CHARS)}"
        for a in articles[:COMPACT_ARTICLES]
    ]
    if len(articles) > COMPACT_ARTICLES:
        lines.append(f"*…and {len(articles) - COMPACT_ARTICLES} more.*")
    return "\n".join(lines)


def compact_reply(
    quotes: Sequence[tuple[Treaty, Selection, Sequence[Article]]],
    problems: Sequence[str],
    cards: Sequence[LoreEntry],
    missing: Sequence[Missing],
    *,
    more: bool = False,
) -> discord.Embed:
    """Automatic citations' reply: a few quotes and cards, short; where more was left out, the
    message commands that show everything."""
    blocks = [_quote_block(*quote) for quote in quotes[:COMPACT_QUOTES]]
    blocks += [
        f"**{plain(e.title)}**{' (server lore)' if e.is_server_lore else ''} — "
        f"{lore_text(e.summary, e, SUMMARY_CHARS)}"
        for e in cards[:COMPACT_CARDS]
    ]
    notes = [*problems, *(_missing_line(m) for m in missing)]
    if notes:
        blocks.append("\n".join(_line(n) for n in notes))
    shown: list[str] = []
    size = 0
    for block in blocks:
        if shown and size + len(block) > COMPACT_CHARS:
            more = True
            break
        shown.append(block)
        size += len(block) + 2
    more = more or len(quotes) > COMPACT_QUOTES or len(cards) > COMPACT_CARDS
    more = more or any(len(articles) > COMPACT_ARTICLES for *_, articles in quotes)
    embed = discord.Embed(description="\n\n".join(shown), colour=ACCENT)  # under 4,096: blocks are short
    if more:
        embed.set_footer(text=f"All of it: right-click the message → Apps → {QUOTE_MENU} or {LORE_MENU}.")
    return embed
