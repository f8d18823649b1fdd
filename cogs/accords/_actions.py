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
from bot.ui.accord_minutes import minute_sentence

from ._core import Drawn, act, announce_end, service_of
from ._delegations import ensure_allowed, took_over
from ._post import post
from ._views import article_view, redraw

CLAUSES = [app_commands.Choice(name=c.value, value=c.value) for c in Clause]


async def press(interaction: discord.Interaction, game_id: int, action: str, arg: int | None) -> None:
    """A button: act, then redraw the message it sits on."""
    command: c.Command
    taking_over = ""  # the seat was a delegation's: the one who pressed is told they took it over
    if action == "join":
        game = await service_of(interaction.client).game(interaction.guild_id or 0, game_id)
        if arg is None or not 0 <= arg < len(game.powers):
            raise InvalidInput("That seat does not exist.")
        command = c.Join(game.powers[arg])
        taking_over = took_over(game, command.power)
    elif action == "support":
        command = c.Support(arg or 0)
    elif action == "oppose":
        command = c.Oppose(arg or 0)
    elif action == "sign":
        command = c.Sign(interaction.user.display_name)
    elif action == "refuse":
        command = c.Refuse()
    elif action == "depart":
        command = c.Depart()
    elif action == "start":
        command = c.Start()
    elif action == "fill":
        await ensure_allowed(interaction)
        command = c.Delegate()
    else:  # custom_ids are untrusted: the template allows only the actions above
        raise InvalidInput("That button does nothing.")
    # The response redraws the message pressed: a phase's ending does not send it as well.
    pressed: list[Drawn] = [pressed_on(action, arg)]
    if interaction.message is not None:
        pressed.append(interaction.message.id)
    state, events = await act(interaction, game_id, command, drawn=pressed)
    await interaction.response.edit_message(**redraw(state, action, arg))
    if isinstance(command, c.Depart) and events:  # who left is news for the conference, as /accord depart
        await interaction.followup.send(" ".join(minute_sentence(event) for event in events))
    if isinstance(command, c.Join) and taking_over and events:
        await interaction.followup.send(f"You now sit for {command.power}{taking_over}.", ephemeral=True)
    await announce_end(interaction)


def pressed_on(action: str, arg: int | None) -> tuple[str, int]:
    """The game message (kind, ref) a button of `action` sits on, as _views.py draws them."""
    if action in {"support", "oppose"}:
        return ("article", arg or 0)
    return ("lobby", 0) if action in {"join", "start", "fill"} else ("draft", 0)


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
    """Table an article and post it with its Support and Oppose buttons, where the game runs."""
    state, _ = await act(interaction, game_id, c.Table(clause, text, tuple(parties or ()), terms))
    article = state.articles[-1]
    service = service_of(interaction.client)
    embed, view = accord_pages.article_embed(state, article, emblems()), article_view(state, article.number)
    posted = await post(interaction, service, game_id, keep=True, embed=embed, view=view)
    assert posted is not None  # kept
    await service.remember_message(game_id, "article", article.number, posted.channel.id, posted.id)
