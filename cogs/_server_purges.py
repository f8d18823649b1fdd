"""/owner purge: which servers an owner may purge from Discord, and the confirmation buttons.

Only a server Khitomer is not in: one pending purge (it removed the bot), or one whose shard this
process runs and does not see. A server it is still in is refused, not purged behind its
moderators' backs while they play: remove the bot first (its data then waits the grace period,
and can be purged here at once). An operator can purge any server with `khitomer purge-server`.
"""

from __future__ import annotations

from typing import Any

import discord

from bot.application.checks import ensure
from bot.application.components import Fields, RestartProof, cog_of
from bot.application.departures import Departures
from bot.domain.access import Rule
from bot.domain.errors import NotAllowed, NotFound
from bot.domain.formatting import format_duration
from bot.services.server_data import Departure
from bot.ui.server_purges import purged_text, server_label
from cogs._confirm import answer, choice_button

OWNER_RULE = Rule(owner=True)


def departures_of(client: discord.Client) -> Departures:
    """The Owner cog's departures, looked up on each press: an old message's button finds today's."""
    found = getattr(cog_of(client, "Owner"), "departures", None)
    if not isinstance(found, Departures):
        raise NotFound("Server purges are not available right now.")
    return found


async def purgeable(client: discord.Client, guild_id: int) -> tuple[str, Departure | None]:
    """The server as the owner reads it, and its pending purge; a refusal for a server Khitomer
    is in (or may be: its shard runs in another process and none is pending)."""
    departures = departures_of(client)
    guild = client.get_guild(guild_id)  # an unavailable server is in the cache too: still a member
    if guild is not None:
        raise NotAllowed(
            f"Khitomer is still in {server_label(guild_id, guild.name)}. Only a server that removed it can "
            f"be purged here: once it is removed, its data waits {format_duration(departures.service.grace)} "
            "and can be purged here at once."
        )
    pending = await departures.service.departure(guild_id)
    if pending is None and not departures.bot.runs_guild(guild_id):
        raise NotAllowed(
            f"Server `{guild_id}` is not waiting to be purged, and another Khitomer process runs its shard: "
            "ask there, or purge it with `khitomer purge-server`."
        )
    return server_label(guild_id, pending.name if pending else None), pending


class PurgeButton(
    RestartProof[discord.ui.Button[Any]],
    template=r"owner:purge:(?P<guild>[0-9]+):(?P<user>[0-9]+):(?P<choice>yes|no)",
):
    """Purge now or keep; only the owner who asked may press, and the owner rule is checked again."""

    def __init__(self, guild_id: int, user_id: int, choice: str) -> None:
        custom_id = f"owner:purge:{guild_id}:{user_id}:{choice}"
        super().__init__(choice_button(custom_id, choice, "Purge now", "Keep"))
        self.guild_id, self.user_id, self.choice = guild_id, user_id, choice

    @classmethod
    def from_fields(cls, fields: Fields) -> PurgeButton:
        return cls(fields.id("guild"), fields.id("user"), fields.text("choice"))

    async def act(self, interaction: discord.Interaction) -> None:
        async def confirmed() -> None:
            await ensure(interaction, OWNER_RULE)  # custom_ids are forged as easily as typed
            label, _ = await purgeable(interaction.client, self.guild_id)  # it may have come back
            await interaction.response.defer()  # a big server takes a while to delete
            departures = departures_of(interaction.client)
            purged = await departures.service.purge(self.guild_id)
            departures.purged(self.guild_id, purged)
            await interaction.edit_original_response(content=purged_text(label, purged.counts), view=None)

        await answer(
            interaction,
            asker_id=self.user_id,
            choice=self.choice,
            kept="Kept. Nothing was purged.",
            confirmed=confirmed,
            asker="owner",
        )


def confirm_view(guild_id: int, user_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(PurgeButton(guild_id, user_id, "yes"))
    view.add_item(PurgeButton(guild_id, user_id, "no"))
    return view
