"""/lore: search, entries, timeline, random, and server lore for moderators."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.application.app import KhitomerBot
from bot.application.checks import config_of, require_moderator, requires
from bot.domain.access import TIER_WORDS
from bot.domain.errors import NotAllowed, NotFound
from bot.domain.guild_config import GuildConfig
from bot.domain.inert import quoted
from bot.domain.lore import Kind, LoreEntry, as_shown
from bot.services.lore import LoreService
from bot.services.lore_import import check_upload, known_entries, read_upload
from bot.services.worker_process import in_worker_process
from bot.storage.lore import Draft, server_id_of
from bot.ui import lore_pages
from bot.ui.pager import Paged, send_pages
from bot.ui.text import plain

from ._components import RelatedSelect, RemoveButton, confirm_view, lore_service
from ._modal import LoreModal
from ._search import search_pages
from ._timeline import TimelineButton, TimelineCommands
from ._timeline_pictures import TimelinePictureButton

KIND_CHOICES = [app_commands.Choice(name=k.value, value=k.value) for k in Kind if k is not Kind.SOURCE]


def shown(entry: LoreEntry, config: GuildConfig) -> LoreEntry:
    """The entry as this server shows it (its source tiers), or a refusal saying why not."""
    visible = as_shown(entry, config.allowed_tiers())
    if visible is None:
        shows = TIER_WORDS.get(config.raw("lore.tiers"), "its chosen")
        raise NotFound(
            f"{quoted(entry.title)} rests only on sources this server's settings hide: it shows only "
            f"{shows} sources and its own lore."
        )
    return visible


async def entry_answer(service: LoreService, entry: LoreEntry, config: GuildConfig) -> Paged:
    entry = shown(entry, config)
    tiers = config.allowed_tiers()
    # canon it links to, as this server's tiers allow; a server entry's own links always
    titles = {
        linked.key: linked.title
        for linked in await service.related(entry)
        if linked.guild_id or as_shown(linked, tiers) is not None
    }
    select = RelatedSelect.for_entry(entry, titles)
    return Paged(lore_pages.entry_pages(entry), [select] if select else [])


async def show_entry(
    interaction: discord.Interaction, entry: LoreEntry, *, ephemeral: bool | None = None
) -> None:
    config = await config_of(interaction)
    answer = await entry_answer(lore_service(interaction.client), entry, config)
    private = config.private_answers(interaction.channel_id) if ephemeral is None else ephemeral
    await send_pages(interaction, "lore_entry", answer, arg=entry.key, ephemeral=private)


@requires(area="lore")
class Lore(
    TimelineCommands,
    commands.GroupCog,
    group_name="lore",
    group_description="Ask about the lore, with sources.",
):
    def __init__(self, bot: KhitomerBot) -> None:
        self.bot = bot
        self.service = LoreService(bot.db)
        super().__init__()

    async def cog_load(self) -> None:
        await self.service.start(reindex_in_background=True)
        self.bot.add_dynamic_items(RelatedSelect, RemoveButton, TimelineButton, TimelinePictureButton)
        sources = self.bot.page_sources
        sources.register("lore_entry", self._entry_pages)
        sources.register("lore_search", self._search_pages)
        sources.register("lore_timeline", self._timeline_pages)

    async def cog_unload(self) -> None:
        await self.service.stop()

    # -- page sources ------------------------------------------------------------------------

    async def _entry_pages(self, interaction: discord.Interaction, key: str) -> Paged:
        entry = await self.service.get(interaction.guild_id, key)
        return await entry_answer(self.service, entry, await config_of(interaction))

    def _visible_key(self, key: str, tiers: frozenset[str]) -> bool:
        canon = self.service.by_key.get(key)
        return canon is None or as_shown(canon, tiers) is not None

    async def _search_pages(self, interaction: discord.Interaction, query: str) -> Paged:
        return await search_pages(self.service, interaction, query)

    # -- reading -----------------------------------------------------------------------------

    @app_commands.command(
        name="search", description="Search the lore: ranked, with the matching words shown."
    )
    @app_commands.describe(query="Words to look for, like 'Praxis' or 'cloaking device'. Typos are forgiven.")
    @requires(tiers=True)
    async def search(self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 200]) -> None:
        await send_pages(
            interaction,
            "lore_search",
            await self._search_pages(interaction, query),
            arg=query,
            ephemeral=(await config_of(interaction)).private_answers(interaction.channel_id),
        )

    @app_commands.command(
        name="entry", description="One lore entry: summary, body, years, factions and sources."
    )
    @app_commands.describe(topic="A person, place, ship, battle, treaty… (autocompletes)")
    @requires(tiers=True)
    async def entry(self, interaction: discord.Interaction, topic: app_commands.Range[str, 1, 200]) -> None:
        await show_entry(interaction, await self.service.find(interaction.guild_id, topic))

    @app_commands.command(name="random", description="A random lore entry.")
    @requires(tiers=True)
    async def random(self, interaction: discord.Interaction) -> None:
        tiers = (await config_of(interaction)).allowed_tiers()
        for _ in range(50):  # a few draws find a shown entry even under "canon only"
            key = await self.service.random_key(interaction.guild_id)
            if self._visible_key(key, tiers):
                break
        await show_entry(interaction, await self.service.get(interaction.guild_id, key))

    @entry.autocomplete("topic")
    async def topic_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        tiers = (await config_of(interaction)).allowed_tiers()
        return [
            app_commands.Choice(name=item.title[:100], value=item.key)
            for item in await self.service.suggest(interaction.guild_id, current)
            if self._visible_key(item.key, tiers)
        ]

    # -- server lore (moderators) ---------------------------------------------------------------

    @app_commands.command(name="add", description="Moderators: add an entry to this server's lore.")
    @requires(moderator=True)
    @app_commands.describe(kind="What the entry is about", faction="A faction it belongs to (optional)")
    @app_commands.choices(kind=KIND_CHOICES)
    @app_commands.guild_only()
    async def add(
        self,
        interaction: discord.Interaction,
        kind: app_commands.Choice[str],
        faction: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        factions = (faction.strip(),) if faction and faction.strip() else ()
        await interaction.response.send_modal(
            LoreModal(kind=Kind(kind.value), factions=factions, save=self._save_new)
        )

    async def _save_new(self, interaction: discord.Interaction, draft: Draft) -> None:
        await require_moderator(interaction)  # re-checked: the modal may be submitted much later
        assert interaction.guild_id is not None
        entry = await self.service.add(interaction.guild_id, interaction.user.id, draft)
        await interaction.response.send_message(
            f"Added **{plain(entry.title)}** to this server's lore.",
            embed=lore_pages.entry_pages(entry)[0],
            ephemeral=True,
        )

    @app_commands.command(name="edit", description="Moderators: edit one of this server's entries.")
    @requires(moderator=True)
    @app_commands.describe(topic="The server entry to edit")
    @app_commands.guild_only()
    async def edit(self, interaction: discord.Interaction, topic: app_commands.Range[str, 1, 200]) -> None:
        entry = await self._own_entry(interaction, topic)

        async def save(modal_interaction: discord.Interaction, draft: Draft) -> None:
            await require_moderator(modal_interaction)
            assert modal_interaction.guild_id is not None
            updated = await self.service.edit(modal_interaction.guild_id, entry.key, draft)
            await modal_interaction.response.send_message(
                f"Updated **{plain(updated.title)}**.", ephemeral=True
            )

        await interaction.response.send_modal(
            LoreModal(kind=entry.kind, factions=entry.factions, save=save, entry=entry)
        )

    @app_commands.command(name="remove", description="Moderators: remove one of this server's entries.")
    @requires(moderator=True)
    @app_commands.describe(topic="The server entry to remove")
    @app_commands.guild_only()
    async def remove(self, interaction: discord.Interaction, topic: app_commands.Range[str, 1, 200]) -> None:
        entry = await self._own_entry(interaction, topic)
        entry_id = server_id_of(entry.key)
        assert entry_id is not None
        await interaction.response.send_message(
            f"Remove **{plain(entry.title)}** from this server's lore? This cannot be undone.",
            view=confirm_view(entry_id, interaction.user.id),
            ephemeral=True,
        )

    @app_commands.command(
        name="import",
        description="Moderators: turn a wiki page (.md, .txt, .wiki or .xml export) into an entry.",
    )
    @requires(moderator=True)
    @app_commands.describe(
        file="A wiki page up to 1 MB: Markdown, text, wikitext, or a one-page MediaWiki export",
        kind="What the entry is about",
        title="The entry's name, if not the page's own title",
    )
    @app_commands.choices(kind=KIND_CHOICES)
    @app_commands.guild_only()
    async def import_(
        self,
        interaction: discord.Interaction,
        file: discord.Attachment,
        kind: app_commands.Choice[str],
        title: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        check_upload(file.filename, file.size)
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await file.read()
        known = await known_entries(self.service, interaction.guild_id, data.decode("utf-8", "replace"))
        # Parsing up to a megabyte and analysing it for search is CPU work that holds the GIL
        # (mwparserfromhell's tokenizer is C): in a worker process, so the bot answers meanwhile.
        upload = await in_worker_process(
            read_upload, data, file.filename, known.lookup, Kind(kind.value), title
        )
        page = upload.page
        entry = await self.service.add(
            interaction.guild_id, interaction.user.id, upload.draft, upload.analysis
        )
        esc = plain
        notes = [f"Imported **{esc(entry.title)}** with {page.sections} headed sections."]
        linked = [known.titles[key] for key in page.related if key in known.titles]
        if linked:
            notes.append(f"It links to entries this server knows: {esc(', '.join(linked[:10]))}.")
        await interaction.followup.send(
            "\n".join(notes)[:2000], embed=lore_pages.entry_pages(entry)[0], ephemeral=True
        )

    @edit.autocomplete("topic")
    @remove.autocomplete("topic")
    async def own_topic_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=item.title[:100], value=item.key)
            for item in await self.service.suggest(interaction.guild_id, current)
            if server_id_of(item.key) is not None
        ]

    async def _own_entry(self, interaction: discord.Interaction, topic: str) -> LoreEntry:
        entry = await self.service.find(interaction.guild_id, topic)
        if not entry.is_server_lore:
            raise NotAllowed(
                f"{quoted(entry.title)} is canon lore, which cannot be changed here. Only server lore can."
            )
        return entry


async def setup(bot: KhitomerBot) -> None:
    await bot.add_cog(Lore(bot))
