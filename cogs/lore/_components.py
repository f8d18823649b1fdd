"""Restart-proof components of /lore: the related-entries select and the removal confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.application.checks import require_moderator
from bot.application.components import Fields, RestartProof, service_of
from bot.domain.errors import NotAllowed
from bot.services.lore import LoreService
from bot.ui.pager import send_source
from cogs._confirm import answer, choice_button

if TYPE_CHECKING:
    from bot.domain.lore import LoreEntry

ENTRY_PAGES = "lore_entry"  # the page source that shows an entry (cogs/lore/__init__.py registers it)


def lore_service(client: discord.Client) -> LoreService:
    return service_of(client, "Lore", LoreService)


class RelatedSelect(
    RestartProof[discord.ui.Select[Any]],
    template=r"lore:related:(?P<key>[a-z0-9-]{1,60})",
):
    """Opens one of an entry's related entries, privately, for whoever picks it."""

    area = "lore"

    def __init__(self, key: str, options: list[discord.SelectOption] | None = None) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=f"lore:related:{key}",
                placeholder="Related entries…",
                options=options or [discord.SelectOption(label="…", value="-")],
                min_values=1,
                max_values=1,
            )
        )
        self.key = key

    @classmethod
    def for_entry(cls, entry: LoreEntry, titles: dict[str, str]) -> RelatedSelect | None:
        options = [
            discord.SelectOption(label=titles[key][:100], value=key) for key in entry.related if key in titles
        ][:25]
        return cls(entry.key, options) if options and len(entry.key) <= 60 else None

    @classmethod
    def from_fields(cls, fields: Fields) -> RelatedSelect:
        return cls(fields.text("key"))

    async def act(self, interaction: discord.Interaction) -> None:
        entry = await lore_service(interaction.client).get(interaction.guild_id, self.key)
        data: dict[str, Any] = dict(interaction.data or {})
        values = data.get("values") or []
        chosen = str(values[0]) if values else ""
        if chosen not in entry.related:  # a forged value: only offered entries open
            raise NotAllowed("That entry is not one of the related entries offered here.")
        await send_source(interaction, ENTRY_PAGES, chosen, ephemeral=True)


class RemoveButton(
    RestartProof[discord.ui.Button[Any]],
    template=r"lore:remove:(?P<entry>[0-9]+):(?P<user>[0-9]+):(?P<choice>yes|no)",
):
    """Confirm or cancel removing a server entry; only the moderator who asked may press."""

    area = "lore"

    def __init__(self, entry_id: int, user_id: int, choice: str) -> None:
        custom_id = f"lore:remove:{entry_id}:{user_id}:{choice}"
        super().__init__(choice_button(custom_id, choice, "Remove it", "Keep it"))
        self.entry_id, self.user_id, self.choice = entry_id, user_id, choice

    @classmethod
    def from_fields(cls, fields: Fields) -> RemoveButton:
        return cls(fields.id("entry"), fields.id("user"), fields.text("choice"))

    async def act(self, interaction: discord.Interaction) -> None:
        async def confirmed() -> None:
            await require_moderator(interaction)
            assert interaction.guild_id is not None
            service, key = lore_service(interaction.client), f"server-{self.entry_id}"
            await service.get(interaction.guild_id, key)  # another server's id: refused, not "gone"
            removed = await service.remove(interaction.guild_id, key)
            text = "Removed." if removed else "That entry was already gone."
            await interaction.response.edit_message(content=text, embed=None, view=None)

        await answer(
            interaction,
            asker_id=self.user_id,
            choice=self.choice,
            kept="Kept. Nothing was removed.",
            confirmed=confirmed,
            asker="moderator",
        )


def confirm_view(entry_id: int, user_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(RemoveButton(entry_id, user_id, "yes"))
    view.add_item(RemoveButton(entry_id, user_id, "no"))
    return view
