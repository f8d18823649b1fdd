"""The record: status, minutes, history, reputation, and an accord's life after signing."""

from __future__ import annotations

from typing import assert_never

import discord
from discord import app_commands

from bot.application.interaction_errors import note_recorded
from bot.domain.accords.after_commands import AfterCommand, Complain, Reinstate, Vote, Withdraw
from bot.domain.accords.after_events import (
    AfterEvent,
    ComplaintDecided,
    ComplaintFiled,
    Reinstated,
    VoteCast,
    Withdrawn,
)
from bot.domain.errors import NotFound
from bot.domain.ids import parse_id
from bot.domain.paging import paginate
from bot.services import accord_record
from bot.services.accords import Conference, any_power_named, emblems, power_names
from bot.ui import accord_pages
from bot.ui.accord_minutes import minute_lines
from bot.ui.embeds import info_embed
from bot.ui.pager import send_pages
from bot.ui.text import plain
from cogs import _keyset
from cogs._keyset import CursorButton, Window, fitting, parse_cursor, send_window

from ._core import AccordsCore

HISTORY_LINES, HISTORY_CHARS = 15, 3000  # a page of /accord history


def _said(event: AfterEvent) -> str:
    """The public reply's line for one event of an accord's record (no player text in it)."""
    match event:
        case Withdrawn():
            return "Withdrawal recorded."
        case Reinstated():
            return "Reinstated."
        case ComplaintFiled(number=number, against=against):
            return (
                f"Complaint {number} filed against {against}: the other signatories vote on it with "
                "/accord record vote."
            )
        case VoteCast():
            return "Vote recorded."
        case ComplaintDecided(number=number, upheld=upheld):
            return f"Complaint {number} is {'upheld' if upheld else 'dismissed'} by the signatories."
        case _:
            assert_never(event)


def _line(game: Conference) -> str:
    return f"**{plain(game.title)}** in <#{game.channel_id}> — {game.phase.label}"


def _fit(games: list[Conference]) -> int:
    """How many of these conferences, from the first, one page holds."""
    return fitting([_line(g) for g in games], max_chars=HISTORY_CHARS, max_lines=HISTORY_LINES)


def _history_page(shown: list[Conference], back: str | None, forward: str | None) -> Window:
    lines = [_line(g) for g in shown] or ["No conference has met here yet."]
    page = paginate(lines, max_chars=HISTORY_CHARS, max_lines=HISTORY_LINES)[0]
    return Window(info_embed("Conferences in this server", page), back, forward)


class RecordCommands(AccordsCore):
    record = app_commands.Group(
        name="record", description="A ratified accord's life: withdraw, reinstate, complaints and votes."
    )

    async def cog_load(self) -> None:
        await super().cog_load()
        sources = self.bot.page_sources
        sources.register("accord_minutes", self._minutes_pages)
        sources.register("accord_board", self._board_pages)
        self.bot.add_dynamic_items(CursorButton)
        _keyset.register(self.bot, "accord_history", self._history_window)
        sources.register("accord_status", self._status_pages)

    @app_commands.command(name="history", description="Every conference held in this server.")
    async def history(self, interaction: discord.Interaction) -> None:
        await send_window(interaction, "accord_history", await self._history_window(interaction, ""))

    async def _history_window(self, interaction: discord.Interaction, cursor: str) -> Window:
        """One page of the server's conferences, newest first: the newest, or those older
        ("o<id>") or newer ("n<id>") than the one a button names; never the whole history."""
        guild = interaction.guild_id or 0
        kind, key = parse_cursor(cursor)
        if kind == "n":
            rows = await self.service.history(guild, newer=key, limit=HISTORY_LINES + 1)
            later, rows = len(rows) > HISTORY_LINES, rows[-HISTORY_LINES:]
            shown = rows[len(rows) - _fit(rows[::-1]) :]
            if shown:
                back = f"n{shown[0].game_id}" if later or len(shown) < len(rows) else None
                return _history_page(shown, back, f"o{shown[-1].game_id}")
        elif kind == "o":
            rows = await self.service.history(guild, older=key, limit=HISTORY_LINES + 1)
            shown = rows[: _fit(rows[:HISTORY_LINES])]
            if shown:
                forward = f"o{shown[-1].game_id}" if len(rows) > len(shown) else None
                return _history_page(shown, f"n{shown[0].game_id}", forward)
        rows = await self.service.history(guild, limit=HISTORY_LINES + 1)
        shown = rows[: _fit(rows[:HISTORY_LINES])]
        return _history_page(shown, None, f"o{shown[-1].game_id}" if len(rows) > len(shown) else None)

    @app_commands.command(
        name="minutes", description="The record of this channel's latest conference, action by action."
    )
    async def minutes(self, interaction: discord.Interaction) -> None:
        await send_pages(
            interaction, "accord_minutes", await self._minutes_pages(interaction, ""), ephemeral=True
        )

    async def _minutes_pages(self, interaction: discord.Interaction, _arg: str) -> list[discord.Embed]:
        game = await self._game_for_record(interaction)
        convened_at, events = await self.service.minutes(game.game_id)
        lines = minute_lines(game.host, game.title, convened_at, events)
        pages = paginate(lines, max_chars=3000, max_lines=15)
        return [info_embed(f"Minutes: {plain(game.title)}"[:256], page) for page in pages]

    @app_commands.command(
        name="leaderboard", description="Reputation in this server: accords honoured, words broken."
    )
    async def leaderboard(self, interaction: discord.Interaction) -> None:
        await send_pages(
            interaction, "accord_board", await self._board_pages(interaction, ""), ephemeral=True
        )

    async def _board_pages(self, interaction: discord.Interaction, _arg: str) -> list[discord.Embed]:
        rows = await self.service.leaderboard(interaction.guild_id or 0)
        lines = [
            f"{i}. <@{user}> — {points} {'point' if abs(points) == 1 else 'points'}, "
            f"{accords} {'accord' if accords == 1 else 'accords'} signed"
            for i, (user, points, accords) in enumerate(rows, 1)
        ]
        pages = paginate(lines or ["Nobody has signed an accord here yet."], max_chars=3000, max_lines=15)
        return [info_embed("Reputation", page) for page in pages]

    # -- after ratification ----------------------------------------------------------------------

    async def _record(self, interaction: discord.Interaction, accord: str, command: AfterCommand) -> None:
        events = await accord_record.act(
            self.service.db,
            interaction.guild_id or 0,
            accord,
            interaction.user.id,
            command,
            at=discord.utils.utcnow(),  # Discord's clock, as the conference's own times
        )
        if not events:
            await interaction.response.send_message("Nothing changed: that was already so.", ephemeral=True)
            return
        said = [_said(event) for event in events]
        if any(isinstance(event, Withdrawn) for event in events):  # the notice says who left what
            name = plain(await accord_record.name_of(self.service.db, interaction.guild_id or 0, accord))
            said = [
                f"{interaction.user.mention} withdrew {plain(event.power)} from **{name}**."
                if isinstance(event, Withdrawn)
                else line
                for event, line in zip(events, said, strict=True)
            ]
        note_recorded(" ".join(said))
        await interaction.response.send_message("\n".join(said))

    @record.command(
        name="withdraw", description="Withdraw your power from a ratified accord (costs reputation)."
    )
    async def withdraw(
        self,
        interaction: discord.Interaction,
        accord: app_commands.Range[str, 1, 40],
        reason: app_commands.Range[str, 1, 500],
    ) -> None:
        await self._record(interaction, accord, Withdraw(reason))

    @record.command(name="reinstate", description="Bring your power back into an accord it left.")
    async def reinstate(
        self, interaction: discord.Interaction, accord: app_commands.Range[str, 1, 40]
    ) -> None:
        await self._record(interaction, accord, Reinstate())

    @record.command(
        name="complaint", description="Bring a complaint against another signatory before the signatories."
    )
    async def complaint(
        self,
        interaction: discord.Interaction,
        accord: app_commands.Range[str, 1, 40],
        against: app_commands.Range[str, 1, 60],
        text: app_commands.Range[str, 1, 1000],
    ) -> None:
        await self._record(interaction, accord, Complain(any_power_named(against), text))

    @record.command(name="vote", description="Vote on a complaint under an accord your power signed.")
    async def vote(
        self,
        interaction: discord.Interaction,
        accord: app_commands.Range[str, 1, 40],
        complaint: app_commands.Range[int, 1, 999],
        uphold: bool,
    ) -> None:
        await self._record(interaction, accord, Vote(complaint, uphold))

    @vote.autocomplete("complaint")
    async def complaint_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        """The complaints of the accord chosen in `accord` that still wait for votes."""
        accord = str(getattr(interaction.namespace, "accord", "") or "")
        waiting = await accord_record.open_complaints(self.service.db, interaction.guild_id or 0, accord)
        return [
            # a choice is plain text (no Markdown): shown as typed, on one line
            app_commands.Choice(
                name=f"{c.number}: against {c.against} — {' '.join(c.text.split())}"[:100], value=c.number
            )
            for c in waiting
            if current.strip() in str(c.number)
        ][:25]

    @complaint.autocomplete("against")
    async def against_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=p, value=p) for p in power_names().suggest(current)]

    @withdraw.autocomplete("accord")
    @reinstate.autocomplete("accord")
    @complaint.autocomplete("accord")
    @vote.autocomplete("accord")
    async def accord_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        found = await self.service.accords_named(interaction.guild_id, current, 25)
        return [app_commands.Choice(name=t.name[:100], value=t.key) for t in found]

    @app_commands.command(
        name="status", description="Where this conference stands: seats, deadline, articles."
    )
    async def status(self, interaction: discord.Interaction) -> None:
        game = await self._game_here(interaction)
        pages = accord_pages.board_embeds(game, emblems())
        await send_pages(interaction, "accord_status", pages, arg=str(game.game_id), ephemeral=True)

    async def _status_pages(self, interaction: discord.Interaction, arg: str) -> list[discord.Embed]:
        game_id = parse_id(arg)  # a button carries it: untrusted, maybe past a 64-bit id
        if game_id is None:
            raise NotFound("There is no such conference in this server.")
        return accord_pages.board_embeds(
            await self.service.game(interaction.guild_id or 0, game_id), emblems()
        )
