"""A player's own answer when the host asks for their seat (defect 8 of issue #22).

The host gives away only the seat of a player who has gone silent (bot/domain/accords/absence.py);
anyone else is asked in the channel and answers with these restart-proof buttons. The custom_id
names the conference, the player, the newcomer, who asked and the phase it was asked in; it is
untrusted, so every press is checked again: only the named player answers, in the conference's own
server, while it runs in the phase of the request and the one who asked still runs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord

from bot.application.checks import config_of, judge
from bot.application.components import Fields, RestartProof
from bot.application.interaction_errors import note_recorded
from bot.domain.access import Rule
from bot.domain.accords import GameState, Phase
from bot.domain.accords import commands as c
from bot.domain.errors import NotAllowed
from bot.ui.accord_minutes import minute_sentence
from bot.ui.text import plain

from ._clock import now
from ._core import core_of, service_of, shown_on

PHASES = {"c": Phase.CONVENED, "n": Phase.NEGOTIATION, "r": Phase.RATIFICATION}
LETTERS = {phase: letter for letter, phase in PHASES.items()}
N = "[0-9]+"  # read as ids (bot/application/components.py): a number out of range is refused


@dataclass(frozen=True, slots=True)
class Request:
    """The host's request, as the button carries it: give `old`'s seat in the game to `new`."""

    game_id: int
    old: int
    new: int
    by: int  # the host or moderator who asked
    phase: Phase


class ConsentButton(
    RestartProof[discord.ui.Button[Any]],
    template=rf"accord:(?P<game>{N}):cede:(?P<old>{N}):(?P<new>{N}):(?P<by>{N}):(?P<phase>[cnr]):(?P<choice>yes|no)",
):
    area = "accords"

    def __init__(self, request: Request, choice: str) -> None:
        r = request
        custom_id = f"accord:{r.game_id}:cede:{r.old}:{r.new}:{r.by}:{LETTERS[r.phase]}:{choice}"
        agree = choice == "yes"
        super().__init__(
            discord.ui.Button(
                label="Hand over my seat" if agree else "Keep my seat",
                style=discord.ButtonStyle.danger if agree else discord.ButtonStyle.secondary,
                custom_id=custom_id,
            )
        )
        self.request, self.agree = request, agree

    @classmethod
    def from_fields(cls, fields: Fields) -> ConsentButton:
        game_id, old, new, by = (fields.id(name) for name in ("game", "old", "new", "by"))
        return cls(Request(game_id, old, new, by, PHASES[fields.text("phase")]), fields.text("choice"))

    async def act(self, interaction: discord.Interaction) -> None:
        await answer(interaction, self.request, agree=self.agree)


def consent_view(request: Request) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(ConsentButton(request, "yes"))
    view.add_item(ConsentButton(request, "no"))
    return view


async def answer(interaction: discord.Interaction, request: Request, *, agree: bool) -> None:
    """The named player hands over their seat or keeps it; the message then says which."""
    if interaction.user.id != request.old:
        raise NotAllowed(f"Only <@{request.old}> can answer this: it is their seat.")
    guild_id = interaction.guild_id or 0
    service = service_of(interaction.client)
    state = await service.game(guild_id, request.game_id)  # refused in any other server
    seat = state.seat_of(request.old)
    if state.phase.over:
        raise NotAllowed("This conference is over.")
    if state.phase is not request.phase:
        moved = f"the conference has moved on to {state.phase.label}"
        raise NotAllowed(f"This request lapsed: {moved}. The host can ask again.")
    if seat is None:
        raise NotAllowed("This request lapsed: you no longer hold a seat here.")
    if not agree:
        said = f"<@{request.old}> keeps their seat for **{plain(seat.power)}**."
        await interaction.response.edit_message(content=said, view=None)
        return
    staff = await _still_runs_it(interaction, state, request.by)
    command = c.Replace(request.old, request.new, now(), consent=True)
    fresh, events = await service.act(guild_id, state.game_id, command, request.by, staff=staff, at=now())
    note_recorded(" ".join(minute_sentence(event) for event in events))
    cog = core_of(interaction.client)
    if cog is not None:
        fresh = await cog.after(fresh, events)
        await cog._refresh(fresh, *shown_on(command))
    said = f"<@{request.old}> agreed: <@{request.new}> takes over their seat for **{plain(seat.power)}**."
    await interaction.response.edit_message(content=said, view=None)


async def _still_runs_it(interaction: discord.Interaction, state: GameState, by: int) -> bool:
    """Whether the member who asked acts as staff now; refused if they no longer run the game."""
    member = interaction.guild.get_member(by) if interaction.guild else None
    if member is None and interaction.guild is not None:
        try:
            member = await interaction.guild.fetch_member(by)
        except discord.HTTPException:  # left the server, or was never in it
            member = None
    staff = False
    if member is not None:  # a moderator here, judged as /accord host would judge them
        channel = interaction.channel
        permissions = member.guild_permissions
        if isinstance(channel, discord.abc.GuildChannel | discord.Thread):
            permissions = channel.permissions_for(member)
        config = await config_of(interaction)
        staff = judge(Rule(moderator=True), member, channel, permissions, config).allowed
    if by != state.host and not staff:
        raise NotAllowed("This request lapsed: the member who asked no longer runs this conference.")
    return staff
