"""/lore timeline: dated lore in order, a page of text at a time (Previous and Next read the page
before or after the one shown, from the entry at its edge: bot/services/lore_timeline.py), or as
pictures, one era at a time (_timeline_pictures.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.application.checks import config_of, requires
from bot.application.components import Fields, RestartProof
from bot.domain.errors import NotAllowed
from bot.services.factions import faction_names
from bot.services.lore import LoreService
from bot.services.lore_timeline import START, At, place_of
from bot.ui import lore_pages
from bot.ui.pager import Paged, expand, send_pages, shorten

from ._components import lore_service
from ._timeline_pictures import send_timeline_pictures
from ._timeline_read import read_timeline, timeline_arg

SOURCE = "lore_timeline"  # the page source older messages' pager buttons ask for


class TimelineCommands(commands.Cog):
    service: LoreService

    async def _timeline_pages(self, interaction: discord.Interaction, arg: str) -> Paged:
        """The first page again, for the Previous/Next buttons of messages from before pages
        were read one at a time."""
        return await timeline_answer(self.service, interaction, arg)

    @app_commands.command(
        name="timeline", description="Dated lore in order, optionally for one faction and span."
    )
    @app_commands.describe(
        faction="Only entries about this faction",
        from_year="First year",
        to_year="Last year",
        picture="Draw it: years on an axis, entries coloured by faction",
    )
    @requires(tiers=True)
    async def timeline(
        self,
        interaction: discord.Interaction,
        faction: app_commands.Range[str, 1, 100] | None = None,
        from_year: app_commands.Range[int, -10000, 10000] | None = None,
        to_year: app_commands.Range[int, -10000, 10000] | None = None,
        picture: bool = False,
    ) -> None:
        arg = timeline_arg(faction, from_year, to_year)
        private = (await config_of(interaction)).private_answers(interaction.channel_id)
        if picture:
            await send_timeline_pictures(self.service, interaction, arg, ephemeral=private)
            return
        answer = await timeline_answer(self.service, interaction, arg)
        await send_pages(interaction, SOURCE, answer, arg=arg, ephemeral=private)

    @timeline.autocomplete("faction")
    async def faction_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=f, value=f) for f in faction_names().suggest(current)]


async def timeline_answer(
    service: LoreService, interaction: discord.Interaction, arg: str, at: At = START, number: int = 1
) -> Paged:
    """The page of the timeline `arg` asks for that starts at `at` (page `number`), with
    Previous/Next buttons that carry the entries at its edges when there is more to read."""
    page, heading = await read_timeline(service, interaction, arg, at, lore_pages.TIMELINE_LINES)
    if at.back and not page.entries:  # nothing before it any more: the beginning
        return await timeline_answer(service, interaction, arg)
    embed, count = lore_pages.timeline_page(page.entries, heading, from_end=at.back)
    shown = page.entries[len(page.entries) - count :] if at.back else page.entries[:count]
    before = page.before or (at.back and count < len(page.entries))
    after = page.after or (not at.back and count < len(page.entries))
    if not (before or after):
        return Paged([embed])
    number = max(number, 2) if before else 1
    embed.set_footer(text=f"Page {number}")
    short, owner = await shorten(interaction, arg), interaction.user.id
    return Paged(
        [embed],
        [
            TimelineButton("prev", owner, number - 1, short, place_of(shown[0]), disabled=not before),
            TimelineButton("next", owner, number + 1, short, place_of(shown[-1]), disabled=not after),
        ],
    )


class TimelineButton(
    RestartProof[discord.ui.Button[Any]],
    # at most 8 + 5 + 20 + 1 + 4 + 1 + 20 + 1 + 37 = 97 characters (Discord allows 100)
    template=r"lore:tl:(?P<way>prev|next):(?P<owner>[0-9]+):(?P<page>[0-9]+)"
    r":(?P<arg>[0-9A-Za-z_.,@-]{0,40}):(?P<at>[a-z0-9.-]{1,40})",
):
    """Previous or Next on a timeline: the page just before or after the entry it carries, for
    the member who asked only. Restart-proof: the custom_id says everything."""

    area = "lore"

    def __init__(self, way: str, owner_id: int, page: int, arg: str, at: str, *, disabled: bool = False):
        label = "◀ Previous" if way == "prev" else "Next ▶"
        page = max(1, min(page, 9999))
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                disabled=disabled,
                custom_id=f"lore:tl:{way}:{owner_id}:{page}:{arg}:{at}",
            )
        )
        self.way, self.owner_id, self.page, self.arg, self.at = way, owner_id, page, arg, at

    @classmethod
    def from_fields(cls, fields: Fields) -> TimelineButton:
        page = fields.number("page", 9999)
        return cls(fields.text("way"), fields.id("owner"), page, fields.text("arg"), fields.text("at"))

    async def act(self, interaction: discord.Interaction) -> None:
        if interaction.user.id != self.owner_id:
            raise NotAllowed("These pages belong to someone else. Run the command yourself to browse.")
        arg = await expand(interaction, self.arg)
        at = At(self.at, back=self.way == "prev")
        answer = await timeline_answer(lore_service(interaction.client), interaction, arg, at, self.page)
        await interaction.response.edit_message(embed=answer.pages[0], view=_view(answer.extras))


def _view(items: Sequence[discord.ui.Item[Any]]) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    return view
