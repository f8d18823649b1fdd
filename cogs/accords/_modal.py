"""The form a long article is written in; submitted, it is tabled like any other."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import discord

from bot.application.interaction_errors import handle_interaction_error
from bot.domain.accords import Clause
from bot.domain.accords.machine import MAX_TEXT as MAX_ARTICLE_TEXT

from ._actions import table


class ArticleModal(discord.ui.Modal):
    """A long article is written in a form; the same rules apply when it is submitted."""

    def __init__(
        self, game_id: int, clause: Clause, parties: list[str] | None, terms: Mapping[str, str]
    ) -> None:
        super().__init__(title="Table an article", timeout=1800)
        self.game_id, self.clause, self.parties, self.terms = game_id, clause, parties, terms
        self.text: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=f"Article ({clause.value})"[:45],
            style=discord.TextStyle.paragraph,
            max_length=MAX_ARTICLE_TEXT,
        )
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await table(interaction, self.game_id, self.clause, self.text.value, self.parties, self.terms)

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await handle_interaction_error(interaction, error)
