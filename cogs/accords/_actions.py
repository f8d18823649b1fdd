"""What a button or command does to a game: act through the service, then redraw or post."""

from __future__ import annotations

from collections.abc import Mapping

import discord
from discord import app_commands

from bot.domain.accords import Clause
from bot.domain.accords import commands as c
from bot.domain.errors import InvalidInput
from bot.services.accords import emblems
from bot.ui import accord_pages

from ._core import act, announce_end, service_of
from ._views import article_view, redraw

CLAUSES = [app_commands.Choice(name=c.value, value=c.value) for c in Clause]


async def press(interaction: discord.Interaction, game_id: int, action: str, arg: int | None) -> None:
    """A button: act, then redraw the message it sits on."""
    command: c.Command
    if action == "join":
        game = await service_of(interaction.client).game(interaction.guild_id or 0, game_id)
        if arg is None or not 0 <= arg < len(game.powers):
            raise InvalidInput("That seat does not exist.")
        command = c.Join(game.powers[arg])
    elif action == "support":
        command = c.Support(arg or 0)
    elif action == "oppose":
        command = c.Oppose(arg or 0)
    elif action == "sign":
        command = c.Sign(interaction.user.display_name)
    elif action == "refuse":
        command = c.Refuse()
    elif action == "start":
        command = c.Start()
    else:  # custom_ids are untrusted: the template allows only the actions above
        raise InvalidInput("That button does nothing.")
    state, _ = await act(interaction, game_id, command)
    await interaction.response.edit_message(**redraw(state, action, arg))
    await announce_end(interaction)


async def abandon_confirmed(interaction: discord.Interaction, game_id: int) -> None:
    """The confirmation was pressed: abandon, say so privately; the game's channel hears it from
    the announcement queued with the action."""
    _, events = await act(interaction, game_id, c.Abandon())
    await interaction.response.edit_message(
        content="The conference is abandoned." if events else "That conference was already over.", view=None
    )
    await announce_end(interaction)


async def table(
    interaction: discord.Interaction,
    game_id: int,
    clause: Clause,
    text: str,
    parties: list[str] | None,
    terms: Mapping[str, str],
) -> None:
    """Table an article and post it with its Support and Oppose buttons."""
    state, _ = await act(interaction, game_id, c.Table(clause, text, tuple(parties or ()), terms))
    article = state.articles[-1]
    await interaction.response.send_message(
        embed=accord_pages.article_embed(state, article, emblems()), view=article_view(state, article.number)
    )
    posted = await interaction.original_response()
    service = service_of(interaction.client)
    await service.remember_message(game_id, "article", article.number, posted.channel.id, posted.id)
