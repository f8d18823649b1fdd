"""Every game button is one restart-proof item: its custom_id names the game and the action.

The buttons act through the running cog (GameActions, which _cog.py's Accords has): the actions
redraw with the views below, so importing them here would go round in a circle."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import discord

from bot.application.components import Fields, RestartProof, cog_of
from bot.domain.accords import Phase
from bot.domain.errors import NotFound
from bot.services.accords import emblems, scenario
from bot.ui import accord_pages
from cogs._confirm import answer, choice_button

if TYPE_CHECKING:
    from bot.domain.accords import GameState

MOST_ARG = 999  # a seat's index or an article's number


LABELS = {
    "start": "Start the conference",
    "support": "Support",
    "oppose": "Oppose",
    "sign": "Sign",
    "refuse": "Refuse",
    "depart": "Depart the conference",
    "fill": "Fill the free seats with delegations",
}
STYLES = {
    "start": discord.ButtonStyle.primary,
    "support": discord.ButtonStyle.success,
    "oppose": discord.ButtonStyle.danger,
    "sign": discord.ButtonStyle.success,
    "refuse": discord.ButtonStyle.danger,
    "depart": discord.ButtonStyle.secondary,
}


@runtime_checkable
class GameActions(Protocol):
    """What the game's buttons ask of the running accords cog."""

    async def press(
        self, interaction: discord.Interaction, game_id: int, action: str, arg: int | None
    ) -> None:
        """Act on the game, then redraw the message the button sits on."""

    async def abandon_confirmed(self, interaction: discord.Interaction, game_id: int) -> None:
        """Abandon the game, as the member who asked has confirmed."""


def actions_of(client: discord.Client) -> GameActions:
    cog = cog_of(client, "Accords")
    if not isinstance(cog, GameActions):
        raise NotFound("The accords game is not available right now.")
    return cog


class GameButton(
    RestartProof[discord.ui.Button[Any]],
    template=r"accord:(?P<game>[0-9]+):(?P<action>join|start|support|oppose|sign|refuse|depart|fill)(?::(?P<arg>[0-9]+))?",
):
    area = "accords"

    def __init__(
        self,
        game_id: int,
        action: str,
        arg: int | None = None,
        *,
        label: str | None = None,
        disabled: bool = False,
    ) -> None:
        suffix = f":{arg}" if arg is not None else ""
        super().__init__(
            discord.ui.Button(
                label=(label or LABELS.get(action, action))[:80],
                style=STYLES.get(action, discord.ButtonStyle.secondary),
                custom_id=f"accord:{game_id}:{action}{suffix}",
                disabled=disabled,
            )
        )
        self.game_id, self.action, self.arg = game_id, action, arg

    @classmethod
    def from_fields(cls, fields: Fields) -> GameButton:
        return cls(fields.id("game"), fields.text("action"), fields.optional_number("arg", MOST_ARG))

    async def act(self, interaction: discord.Interaction) -> None:
        await actions_of(interaction.client).press(interaction, self.game_id, self.action, self.arg)


class AbandonButton(
    RestartProof[discord.ui.Button[Any]],
    template=r"accord:(?P<game>[0-9]+):abandon:(?P<user>[0-9]+):(?P<choice>yes|no)",
):
    """Confirm or cancel abandoning a conference; only the member who asked may press."""

    area = "accords"

    def __init__(self, game_id: int, user_id: int, choice: str) -> None:
        custom_id = f"accord:{game_id}:abandon:{user_id}:{choice}"
        super().__init__(choice_button(custom_id, choice, "Abandon it", "Keep it going"))
        self.game_id, self.user_id, self.choice = game_id, user_id, choice

    @classmethod
    def from_fields(cls, fields: Fields) -> AbandonButton:
        return cls(fields.id("game"), fields.id("user"), fields.text("choice"))

    async def act(self, interaction: discord.Interaction) -> None:
        async def confirmed() -> None:
            await actions_of(interaction.client).abandon_confirmed(interaction, self.game_id)

        kept = "Kept: the conference goes on."
        await answer(interaction, asker_id=self.user_id, choice=self.choice, kept=kept, confirmed=confirmed)


def abandon_view(game_id: int, user_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(AbandonButton(game_id, user_id, "yes"))
    view.add_item(AbandonButton(game_id, user_id, "no"))
    return view


# Each message's buttons are live only in the phase they belong to; afterwards they are redrawn
# disabled, so nobody presses a button that can only be refused.


def lobby_view(state: GameState) -> discord.ui.View:
    closed = state.phase is not Phase.CONVENED
    view = discord.ui.View(timeout=None)
    for index, power in enumerate(state.powers):
        view.add_item(GameButton(state.game_id, "join", index, label=f"Sit for {power}", disabled=closed))
    view.add_item(GameButton(state.game_id, "start", disabled=closed))
    free = len(state.seats) < len(state.powers)
    view.add_item(GameButton(state.game_id, "fill", disabled=closed or not free))
    return view


def article_view(state: GameState, number: int) -> discord.ui.View:
    article = state.article(number)
    closed = state.phase is not Phase.NEGOTIATION or article is None or article.retracted
    view = discord.ui.View(timeout=None)
    view.add_item(GameButton(state.game_id, "support", number, disabled=closed))
    view.add_item(GameButton(state.game_id, "oppose", number, disabled=closed))
    return view


def signing_view(state: GameState) -> discord.ui.View:
    closed = state.phase is not Phase.RATIFICATION
    view = discord.ui.View(timeout=None)
    view.add_item(GameButton(state.game_id, "sign", disabled=closed))
    view.add_item(GameButton(state.game_id, "refuse", disabled=closed))
    # Sign and Refuse are for the powers the accord binds; a seated power it binds by nothing is
    # offered Depart instead, while one is still at the table.
    bound = state.bound()
    if not closed and any(p not in bound and p not in state.departed for p in state.seated_powers()):
        view.add_item(GameButton(state.game_id, "depart"))
    return view


def redraw(state: GameState, action: str, arg: int | None) -> dict[str, Any]:
    if action in {"join", "start", "fill"}:
        chosen = scenario(state.scenario)
        briefing = chosen.briefing if chosen else ""
        return {"embed": accord_pages.lobby_embed(state, briefing, emblems()), "view": lobby_view(state)}
    if action in {"support", "oppose"} and arg is not None and (article := state.article(arg)) is not None:
        return {
            "embed": accord_pages.article_embed(state, article, emblems()),
            "view": article_view(state, arg),
        }
    return {
        "embed": accord_pages.draft_embed(state, emblems()),
        "view": None if state.phase.over else signing_view(state),
    }
