"""The /lore search answer as a member reads it: the answer line with where it comes from (or an
honest "no sure answer" saying what was looked for), repaired and guessed words, then the results
five to a page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import overload

import discord

from ..domain.lore import LoreEntry
from ..domain.lore_facts import Asked
from ..domain.lore_query import Asks
from ..domain.numerals import to_roman
from ..domain.paging import chunk, clip
from ..domain.treaties import Article, Treaty, quote_command
from .embeds import ACCENT
from .lore_pages import RESULTS_PER_PAGE, Shown, entry_pages, lore_text, snippet, source_kinds
from .text import plain

# What the reply says it looked for when no line clearly answers.
LOOKED_FOR = {
    Asked.TIME: "a line that says when",
    Asked.PLACE: "a line that says where",
    Asked.REASON: "a line that says why",
    Asked.AGENT: "a line that names who",
    Asked.IDENTITY: "a line that says what it is",
    Asked.ARTICLE: "the article you asked for",
    Asked.ANYTHING: "a line that says all you asked",
}


def answer_line(sentence: str, entry: LoreEntry, asked: Asked) -> str:
    """ "**Answer:** … — *Entry* (years), from canon sources"."""
    said = lore_text(sentence.replace("\n", " "), entry, 600)
    years = f" ({entry.years})" if asked is Asked.TIME and entry.years.known else ""
    return f"**Answer:** {said}\n— *{plain(entry.title)}*{years}, from {source_kinds(entry)}"


def article_line(treaty: Treaty, article: Article) -> str:
    """An article quoted as the answer, with the /treaty quote that shows it whole."""
    text = clip(article.text if not treaty.is_accord else plain(article.text), 600)
    kind = "this server's accord" if treaty.is_accord else "treaty"
    return (
        f"**Answer:** Article {to_roman(article.number)} of the {kind} *{plain(treaty.name)}*"
        f" ({plain(article.title)}): {text}\n"
        f"— the whole article: `{quote_command(treaty, article.number)}`"
    )


def unsure_line(asked: Asked, subject: LoreEntry | None) -> str:
    """No line answers for sure: say what was looked for, then show the closest entries."""
    about = f" about *{plain(subject.title)}*" if subject is not None else ""
    return (
        f"**No sure answer.** I looked for {LOOKED_FOR[asked]}{about} and found none."
        " These entries come closest:"
    )


def search_pages(
    query: str,
    hits: Sequence[Shown],
    corrected: dict[str, str],
    *,
    asks: Asks = Asks.ANYTHING,
    asked: Asked = Asked.ANYTHING,
    answer: str | None = None,
    subject: LoreEntry | None = None,
    card: LoreEntry | None = None,
    quote: str | None = None,
    guess: str | None = None,
) -> Sequence[discord.Embed]:
    """The answer line (drawn by answer_line or article_line) or why there is none, then the
    results five to a page; a name typed exactly or nearly opens on that entry's card. Each page
    is drawn when it is first read (Drawn)."""
    title = clip(f"Lore matching “{plain(query)}”", 256)
    notes = [answer] if answer is not None else [unsure_line(asked, subject)] if hits else []
    if corrected:
        notes.append(
            "Searched for "
            + ", ".join(f"**{plain(new)}** (you typed {plain(old)})" for old, new in corrected.items())
        )
    if guess is not None:
        notes.append(f"Did you mean **{plain(guess)}**? The button below searches for it.")
    if quote and answer is None:
        notes.append(quote if quote.startswith("The treaty's own words: `") else plain(quote))
    head = "\n\n".join(notes)
    if not hits:
        text = "Nothing found. Try another word, or `/lore entry` to browse by name."
        return [
            discord.Embed(title=title, description=clip(f"{head}\n\n{text}".strip(), 4096), colour=ACCENT)
        ]

    def block(hit: Shown) -> str:
        return (
            f"**{plain(hit.entry.title)}**"
            + (f" · {hit.entry.years}" if asks is Asks.TIME and hit.entry.years.known else "")
            + (" · server lore" if hit.entry.is_server_lore else "")
            + f"\n> {snippet(hit.snippet, hit.entry)}"
        )

    def results(i: int, group: Sequence[Shown]) -> discord.Embed:
        page = "\n\n".join(map(block, group))
        return discord.Embed(
            title=title,
            description=clip(f"{head}\n\n{page}" if head and i == 0 else page, 4096),
            colour=ACCENT,
        )

    def cover() -> discord.Embed:
        assert card is not None
        first = entry_pages(card)[0]
        first.set_author(
            name=clip(f"You asked for “{query}”: the entry, then everything that mentions it", 256)
        )
        return first

    drawn = [partial(results, i, group) for i, group in enumerate(chunk(hits, RESULTS_PER_PAGE))]
    return Drawn([cover, *drawn] if card is not None else drawn)


class Drawn(Sequence[discord.Embed]):
    """Pages drawn when first asked for: a reply shows one page, and a result's snippet costs a
    Markdown rendering (drawing all 25 results for a page of five was a fifth of a search's CPU)."""

    def __init__(self, draw: Sequence[Callable[[], discord.Embed]]) -> None:
        self._draw = draw
        self._drawn: dict[int, discord.Embed] = {}

    def __len__(self) -> int:
        return len(self._draw)

    @overload
    def __getitem__(self, index: int) -> discord.Embed: ...

    @overload
    def __getitem__(self, index: slice) -> list[discord.Embed]: ...

    def __getitem__(self, index: int | slice) -> discord.Embed | list[discord.Embed]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        index = range(len(self))[index]  # negative indices count from the end; IndexError past it
        if index not in self._drawn:
            self._drawn[index] = self._draw[index]()
        return self._drawn[index]
