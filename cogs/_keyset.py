"""Pages read a page at a time: Previous/Next buttons whose custom_id carries the key the next
read starts from (a keyset cursor, "after accord 41"), not a page index into every page.

bot/ui/pager.py rebuilds every page of an answer on each click; a list as long as a server's
history cannot be read whole, so its reader reads one page from a cursor and says where the
pages beside it start. Nothing is held between clicks: the buttons work after a restart, and a
forged cursor can at most ask for a page that exists. No total is known (counting would read the
whole list), so the footer says "Page 3" where the other pager says "Page 3 of 9". (Here, not in
bot/ui: a button reports through the one error handler and checks the area, as cogs do.)
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import discord

from bot.application.components import Fields, RestartProof
from bot.domain.errors import NotAllowed, NotFound
from bot.ui.pager import AREA_OF_SOURCE, SOURCE_NAME

CURSOR = re.compile(r"^[0-9A-Za-z_.,-]{0,40}$")
MAX_PAGE = 999_999


@dataclass(frozen=True, slots=True)
class Window:
    """One page, and the cursors of the pages before and after it (None where there is none)."""

    embed: discord.Embed
    back: str | None = None
    forward: str | None = None


Reader = Callable[[discord.Interaction, str], Awaitable[Window]]  # cursor "" is the first page
_readers: WeakKeyDictionary[discord.Client, dict[str, Reader]] = WeakKeyDictionary()


def register(client: discord.Client, name: str, reader: Reader) -> None:
    """A bot's reader of `name`'s pages (each bot its own: a reader holds its cog's service)."""
    if not SOURCE_NAME.match(name):
        raise ValueError(f"page source name {name!r} must be 1-20 lowercase letters or _")
    _readers.setdefault(client, {})[name] = reader


def _reader(client: discord.Client, name: str) -> Reader:
    try:
        return _readers[client][name]
    except KeyError:
        raise NotFound("This menu is no longer available. Run the command again.") from None


def parse_cursor(cursor: str) -> tuple[str, int]:
    """`a41` -> ("a", 41): a direction letter and a key; ("", 0) for the first page, or for
    anything else (a cursor comes from a custom_id: untrusted)."""
    digits = cursor[1:]
    if cursor[:1].isalpha() and digits.isascii() and digits.isdigit() and len(digits) <= 18:
        return cursor[0], int(digits)
    return "", 0


def fitting(lines: Sequence[str], *, max_chars: int, max_lines: int) -> int:
    """How many of `lines`, from the first, fill one page as domain.paging.paginate packs them
    (at least one: a line longer than a page is clipped there, never dropped)."""
    size = 0
    for count, line in enumerate(lines[:max_lines]):
        size += min(len(line), max_chars) + (1 if count else 0)
        if count and size > max_chars:
            return count
    return min(len(lines), max_lines)


def stamp(embed: discord.Embed, page: int, window: Window) -> discord.Embed:
    """The page with its number in the footer, when there is more than one page."""
    if window.back is None and window.forward is None:
        return embed
    embed = embed.copy()
    footer = embed.footer.text
    embed.set_footer(text=f"{footer} · Page {page}" if footer else f"Page {page}")
    return embed


class CursorButton(
    RestartProof[discord.ui.Button[Any]],
    template=r"keyset:(?P<direction>prev|next):(?P<source>[a-z_]{1,20}):(?P<owner>[0-9]+)"
    r":(?P<page>[0-9]+):(?P<cursor>[0-9A-Za-z_.,-]{0,40})",
):
    def __init__(self, direction: str, source: str, owner_id: int, page: int, cursor: str | None) -> None:
        super().__init__(
            discord.ui.Button(
                label="◀ Previous" if direction == "prev" else "Next ▶",
                style=discord.ButtonStyle.secondary,
                disabled=cursor is None,
                custom_id=f"keyset:{direction}:{source}:{owner_id}:{page}:{cursor or ''}",
            )
        )
        self.source, self.owner_id, self.page, self.cursor = source, owner_id, page, cursor or ""
        self.area = AREA_OF_SOURCE.get(source.split("_")[0], "")

    @classmethod
    def from_fields(cls, fields: Fields) -> CursorButton:
        page = max(fields.number("page", MAX_PAGE), 1)
        return cls(
            fields.text("direction"), fields.text("source"), fields.id("owner"), page, fields.text("cursor")
        )

    async def act(self, interaction: discord.Interaction) -> None:
        if interaction.user.id != self.owner_id:
            raise NotAllowed("These pages belong to someone else. Run the command yourself to browse.")
        window = await _reader(interaction.client, self.source)(interaction, self.cursor)
        page = 1 if window.back is None else max(self.page, 2)
        await interaction.response.edit_message(
            embed=stamp(window.embed, page, window),
            view=window_view(self.source, self.owner_id, page, window),
        )


def window_view(source: str, owner_id: int, page: int, window: Window) -> discord.ui.View:
    """Previous and Next for page `page` (no buttons when it is the only page)."""
    view = discord.ui.View(timeout=None)
    if window.back is not None or window.forward is not None:
        view.add_item(CursorButton("prev", source, owner_id, max(page - 1, 1), window.back))
        view.add_item(CursorButton("next", source, owner_id, min(page + 1, MAX_PAGE), window.forward))
    return view


async def send_window(
    interaction: discord.Interaction, source: str, window: Window, *, ephemeral: bool = True
) -> None:
    """Answer with the first page and, when there are more, the buttons."""
    _reader(interaction.client, source)  # fail now, not on the first click
    embed = stamp(window.embed, 1, window)
    if window.back is None and window.forward is None:
        await interaction.response.send_message(embed=embed, ephemeral=ephemeral)
        return
    view = window_view(source, interaction.user.id, 1, window)
    await interaction.response.send_message(embed=embed, view=view, ephemeral=ephemeral)
