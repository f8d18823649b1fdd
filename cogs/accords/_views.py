"""Every game button is one restart-proof item: its custom_id names the game and the action."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord

from bot.checks import ensure_area_enabled
from bot.domain.accords import Phase
from bot.interaction_errors import handle_interaction_error
from bot.services.accords import emblems, scenario
from bot.ui import accord_pages
from cogs._confirm import answer, choice_button

if TYPE_CHECKING:
    from bot.domain.accords import GameState

LABELS = {
    "start": "Start the conference",
    "support": "Support",
    "oppose": "Oppose",
    "sign": "Sign",
    "refuse": "Refuse",
}
STYLES = {
    "start": discord.ButtonStyle.primary,
    "support": discord.ButtonStyle.success,
    "oppose": discord.ButtonStyle.danger,
    "sign": discord.ButtonStyle.success,
    "refuse": discord.ButtonStyle.danger,
}


class GameButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"accord:(?P<game>[0-9]{1,18}):(?P<action>join|start|support|oppose|sign|refuse)(?::(?P<arg>[0-9]{1,3}))?",
):
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
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> GameButton:
        arg = int(match["arg"]) if match["arg"] else None
        return cls(int(match["game"]), match["action"], arg)

    async def callback(self, interaction: discord.Interaction) -> None:
        from ._actions import press  # the game logic lives there

        try:
            await ensure_area_enabled(interaction, "accords")
            await press(interaction, self.game_id, self.action, self.arg)
        except Exception as error:
            await handle_interaction_error(interaction, error)


class AbandonButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"accord:(?P<game>[0-9]{1,18}):abandon:(?P<user>[0-9]{1,20}):(?P<choice>yes|no)",
):
    """Confirm or cancel abandoning a conference; only the member who asked may press."""

    def __init__(self, game_id: int, user_id: int, choice: str) -> None:
        custom_id = f"accord:{game_id}:abandon:{user_id}:{choice}"
        super().__init__(choice_button(custom_id, choice, "Abandon it", "Keep it going"))
        self.game_id, self.user_id, self.choice = game_id, user_id, choice

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> AbandonButton:
        return cls(int(match["game"]), int(match["user"]), match["choice"])

    async def callback(self, interaction: discord.Interaction) -> None:
        from ._actions import abandon_confirmed

        async def confirmed() -> None:
            await ensure_area_enabled(interaction, "accords")
            await abandon_confirmed(interaction, self.game_id)

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
    return view


def redraw(state: GameState, action: str, arg: int | None) -> dict[str, Any]:
    if action in {"join", "start"}:
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
