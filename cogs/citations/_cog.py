"""The message commands: right-click a message → Apps → "Quote treaties cited" or "Look up lore
named here". They need no privileged intent: Discord sends the message with the command.

The answers are /treaty quote's pages and /lore entry's cards, shown as those commands show
them (answers.visibility), below a note that links the message and says what has no page.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.application.app import KhitomerBot
from bot.application.checks import config_of, requires
from bot.application.components import service_of
from bot.domain.errors import NotFound
from bot.services import citations
from bot.services.citations import Links
from bot.services.treaties import TreatyService
from bot.ui import lore_pages, treaty_pages
from bot.ui.citation_pages import (
    LORE_MENU,
    NO_LINKS,
    NO_REFERENCES,
    QUOTE_MENU,
    Missing,
    citations_note,
    links_note,
)
from bot.ui.pager import send_pages
from cogs.lore._components import lore_service

QUOTE_PAGES, CARD_PAGES = "treaty_citations", "lore_links"  # page sources (the pager's areas by prefix)
QUOTE_HELP = "every treaty and accord article a message cites, quoted in order"
LORE_HELP = "the lore card of every [[name]] linked in a message"


def treaty_service(client: discord.Client) -> TreatyService:
    return service_of(client, "Treaties", TreatyService)


def missing_of(links: Links) -> list[Missing]:
    return [Missing(a.link.name, a.closest, a.hidden) for a in links.answers if a.entry is None]


def problems_of(found: citations.Citations) -> list[str]:
    return [c.problem for c in found.cited if c.quote is None]


class Citations(commands.Cog, name="Citations"):
    def __init__(self, bot: KhitomerBot) -> None:
        self.bot = bot
        self.menus = (
            app_commands.ContextMenu(
                name=QUOTE_MENU, callback=self.quote_cited, extras={"area": "Treaties", "help": QUOTE_HELP}
            ),
            app_commands.ContextMenu(
                name=LORE_MENU, callback=self.lore_named, extras={"area": "Lore", "help": LORE_HELP}
            ),
        )

    async def cog_load(self) -> None:
        for menu in self.menus:
            self.bot.tree.add_command(menu)
        self.bot.page_sources.register(QUOTE_PAGES, self._quote_pages)
        self.bot.page_sources.register(CARD_PAGES, self._card_pages)

    async def cog_unload(self) -> None:
        for menu in self.menus:
            self.bot.tree.remove_command(menu.name, type=menu.type)

    # -- page sources: a page rebuilt from the button's argument ------------------------------

    async def _quote_pages(self, interaction: discord.Interaction, arg: str) -> list[discord.Embed]:
        quotes = await citations.quotes_of(treaty_service(interaction.client), interaction.guild_id, arg)
        if not quotes:
            raise NotFound("Those treaties are not available here any more.")
        return [page for quote in quotes for page in treaty_pages.quote_pages(quote)]

    async def _card_pages(self, interaction: discord.Interaction, arg: str) -> list[discord.Embed]:
        tiers = (await config_of(interaction)).allowed_tiers()
        lore = lore_service(interaction.client)
        entries = await citations.entries_of(lore, interaction.guild_id, arg.split("."), tiers)
        if not entries:
            raise NotFound("Those entries are not available here any more.")
        return [lore_pages.entry_pages(entry)[0] for entry in entries]

    # -- the message commands ----------------------------------------------------------------

    @requires(area="treaties")
    async def quote_cited(self, interaction: discord.Interaction, message: discord.Message) -> None:
        found = await citations.cited_in(
            treaty_service(interaction.client), interaction.guild_id, message.content
        )
        if not found.cited:
            await interaction.response.send_message(NO_REFERENCES, ephemeral=True)
            return
        quotes = [c.quote for c in found.cited if c.quote is not None]
        note = citations_note(message.jump_url, problems_of(found), found.skipped, quoted_any=bool(quotes))
        private = (await config_of(interaction)).private_answers(interaction.channel_id)
        if not quotes:
            await interaction.response.send_message(note, ephemeral=private)
            return
        pages = [page for quote in quotes for page in treaty_pages.quote_pages(quote)]
        arg = citations.refs_arg(found.cited)
        await send_pages(interaction, QUOTE_PAGES, pages, arg=arg, ephemeral=private, content=note)

    @requires(area="lore", tiers=True)
    async def lore_named(self, interaction: discord.Interaction, message: discord.Message) -> None:
        config = await config_of(interaction)
        lore = lore_service(interaction.client)
        links = await citations.linked_in(lore, interaction.guild_id, message.content, config.allowed_tiers())
        if not links.answers:
            await interaction.response.send_message(NO_LINKS, ephemeral=True)
            return
        entries = list({a.entry.key: a.entry for a in links.answers if a.entry is not None}.values())
        note = links_note(message.jump_url, missing_of(links), links.skipped, found_any=bool(entries))
        private = config.private_answers(interaction.channel_id)
        if not entries:
            await interaction.response.send_message(note, ephemeral=private)
            return
        pages = [lore_pages.entry_pages(entry)[0] for entry in entries]
        arg = ".".join(entry.key for entry in entries)
        await send_pages(interaction, CARD_PAGES, pages, arg=arg, ephemeral=private, content=note)
