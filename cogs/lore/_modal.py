"""The modal moderators write server lore in (for /lore add and /lore edit)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.domain import lore as rules
from bot.domain.lore import Kind, LoreEntry
from bot.interaction_errors import handle_interaction_error
from bot.storage.lore import Draft

Save = Callable[[discord.Interaction, Draft], Awaitable[None]]
MODAL_BODY = 4000  # Discord's limit for one text input


class LoreModal(discord.ui.Modal):
    def __init__(
        self, *, kind: Kind, factions: tuple[str, ...], save: Save, entry: LoreEntry | None = None
    ) -> None:
        super().__init__(title="Edit server lore" if entry else "New server lore", timeout=900)
        self.kind, self.factions, self.save = kind, factions, save
        self.entry_title: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label="Title", max_length=rules.MAX_TITLE, default=entry.title if entry else None
        )
        self.aliases: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label="Other names (comma-separated)",
            required=False,
            max_length=1000,
            default=", ".join(entry.aliases) if entry else None,
        )
        self.years: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label="Years (2293 or 2267-2271)",
            required=False,
            max_length=20,
            default=str(entry.years) if entry and entry.years.known else None,
        )
        self.summary: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label="Summary (one paragraph)",
            style=discord.TextStyle.paragraph,
            max_length=rules.MAX_SUMMARY,
            default=entry.summary if entry else None,
        )
        # A body longer than a modal field (an import, say) is kept as it is rather than
        # shown cut short, where saving would silently lose the rest.
        self.kept_body = entry.body if entry and len(entry.body) > MODAL_BODY else None
        self.body: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label="Body (Markdown; ## for headings)",
            style=discord.TextStyle.paragraph,
            required=False,
            max_length=MODAL_BODY,
            default=entry.body if entry else None,
        )
        for item in (self.entry_title, self.aliases, self.years, self.summary):
            self.add_item(item)
        if self.kept_body is None:
            self.add_item(self.body)

    def draft(self) -> Draft:
        return Draft(
            title=rules.clean_title(self.entry_title.value),
            kind=self.kind,
            summary=rules.clean_summary(self.summary.value),
            body=rules.clean_body(self.kept_body if self.kept_body is not None else self.body.value),
            aliases=rules.clean_aliases(self.aliases.value),
            years=rules.parse_years(self.years.value.replace("–", "-")),
            factions=self.factions,
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.save(interaction, self.draft())

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await handle_interaction_error(interaction, error)
