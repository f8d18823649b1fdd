"""Restart-proof components of /lore: the related-entries select and the removal confirmation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord
from discord.ext.commands.bot import BotBase

from bot.checks import ensure_area_enabled, require_moderator
from bot.domain.errors import NotAllowed
from bot.interaction_errors import handle_interaction_error
from bot.services.lore import LoreService
from cogs._confirm import answer, choice_button

if TYPE_CHECKING:
    from bot.domain.lore import LoreEntry


def lore_service(client: discord.Client) -> LoreService:
    cog = client.get_cog("Lore") if isinstance(client, BotBase) else None
    service = getattr(cog, "service", None)
    if not isinstance(service, LoreService):
        raise NotAllowed("Lore is not available right now.")
    return service


class RelatedSelect(
    discord.ui.DynamicItem[discord.ui.Select[Any]],
    template=r"lore:related:(?P<key>[a-z0-9-]{1,60})",
):
    """Opens one of an entry's related entries, privately, for whoever picks it."""

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
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> RelatedSelect:
        return cls(match["key"])

    async def callback(self, interaction: discord.Interaction) -> None:
        from . import show_entry  # the cog module renders entries

        try:
            await ensure_area_enabled(interaction, "lore")
            service = lore_service(interaction.client)
            entry = await service.get(interaction.guild_id, self.key)
            data: dict[str, Any] = dict(interaction.data or {})
            values = data.get("values") or []
            chosen = str(values[0]) if values else ""
            if chosen not in entry.related:  # a forged value: only offered entries open
                raise NotAllowed("That entry is not one of the related entries offered here.")
            await show_entry(interaction, await service.get(interaction.guild_id, chosen), ephemeral=True)
        except Exception as error:
            await handle_interaction_error(interaction, error)


class RemoveButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"lore:remove:(?P<entry>[0-9]{1,18}):(?P<user>[0-9]{1,20}):(?P<choice>yes|no)",
):
    """Confirm or cancel removing a server entry; only the moderator who asked may press."""

    def __init__(self, entry_id: int, user_id: int, choice: str) -> None:
        custom_id = f"lore:remove:{entry_id}:{user_id}:{choice}"
        super().__init__(choice_button(custom_id, choice, "Remove it", "Keep it"))
        self.entry_id, self.user_id, self.choice = entry_id, user_id, choice

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> RemoveButton:
        return cls(int(match["entry"]), int(match["user"]), match["choice"])

    async def callback(self, interaction: discord.Interaction) -> None:
        async def confirmed() -> None:
            await ensure_area_enabled(interaction, "lore")
            await require_moderator(interaction)
            assert interaction.guild_id is not None
            service = lore_service(interaction.client)
            removed = await service.remove(interaction.guild_id, f"server-{self.entry_id}")
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
