"""Restart-proof pages: Previous/Next buttons whose custom_id says how to rebuild the page.

A page source is a named coroutine that rebuilds every page for an interaction (and an
optional short argument). Nothing is held in memory between clicks, so the buttons keep
working after a restart, and a forged custom_id can at most ask for a page that exists: the
buttons are bot/application/components.py's RestartProof items, which read every field as untrusted.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import discord

from ..application.components import Fields, RestartProof
from ..domain.errors import NotAllowed, NotFound
from ..domain.ids import parse_id
from ..domain.paging import clamp_page
from ..storage import Database, pager_args


@dataclass(frozen=True, slots=True)
class Paged:
    """Pages plus components that ride along on every page (a related-entries select, say).
    Extras must be restart-proof themselves (bot/application/components.py's RestartProof)."""

    pages: Sequence[discord.Embed]
    extras: Sequence[discord.ui.Item[Any]] = ()


PageSource = Callable[[discord.Interaction, str], Awaitable[Sequence[discord.Embed] | Paged]]


def as_paged(answer: Sequence[discord.Embed] | Paged) -> Paged:
    return answer if isinstance(answer, Paged) else Paged(answer)


SOURCE_NAME = re.compile(r"^[a-z_]{1,20}$")
ARG = re.compile(r"^[0-9A-Za-z_.,@-]{0,40}$")
AREA_OF_SOURCE = {"lore": "lore", "treaty": "treaties", "accord": "accords"}  # by source-name prefix
STASHED = "@"  # prefix of an argument kept in the database (see storage/pager_args.py)
MAX_PAGE = 9_999
GONE = "This menu is no longer available. Run the command again."


class PageSources:
    """The registry the pager rebuilds pages from; one per bot."""

    def __init__(self) -> None:
        self._sources: dict[str, PageSource] = {}

    def register(self, name: str, source: PageSource) -> None:
        if not SOURCE_NAME.match(name):
            raise ValueError(f"page source name {name!r} must be 1-20 lowercase letters or _")
        self._sources[name] = source

    def get(self, name: str) -> PageSource:
        try:
            return self._sources[name]
        except KeyError:
            raise NotFound(GONE) from None

    def names(self) -> list[str]:
        return list(self._sources)


def sources_of(client: discord.Client) -> PageSources:
    sources = getattr(client, "page_sources", None)
    if not isinstance(sources, PageSources):
        raise NotFound(GONE)
    return sources


def stamp(page: discord.Embed, index: int, total: int) -> discord.Embed:
    """A copy of the page with its position in the footer (kept beside any footer it has)."""
    page = page.copy()
    if total > 1:
        position = f"Page {index + 1} of {total}"
        footer = page.footer.text
        page.set_footer(text=f"{footer} · {position}" if footer else position)
    return page


class PagerButton(
    RestartProof[discord.ui.Button[Any]],
    template=r"pager:(?P<direction>prev|next):(?P<source>[a-z_]{1,20}):(?P<owner>[0-9]+)"
    r":(?P<page>[0-9]+):(?P<arg>[0-9A-Za-z_.,@-]{0,40})",
):
    def __init__(
        self,
        direction: str,
        source: str,
        owner_id: int,
        page: int,
        arg: str,
        *,
        disabled: bool,
        label: str | None = None,  # another way to the same pages ("Search for “Gowron”")
    ):
        label = label or ("◀ Previous" if direction == "prev" else "Next ▶")
        super().__init__(
            discord.ui.Button(
                label=label[:80],
                style=discord.ButtonStyle.secondary,
                disabled=disabled,
                custom_id=f"pager:{direction}:{source}:{owner_id}:{page}:{arg}",
            )
        )
        self.source = source
        self.owner_id = owner_id
        self.page = page
        self.arg = arg
        self.area = AREA_OF_SOURCE.get(source.split("_")[0], "")

    @classmethod
    def from_fields(cls, fields: Fields) -> PagerButton:
        return cls(
            fields.text("direction"),
            fields.text("source"),
            fields.id("owner"),
            fields.number("page", MAX_PAGE),
            fields.text("arg"),
            disabled=False,
        )

    async def act(self, interaction: discord.Interaction) -> None:
        if interaction.user.id != self.owner_id:
            raise NotAllowed("These pages belong to someone else. Run the command yourself to browse.")
        arg = await expand(interaction, self.arg)
        answer = as_paged(await sources_of(interaction.client).get(self.source)(interaction, arg))
        pages = answer.pages
        index = clamp_page(self.page, pages)
        await interaction.response.edit_message(
            embed=stamp(pages[index], index, len(pages)),
            view=pager_view(self.source, self.owner_id, index, len(pages), self.arg, answer.extras),
        )


def pager_view(
    source: str,
    owner_id: int,
    index: int,
    total: int,
    arg: str = "",
    extras: Sequence[discord.ui.Item[Any]] = (),
) -> discord.ui.View:
    """The button row for page `index` of `total` (none for a single page), then the extras."""
    view = discord.ui.View(timeout=None)
    if total > 1:
        view.add_item(PagerButton("prev", source, owner_id, max(index - 1, 0), arg, disabled=index == 0))
        view.add_item(
            PagerButton("next", source, owner_id, min(index + 1, total - 1), arg, disabled=index >= total - 1)
        )
    for item in extras:
        view.add_item(item)
    return view


async def send_pages(
    interaction: discord.Interaction,
    source: str,
    answer: Sequence[discord.Embed] | Paged,
    *,
    arg: str = "",
    ephemeral: bool = True,
    content: str | None = None,
) -> None:
    """Answer with the first page and, when there are more, the pager buttons (and extras).
    `content` stays above every page: the buttons change only the embed."""
    paged = as_paged(answer)
    pages = paged.pages
    if not pages:
        raise ValueError("a paged answer needs at least one page")
    sources_of(interaction.client).get(source)  # fail now, not on the first click
    first = stamp(pages[0], 0, len(pages))
    if len(pages) == 1 and not paged.extras:
        await interaction.response.send_message(content, embed=first, ephemeral=ephemeral)
        return
    short = await shorten(interaction, arg) if len(pages) > 1 else ""
    view = pager_view(source, interaction.user.id, 0, len(pages), short, paged.extras)
    await interaction.response.send_message(content, embed=first, view=view, ephemeral=ephemeral)


async def send_source(
    interaction: discord.Interaction, source: str, arg: str, *, ephemeral: bool = True
) -> None:
    """Answer with the pages the registered `source` makes of `arg`, as its command would."""
    answer = await sources_of(interaction.client).get(source)(interaction, arg)
    await send_pages(interaction, source, answer, arg=arg, ephemeral=ephemeral)


async def shorten(interaction: discord.Interaction, arg: str) -> str:
    """The argument as the custom_id carries it: itself, or "@<id>" of a copy stored for this
    server and member only."""
    if ARG.match(arg) and not arg.startswith(STASHED):
        return arg
    stored = await pager_args.stash(
        _db(interaction.client), arg, interaction.guild_id or 0, interaction.user.id
    )
    return f"{STASHED}{stored}"


async def expand(interaction: discord.Interaction, arg: str) -> str:
    """A stored argument back, if this server and member stored it; a plain refusal if not."""
    if not arg.startswith(STASHED):
        return arg
    stored = parse_id(arg.removeprefix(STASHED))  # a forged one may be any digits
    db, guild_id, member_id = _db(interaction.client), interaction.guild_id or 0, interaction.user.id
    value = None if stored is None else await pager_args.fetch(db, stored, guild_id, member_id)
    if value is None:
        raise NotFound(GONE)
    return value


def _db(client: discord.Client) -> Database:
    db = getattr(client, "db", None)
    if not isinstance(db, Database):
        raise RuntimeError("the pager needs the bot's storage for long arguments")
    return db
