"""The floor of bench/interactions.py: a minimal discord.py bot with Khitomer's intents, one
slash command answering with a captured reply and one restart-proof button editing its message
into a captured reply; the replies are ours, as SimCord stored them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import discord
import simcord
from discord.ext import commands

from bot.application.app import minimal_intents


@dataclass
class Reply:
    """An interaction's reply as SimCord stored it: the floor sends the same."""

    content: str
    embeds: list[dict[str, Any]]
    components: list[dict[str, Any]]
    ephemeral: bool
    edit: bool  # a click answered by editing the clicked message

    @classmethod
    def of(cls, result: simcord.InteractionResult, *, edit: bool) -> Reply:
        assert result.response is not None, "the interaction was not answered with a message"
        return cls.of_message(result.response, edit=edit)

    @classmethod
    def of_message(cls, message: simcord.ResponseMessage, *, edit: bool = False) -> Reply:
        return cls(
            content=message.content or "",
            embeds=[e.to_dict() for e in message.embeds],
            components=message.components,
            ephemeral=message.ephemeral,
            edit=edit,
        )

    def size(self) -> int:
        """Characters of the reply as JSON (content, embeds and components)."""
        return len(
            json.dumps({"content": self.content, "embeds": self.embeds, "components": self.components})
        )

    def describe(self) -> str:
        buttons = sum(len(row.get("components", [])) for row in self.components)
        shape = f"{len(self.embeds)} embed, {buttons} components" if self.embeds else f"{buttons} components"
        return f"{self.size():,} chars, {shape}"


class FloorButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"floor:(?P<kind>[a-z]+):(?P<n>[0-9]+)"
):
    """The floor's restart-proof button: a click edits its message into the captured reply."""

    def __init__(self, kind: str, n: int, label: str = "·", style: int = 2, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle(style),
                custom_id=f"floor:{kind}:{n}",
                disabled=disabled,
            )
        )
        self.kind = kind

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> FloorButton:
        return cls(match["kind"], int(match["n"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.edit_message(**render(self.kind, REPLIES[self.kind], edit=True))


REPLIES: dict[str, Reply] = {}  # the floor's replies by scenario key, captured from ours
BEFORE = "before"  # REPLIES[key + BEFORE]: the message a click scenario's member clicks, as it was
FRESH_TEXTS = [False]  # each reply with strings of its own (see render): the memory child sets it


def render(kind: str, reply: Reply, *, edit: bool = False) -> dict[str, Any]:
    """send_message / edit_message arguments for the reply, built afresh as a bot builds them: its
    texts too in the memory child (SimCord keeps the strings a bot sends: one set shared by every
    reply made the floor's 1,000 lobbies cheaper to hold than ours, which build theirs). Not in
    the CPU rounds, whose floor stays as it was measured before."""
    if FRESH_TEXTS[0]:
        reply = fresh(reply)
    view = discord.ui.View(timeout=None)
    n = 0
    for row in reply.components:
        for item in row.get("components", []):
            if item.get("type") == 2 and "url" not in item:
                view.add_item(
                    FloorButton(
                        kind, n, item.get("label", "·"), item.get("style", 2), item.get("disabled", False)
                    )
                )
            elif item.get("type") == 2:
                view.add_item(discord.ui.Button(label=item.get("label"), url=item["url"]))
            elif item.get("type") == 3:
                options = [
                    discord.SelectOption(label=o["label"], value=o["value"], description=o.get("description"))
                    for o in item.get("options", [])
                ]
                view.add_item(discord.ui.Select(custom_id=f"floor-select:{kind}:{n}", options=options))
            n += 1
    arguments: dict[str, Any] = {
        "content": reply.content or None,
        "embeds": [discord.Embed.from_dict(e) for e in reply.embeds],
        "view": view if n else (None if edit else discord.utils.MISSING),
    }
    if not edit:
        arguments["ephemeral"] = reply.ephemeral
    return arguments


def fresh(reply: Reply) -> Reply:
    """The reply with strings of its own (a JSON round trip): as a bot's formatted texts are."""
    texts = json.loads(json.dumps([reply.content, reply.embeds, reply.components]))
    return Reply(texts[0], texts[1], texts[2], reply.ephemeral, reply.edit)


def floor_bot() -> commands.Bot:
    """A minimal bot: Khitomer's intents, one slash command, one restart-proof button."""
    bot = commands.Bot(command_prefix="!", intents=minimal_intents(), help_command=None)

    @bot.tree.command(name="reply", description="Answer with a message.")
    async def reply(interaction: discord.Interaction, kind: str) -> None:
        # a message to click later: its buttons, when clicked, answer with REPLIES[its key]
        await interaction.response.send_message(**render(kind.removesuffix(BEFORE), REPLIES[kind]))

    async def setup_hook() -> None:
        bot.add_dynamic_items(FloorButton)

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot
