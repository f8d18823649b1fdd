"""Negotiation and ratification: table, answer, amend and withdraw articles; sign or refuse."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.services.accords import power_named, powers_named
from bot.storage import games as game_store
from bot.ui import accord_pages

from ._actions import CLAUSES, table
from ._core import AccordsCore, act
from ._modal import ArticleModal
from ._views import signing_view


class TableCommands(AccordsCore):
    @app_commands.command(name="propose", description="Table an article for the accord.")
    @app_commands.describe(
        clause="What kind of article",
        text="Its words (leave empty to write a long text in a form)",
        parties="Powers it binds, comma-separated (default: all seated)",
        subject="What is transferred, ceded or banned (needed by those clauses)",
        giver="From which power (technology transfer, territory)",
        receiver="To which power (technology transfer, territory)",
    )
    @app_commands.choices(clause=CLAUSES)
    async def propose(
        self,
        interaction: discord.Interaction,
        clause: app_commands.Choice[str],
        text: app_commands.Range[str, 1, 1500] | None = None,
        parties: app_commands.Range[str, 1, 300] | None = None,
        subject: app_commands.Range[str, 1, 100] | None = None,
        giver: app_commands.Range[str, 1, 60] | None = None,
        receiver: app_commands.Range[str, 1, 60] | None = None,
    ) -> None:
        game = await self._game_here(interaction)
        seated = game.seated_powers()
        bound = powers_named(parties, seated) if parties else None
        typed = {
            "subject": subject or "",
            "giver": power_named(giver, seated) if giver else "",
            "receiver": power_named(receiver, seated) if receiver else "",
        }
        if text is None:
            await interaction.response.send_modal(ArticleModal(game.game_id, clause.value, bound, typed))
            return
        await table(interaction, game.game_id, clause.value, text, bound, typed)

    @app_commands.command(name="support", description="Support an article on the table.")
    async def support(
        self, interaction: discord.Interaction, article: app_commands.Range[int, 1, 999]
    ) -> None:
        await self._simple(
            interaction, "support", f"Support recorded for Article {article}.", article=article
        )

    @app_commands.command(name="oppose", description="Oppose an article on the table.")
    async def oppose(
        self, interaction: discord.Interaction, article: app_commands.Range[int, 1, 999]
    ) -> None:
        await self._simple(
            interaction, "oppose", f"Opposition recorded to Article {article}.", article=article
        )

    @app_commands.command(
        name="ratify", description="Host: close the draft and put the agreed articles up for signature."
    )
    async def ratify(self, interaction: discord.Interaction) -> None:
        game = await self._game_here(interaction)
        state, _ = await act(interaction, game.game_id, "ratify")
        await interaction.response.send_message(
            embed=accord_pages.draft_embed(state), view=signing_view(state)
        )
        posted = await interaction.original_response()
        await game_store.remember_message(
            self.service.db, game.game_id, "draft", 0, posted.channel.id, posted.id
        )

    @app_commands.command(name="sign", description="Sign the accord for your power.")
    async def sign(self, interaction: discord.Interaction) -> None:
        await self._simple(interaction, "sign", None, by=interaction.user.display_name)

    @app_commands.command(name="refuse", description="Refuse to sign the accord.")
    async def refuse(self, interaction: discord.Interaction) -> None:
        await self._simple(interaction, "refuse", None)

    @app_commands.command(
        name="amend", description="Change the words of an article you tabled (every party answers again)."
    )
    async def amend(
        self,
        interaction: discord.Interaction,
        article: app_commands.Range[int, 1, 999],
        text: app_commands.Range[str, 1, 1500],
    ) -> None:
        await self._simple(
            interaction,
            "amend",
            f"Article {article} amended: its parties answer again.",
            article=article,
            text=text,
        )

    @app_commands.command(name="retract", description="Withdraw an article you tabled.")
    async def retract(
        self, interaction: discord.Interaction, article: app_commands.Range[int, 1, 999]
    ) -> None:
        await self._simple(interaction, "retract", f"Article {article} is withdrawn.", article=article)
