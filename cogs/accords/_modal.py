"""The form an article is written in: its words and every term its clause still needs.

/accord propose opens it when the words or a term are missing (a slash command cannot ask a
follow-up question). Discord cannot answer a form with another form, so a refused one comes back
privately with a button that opens it again, filled in with everything typed, as the lore forms
do. A form holds five fields: a clause needing more terms than fit asks the empty ones first,
and the reopened form asks the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import discord

from bot.application.interaction_errors import RoutedView, handle_interaction_error
from bot.domain.accords import Clause
from bot.domain.accords.clauses import Term, TermKind, needed_by
from bot.domain.accords.machine import MAX_TEXT as MAX_ARTICLE_TEXT
from bot.domain.errors import KhitomerError
from bot.services.accords import power_named

from ._actions import table

log = logging.getLogger(__name__)

MAX_FIELDS = 5  # Discord's limit for one form
REOPEN_SECONDS = 900  # an interaction's token lasts 15 minutes: the button lives as long


@dataclass(frozen=True, slots=True)
class Draft:
    """An article being written: where, what kind, and everything typed so far."""

    game_id: int
    clause: Clause
    parties: list[str] | None  # as the command named them; None: the default
    seated: tuple[str, ...]  # the powers a power term may name
    text: str = ""
    terms: Mapping[str, str] = field(default_factory=dict)  # by term name, as typed or given


def form_terms(needed: Sequence[Term], filled: Mapping[str, str], room: int) -> tuple[Term, ...]:
    """The terms a form asks for, at most `room`: the empty ones first, in their declared order."""
    chosen = sorted(needed, key=lambda t: bool(filled.get(t.name)))[:room]
    return tuple(t for t in needed if t in chosen)


def _either(powers: Sequence[str]) -> str:
    return powers[0] if len(powers) == 1 else f"{', '.join(powers[:-1])} or {powers[-1]}"


class ArticleModal(discord.ui.Modal):
    """The words of an article and the terms its clause needs; submitted, it is tabled like any other."""

    def __init__(self, draft: Draft) -> None:
        super().__init__(title="Table an article", timeout=1800)
        self.draft = draft
        self.text: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=f"Article ({draft.clause.value})"[:45],
            style=discord.TextStyle.paragraph,
            max_length=MAX_ARTICLE_TEXT,
            default=draft.text[:MAX_ARTICLE_TEXT] or None,
        )
        self.add_item(self.text)
        self.asked: dict[str, discord.ui.TextInput[Any]] = {}
        for term in form_terms(needed_by(draft.clause), draft.terms, MAX_FIELDS - 1):
            power = term.kind is TermKind.POWER
            self.asked[term.name] = discord.ui.TextInput(
                label=term.question[:45],
                max_length=term.max_length,
                default=draft.terms.get(term.name, "")[: term.max_length] or None,
                placeholder=_either(draft.seated)[:100] if power and draft.seated else None,
            )
            self.add_item(self.asked[term.name])

    def typed(self) -> Draft:
        """The draft with what this form holds now."""
        terms = {**self.draft.terms, **{name: field.value for name, field in self.asked.items()}}
        return replace(self.draft, text=self.text.value, terms=terms)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        draft = self.typed()
        kinds = {term.name: term.kind for term in needed_by(draft.clause)}
        terms = {
            name: power_named(value, draft.seated) if kinds.get(name) is TermKind.POWER else value
            for name, value in draft.terms.items()
            if value.strip()
        }
        await table(interaction, draft.game_id, draft.clause, draft.text, draft.parties, terms)

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        # A refusal comes before anything is stored (the rules decide before the unit of work).
        if isinstance(error, KhitomerError) and not interaction.response.is_done():
            log.debug("article form refused: %s", error)
            await interaction.response.send_message(
                f"{error}\nNothing was tabled. **Fix the form** opens it again with everything you typed.",
                view=ReopenForm(self.typed(), interaction.user.id),
                ephemeral=True,
            )
            return
        await handle_interaction_error(interaction, error)


class ReopenForm(RoutedView):
    """The button under a refused form: opens it again, filled in, for the member who wrote it."""

    def __init__(self, draft: Draft, member_id: int) -> None:
        super().__init__(timeout=REOPEN_SECONDS)
        self.draft, self.member_id = draft, member_id

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        if interaction.user.id == self.member_id:
            return True
        await interaction.response.send_message(
            "Only the delegate who wrote this form can open it again.", ephemeral=True
        )
        return False

    @discord.ui.button(label="Fix the form", style=discord.ButtonStyle.primary)
    async def reopen(self, interaction: discord.Interaction, _button: discord.ui.Button[ReopenForm]) -> None:
        await interaction.response.send_modal(ArticleModal(self.draft))
