"""/lore timeline picture:True: the timeline one era at a time. One picture to a message, so
Discord shows it at its full preview size (several attachments share that room in a grid), with
Previous and Next for the eras before and after.

Restart-proof: the buttons carry what was asked and the picture's number; a click reads the
timeline again and draws that picture. Cutting into eras measures every title many times and
drawing is CPU work: both in one call to the worker process (bot/services/worker_process.py),
as a second of it in a thread stalled the event loop by up to 100 ms on a busy machine.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import discord

from bot.application.components import Fields, RestartProof
from bot.domain.errors import NotAllowed, NotFound
from bot.domain.pictures.timeline_layout import Dated
from bot.services.lore import LoreService
from bot.services.lore_timeline import START, Page
from bot.services.pictures import TIMELINE_MOST, TimelinePicture, dated, timeline_pictures
from bot.services.worker_process import in_worker_process
from bot.ui.pager import expand, shorten
from bot.ui.text import plain

from ._components import lore_service
from ._timeline_read import read_timeline, timeline_args

MOST_PICTURES = 999  # the largest picture number a button carries
NOTHING = "No dated entry matches."


@dataclass(frozen=True, slots=True)
class Drawn:
    png: bytes
    picture: TimelinePicture
    number: int  # from 0
    total: int


def draw(
    entries: Sequence[Dated], faction: str | None, window: tuple[int | None, int | None], number: int
) -> Drawn:
    """Picture `number` (the last, past the end) of the timeline's eras: in the worker process."""
    from bot.ui.pictures import draw_timeline, measure  # Pillow: preloaded there, never here

    pictures = timeline_pictures(entries, faction, measure, window)
    number = min(number, len(pictures) - 1)
    picture = pictures[number]
    return Drawn(draw_timeline(picture.layout(measure)), picture, number, len(pictures))


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    file: discord.File
    buttons: list[TimelinePictureButton]


async def read(service: LoreService, interaction: discord.Interaction, arg: str) -> tuple[Page, str]:
    """The entries the pictures show (TIMELINE_MOST at most) and the heading of what was asked."""
    page, heading = await read_timeline(service, interaction, arg, START, TIMELINE_MOST)
    if not page.entries:
        raise NotFound(NOTHING)
    return page, heading


async def answer(interaction: discord.Interaction, arg: str, page: Page, heading: str, number: int) -> Answer:
    _, low, high = timeline_args(arg)
    drawn = await in_worker_process(draw, dated(page.entries), page.faction, (low, high), number)
    era, count = drawn.picture.era, len(page.entries)
    text = f"**{plain(heading)}**: {count} dated {'entry' if count == 1 else 'entries'}"
    if drawn.total > 1:
        entries = len(era.entries)
        text += (
            f" in {drawn.total} pictures, one for each era. Picture {drawn.number + 1} of {drawn.total}:"
            f" {era.name}, {entries} {'entry' if entries == 1 else 'entries'}."
        )
    else:
        text += "."
    if page.after:
        text += (
            f" Later ones are left out (after {page.entries[-1].years}):"
            " narrow it with from_year, to_year or faction."
        )
    file = discord.File(io.BytesIO(drawn.png), filename="timeline.png", description=drawn.picture.alt)
    buttons = []
    if drawn.total > 1:
        short, owner, at = await shorten(interaction, arg), interaction.user.id, drawn.number
        buttons = [
            TimelinePictureButton("prev", owner, max(at - 1, 0), short, disabled=at == 0),
            TimelinePictureButton(
                "next", owner, min(at + 1, drawn.total - 1), short, disabled=at == drawn.total - 1
            ),
        ]
    return Answer(text, file, buttons)


async def send_timeline_pictures(
    service: LoreService, interaction: discord.Interaction, arg: str, *, ephemeral: bool
) -> None:
    """The first era's picture, or a private refusal when nothing is dated; deferred first, as
    drawing may take longer than Discord's three seconds on a busy machine."""
    page, heading = await read_timeline(service, interaction, arg, START, TIMELINE_MOST)
    if not page.entries:
        await interaction.response.send_message(NOTHING, ephemeral=True)
        return
    await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    shown = await answer(interaction, arg, page, heading, 0)
    extra: dict[str, Any] = {"view": _view(shown.buttons)} if shown.buttons else {}
    await interaction.followup.send(shown.text, file=shown.file, ephemeral=ephemeral, **extra)


class TimelinePictureButton(
    RestartProof[discord.ui.Button[Any]],
    # at most 8 + 5 + 20 + 1 + 3 + 1 + 40 = 78 characters (Discord allows 100)
    template=r"lore:tp:(?P<way>prev|next):(?P<owner>[0-9]+):(?P<number>[0-9]+):(?P<arg>[0-9A-Za-z_.,@-]{0,40})",
):
    """Previous or Next on the timeline's pictures: picture `number`, for the member who asked."""

    area = "lore"

    def __init__(self, way: str, owner_id: int, number: int, arg: str, *, disabled: bool = False):
        label = "◀ Previous" if way == "prev" else "Next ▶"
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                disabled=disabled,
                custom_id=f"lore:tp:{way}:{owner_id}:{number}:{arg}",
            )
        )
        self.way, self.owner_id, self.number, self.arg = way, owner_id, number, arg

    @classmethod
    def from_fields(cls, fields: Fields) -> TimelinePictureButton:
        number = fields.number("number", MOST_PICTURES)
        return cls(fields.text("way"), fields.id("owner"), number, fields.text("arg"))

    async def act(self, interaction: discord.Interaction) -> None:
        if interaction.user.id != self.owner_id:
            raise NotAllowed("These pages belong to someone else. Run the command yourself to browse.")
        arg = await expand(interaction, self.arg)
        page, heading = await read(lore_service(interaction.client), interaction, arg)
        await interaction.response.defer()
        shown = await answer(interaction, arg, page, heading, self.number)
        await interaction.edit_original_response(
            content=shown.text, attachments=[shown.file], view=_view(shown.buttons)
        )


def _view(items: Sequence[discord.ui.Item[Any]]) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    return view
