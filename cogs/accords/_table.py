"""Negotiation and ratification: table, answer, amend and withdraw articles; sign or refuse."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.domain.accords import Clause, clauses, decide
from bot.domain.accords import commands as c
from bot.domain.accords.clauses import TermKind, option_description
from bot.domain.accords.names import Names
from bot.services.accords import emblems, power_named, power_names, powers_named
from bot.ui import accord_pages

from ._actions import CLAUSES, table
from ._core import AccordsCore, act
from ._modal import ArticleModal, Draft
from ._post import post
from ._views import signing_view

F = TypeVar("F", bound=Callable[..., Any])


def with_term_options(func: F) -> F:
    """One optional slash option per clause term (clauses.TERMS), passed in `**terms`: a new
    term becomes an option without an edit here. discord.py reads options from the signature."""
    signature = inspect.signature(func)
    kept = [p for p in signature.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
    added = [
        inspect.Parameter(
            term.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=app_commands.Range[str, 1, term.max_length] | None,
        )
        for term in clauses.TERMS
    ]
    func.__signature__ = signature.replace(parameters=[*kept, *added])  # type: ignore[attr-defined]
    return app_commands.describe(**{term.name: option_description(term) for term in clauses.TERMS})(func)


class TableCommands(AccordsCore):
    # mypy cannot match `**terms` to the decorator's ParamSpec; discord.py reads the signature.
    @app_commands.command(name="propose", description="Table an article for the accord.")  # type: ignore[arg-type]
    @app_commands.describe(
        clause="What kind of article",
        text="Its words (leave empty to write them in a form, which also asks for any missing term)",
        parties="Powers it binds, comma-separated (default: all seated)",
    )
    @app_commands.choices(clause=CLAUSES)
    @with_term_options
    async def propose(
        self,
        interaction: discord.Interaction,
        clause: app_commands.Choice[str],
        text: app_commands.Range[str, 1, 1500] | None = None,
        parties: app_commands.Range[str, 1, 300] | None = None,
        **terms: str | None,
    ) -> None:
        game = await self._game_here(interaction)
        seated = game.seated_powers()
        bound = powers_named(parties, seated) if parties else None
        kinds = {term.name: term.kind for term in clauses.TERMS}
        given = {
            name: power_named(value, seated) if kinds.get(name) is TermKind.POWER else value
            for name, value in terms.items()
            if value
        }
        kind = Clause(clause.value)
        needed = clauses.needed_by(kind)
        if text is None or any(not given.get(term.name) for term in needed):
            if any(clauses.term(name) not in needed for name in given):
                clauses.checked_terms(kind, given, seated)  # refuses, naming the terms to leave out
            # Who may table, and whether now, does not depend on the words: asked before they are written.
            decide(game, c.Table(Clause.FREE_TEXT, "-", tuple(bound or ())), interaction.user.id)
            draft = Draft(game.game_id, kind, bound, seated, text or "", given)
            await interaction.response.send_modal(ArticleModal(draft))
            return
        await table(interaction, game.game_id, kind, text, bound, given)

    async def seated_power_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Power terms autocomplete to the powers seated at the conference here."""
        return [
            app_commands.Choice(name=p, value=p) for p in (await self._seated(interaction)).suggest(current)
        ]

    for _term in clauses.TERMS:
        if _term.kind is TermKind.POWER:
            propose.autocomplete(_term.name)(seated_power_choices)
    del _term

    @propose.autocomplete("parties")
    async def parties_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """The seated powers, completing the last of a comma-separated list."""
        listed = (await self._seated(interaction)).suggest_list(current)
        return [app_commands.Choice(name=v, value=v) for v in listed if len(v) <= 100]

    async def _seated(self, interaction: discord.Interaction) -> Names:
        game = await self._running_here(interaction)
        return power_names().among(game.seated_powers() if game is not None else ())

    @app_commands.command(name="support", description="Support an article on the table.")
    async def support(
        self, interaction: discord.Interaction, article: app_commands.Range[int, 1, 999]
    ) -> None:
        await self._simple(interaction, c.Support(article), f"Support recorded for Article {article}.")

    @app_commands.command(name="oppose", description="Oppose an article on the table.")
    async def oppose(
        self, interaction: discord.Interaction, article: app_commands.Range[int, 1, 999]
    ) -> None:
        await self._simple(interaction, c.Oppose(article), f"Opposition recorded to Article {article}.")

    @app_commands.command(
        name="ratify", description="Host: close the draft and put the agreed articles up for signature."
    )
    async def ratify(self, interaction: discord.Interaction) -> None:
        game = await self._game_here(interaction)
        state, _ = await act(interaction, game.game_id, c.CloseDraft())
        embed, view = accord_pages.draft_embed(state, emblems()), signing_view(state)
        posted = await post(interaction, self.service, game.game_id, keep=True, embed=embed, view=view)
        assert posted is not None  # kept
        await self.service.remember_message(game.game_id, "draft", 0, posted.channel.id, posted.id)

    @app_commands.command(name="sign", description="Sign the accord for your power.")
    async def sign(self, interaction: discord.Interaction) -> None:
        await self._simple(interaction, c.Sign(interaction.user.display_name), None)

    @app_commands.command(name="refuse", description="Refuse to sign the accord.")
    async def refuse(self, interaction: discord.Interaction) -> None:
        await self._simple(interaction, c.Refuse(), None)

    @app_commands.command(
        name="depart",
        description="Leave the conference with your delegation (a power the accord does not bind).",
    )
    @app_commands.describe(reason="Why your delegation leaves, for the record (optional)")
    async def depart(
        self, interaction: discord.Interaction, reason: app_commands.Range[str, 1, 200] | None = None
    ) -> None:
        # The whole conference reads who left (the minutes' sentence), and it pings nobody.
        await self._simple(interaction, c.Depart(reason or ""), None)

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
            interaction, c.Amend(article, text), f"Article {article} amended: its parties answer again."
        )

    @app_commands.command(name="retract", description="Withdraw an article you tabled.")
    async def retract(
        self, interaction: discord.Interaction, article: app_commands.Range[int, 1, 999]
    ) -> None:
        await self._simple(interaction, c.Retract(article), f"Article {article} is withdrawn.")
