"""The form moderators write server lore in (for /lore add and /lore edit).

A form with one bad field keeps what was typed: Discord cannot answer a form with another
form, so the refusal comes privately with a button that opens the form again, filled in with
everything the moderator wrote. Factions are resolved to the names canon files lore under
("Klingon" -> Klingon Empire), so the entry shows in that faction's timeline. A modal holds
five fields at most, so an entry's facts are the body's closing lines (`Born: 2340`, `Role: a
Romulan commander`), read by bot.domain.lore_facts.facts_from_lines and shown back the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import discord

from bot.application.interaction_errors import RoutedView, handle_interaction_error
from bot.domain import lore as rules
from bot.domain.errors import InvalidInput
from bot.domain.lore import Kind, LoreEntry
from bot.domain.lore_facts import facts_from_lines, with_fact_lines
from bot.services.factions import resolve_factions
from bot.storage.lore import Draft

log = logging.getLogger(__name__)

Save = Callable[[discord.Interaction, Draft], Awaitable[None]]
MODAL_BODY = 4000  # Discord's limit for one text input
REOPEN_SECONDS = 900  # an interaction's token lasts 15 minutes: the button lives as long


@dataclass(frozen=True, slots=True)
class Typed:
    """What the form's fields hold."""

    title: str = ""
    aliases: str = ""
    years: str = ""
    summary: str = ""
    body: str = ""

    @classmethod
    def of(cls, entry: LoreEntry | None) -> Typed:
        if entry is None:
            return cls()
        years = str(entry.years) if entry.years.known else ""
        body = with_fact_lines(entry.body, entry.facts)
        return cls(entry.title, ", ".join(entry.aliases), years, entry.summary, body)


class LoreModal(discord.ui.Modal):
    def __init__(
        self,
        *,
        kind: Kind,
        factions: tuple[str, ...],
        save: Save,
        entry: LoreEntry | None = None,
        typed: Typed | None = None,
    ) -> None:
        super().__init__(title="Edit server lore" if entry else "New server lore", timeout=900)
        self.kind, self.factions, self.save, self.entry = kind, factions, save, entry
        shown = typed if typed is not None else Typed.of(entry)
        self.entry_title: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label="Title", max_length=rules.MAX_TITLE, default=shown.title[: rules.MAX_TITLE] or None
        )
        self.aliases: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label="Other names (comma-separated)",
            required=False,
            max_length=1000,
            default=shown.aliases[:1000] or None,
        )
        self.years: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label="Years (2293 or 2267-2271)", required=False, max_length=20, default=shown.years[:20] or None
        )
        self.summary: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label="Summary (one paragraph)",
            style=discord.TextStyle.paragraph,
            max_length=rules.MAX_SUMMARY,
            default=shown.summary[: rules.MAX_SUMMARY] or None,
        )
        # A body longer than a modal field (an import, say) is kept as it is, with its facts,
        # rather than shown cut short, where saving would silently lose the rest.
        too_long = entry is not None and len(with_fact_lines(entry.body, entry.facts)) > MODAL_BODY
        self.kept_body = entry.body if entry is not None and too_long else None
        self.body: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label="Body (Markdown; ## for headings)",
            style=discord.TextStyle.paragraph,
            placeholder="The story. Facts close it, one a line: Born: 2340, Role: a Romulan commander…",
            required=False,
            max_length=MODAL_BODY,
            default=shown.body[:MODAL_BODY] or None,
        )
        for item in (self.entry_title, self.aliases, self.years, self.summary):
            self.add_item(item)
        if self.kept_body is None:
            self.add_item(self.body)

    def typed(self) -> Typed:
        body = self.body.value if self.kept_body is None else ""
        return Typed(self.entry_title.value, self.aliases.value, self.years.value, self.summary.value, body)

    def again(self) -> LoreModal:
        """The same form, filled in with what was typed into this one."""
        return LoreModal(
            kind=self.kind, factions=self.factions, save=self.save, entry=self.entry, typed=self.typed()
        )

    def draft(self) -> Draft:
        if self.kept_body is not None:
            body, facts = self.kept_body, None  # no body field: body and facts stay as they are
        else:
            body, facts = facts_from_lines(self.body.value)
        return Draft(
            title=rules.clean_title(self.entry_title.value),
            kind=self.kind,
            summary=rules.clean_summary(self.summary.value),
            body=rules.clean_body(body),
            aliases=rules.clean_aliases(self.aliases.value),
            years=rules.parse_years(self.years.value.replace("–", "-")),
            factions=resolve_factions(self.factions),
            facts=facts,
        )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.save(interaction, self.draft())

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        if isinstance(error, InvalidInput) and not interaction.response.is_done():
            log.debug("lore form refused: %s", error.message)
            await interaction.response.send_message(
                f"{error.message}\nNothing was saved. **Fix the form** opens it again with everything"
                " you typed.",
                view=ReopenForm(self, interaction.user.id),
                ephemeral=True,
            )
            return
        await handle_interaction_error(interaction, error)


class ReopenForm(RoutedView):
    """The button under a refused form: opens it again, filled in, for the member who wrote it."""

    def __init__(self, modal: LoreModal, member_id: int) -> None:
        super().__init__(timeout=REOPEN_SECONDS)
        self.modal, self.member_id = modal, member_id

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        if interaction.user.id == self.member_id:
            return True
        await interaction.response.send_message(
            "Only the moderator who wrote this form can open it again.", ephemeral=True
        )
        return False

    @discord.ui.button(label="Fix the form", style=discord.ButtonStyle.primary)
    async def reopen(self, interaction: discord.Interaction, _button: discord.ui.Button[ReopenForm]) -> None:
        await interaction.response.send_modal(self.modal.again())
