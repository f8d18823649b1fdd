"""/accord: convene a conference, take seats, table and answer articles, sign the accord.

Every action a button offers is also a slash command. Not yet here (see the issue): talks,
amend/retract commands, deadlines and reminders, scoring, withdrawal and complaints.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands
from discord.ext.commands.bot import BotBase

from bot.app import KhitomerBot
from bot.checks import config_of, is_moderator
from bot.content.scenarios import canon_scenarios
from bot.domain.accords import Clause, Event, GameState, Phase, afterwards, decide
from bot.domain.accords.machine import CLOCK
from bot.domain.accords.machine import MAX_TEXT as MAX_ARTICLE_TEXT
from bot.domain.accords.scoring import reputation_changes
from bot.domain.errors import InvalidInput, NotAllowed, NotFound
from bot.domain.formatting import format_duration
from bot.domain.guild_config import GuildConfig, parse_duration
from bot.domain.paging import paginate
from bot.interaction_errors import RECORDED, handle_interaction_error
from bot.services import accord_record
from bot.services.accords import AccordService, power_aliases, power_named, powers_named
from bot.storage import accords as accord_store
from bot.storage import games as game_store
from bot.storage import reputation
from bot.ui import accord_pages
from bot.ui.accord_minutes import minute_lines, minute_sentence
from bot.ui.embeds import info_embed
from bot.ui.pager import send_pages
from bot.ui.text import plain

from ._buttons import AbandonButton, GameButton, abandon_view, article_view, lobby_view, signing_view
from ._clock import PHASE_SETTING, Timers, now, reminder_text

CLAUSES = [app_commands.Choice(name=c.value, value=c.value) for c in Clause]
ANNOUNCE_RETRIES = (5.0, 30.0)  # seconds before the 2nd and 3rd try of a failed announcement
log = logging.getLogger(__name__)


def service_of(client: discord.Client) -> AccordService:
    cog = client.get_cog("Accords") if isinstance(client, BotBase) else None
    if not isinstance(cog, Accords):
        raise NotFound("The accords game is not available right now.")
    return cog.service


async def act(
    interaction: discord.Interaction, game_id: int, kind: str, **data: Any
) -> tuple[GameState, list[Event]]:
    if interaction.guild_id is None:
        raise NotAllowed("Conferences happen in servers.")
    service = service_of(interaction.client)
    state, events = await service.act(
        interaction.guild_id,
        game_id,
        kind,
        interaction.user.id,
        staff=await is_moderator(interaction),
        **data,
    )
    if events:  # stored: whatever fails from here on, the member is told what was recorded
        interaction.extras[RECORDED] = " ".join(minute_sentence(e) for e in events)
    cog = interaction.client.get_cog("Accords") if isinstance(interaction.client, BotBase) else None
    if isinstance(cog, Accords) and events:
        state = await cog.after(state, events)
    return state, events


async def press(interaction: discord.Interaction, game_id: int, action: str, arg: int | None) -> None:
    """A button: act, then redraw the message it sits on."""
    if action == "join":
        game = await game_store.get(service_of(interaction.client).db, interaction.guild_id or 0, game_id)
        if arg is None or not 0 <= arg < len(game.powers):
            raise InvalidInput("That seat does not exist.")
        state, _ = await act(interaction, game_id, "join", power=game.powers[arg])
    elif action in {"support", "oppose"}:
        state, _ = await act(interaction, game_id, action, article=arg or 0)
    elif action == "sign":
        state, _ = await act(interaction, game_id, "sign", by=interaction.user.display_name)
    else:
        state, _ = await act(interaction, game_id, action)
    await interaction.response.edit_message(**redraw(state, action, arg))


async def abandon_confirmed(interaction: discord.Interaction, game_id: int) -> None:
    """The confirmation was pressed: abandon, say so privately, and announce it in the game."""
    state, events = await act(interaction, game_id, "abandon")
    await interaction.response.edit_message(
        content="The conference is abandoned." if events else "That conference was already over.", view=None
    )
    if events:
        cog = interaction.client.get_cog("Accords") if isinstance(interaction.client, BotBase) else None
        if isinstance(cog, Accords):
            await cog.announce(
                state, f"**{plain(state.title)}** was abandoned by {interaction.user.mention}."
            )


async def table(
    interaction: discord.Interaction,
    game_id: int,
    clause: str,
    text: str,
    parties: list[str] | None,
    typed: dict[str, str],
) -> None:
    """Table an article and post it with its Support and Oppose buttons."""
    state, _ = await act(interaction, game_id, "propose", clause=clause, text=text, parties=parties, **typed)
    article = state.articles[-1]
    await interaction.response.send_message(
        embed=accord_pages.article_embed(state, article), view=article_view(state, article.number)
    )
    posted = await interaction.original_response()
    db = service_of(interaction.client).db
    await game_store.remember_message(db, game_id, "article", article.number, posted.channel.id, posted.id)


class ArticleModal(discord.ui.Modal):
    """A long article is written in a form; the same rules apply when it is submitted."""

    def __init__(self, game_id: int, clause: str, parties: list[str] | None, typed: dict[str, str]) -> None:
        super().__init__(title="Table an article", timeout=1800)
        self.game_id, self.clause, self.parties, self.typed = game_id, clause, parties, typed
        self.text: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=f"Article ({clause})"[:45], style=discord.TextStyle.paragraph, max_length=MAX_ARTICLE_TEXT
        )
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await table(interaction, self.game_id, self.clause, self.text.value, self.parties, self.typed)

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        await handle_interaction_error(interaction, error)


def redraw(state: GameState, action: str, arg: int | None) -> dict[str, Any]:
    if action in {"join", "start"}:
        scenario = canon_scenarios().get(state.scenario)
        briefing = scenario.briefing if scenario else ""
        return {"embed": accord_pages.lobby_embed(state, briefing), "view": lobby_view(state)}
    if action in {"support", "oppose"} and arg is not None and (article := state.article(arg)) is not None:
        return {"embed": accord_pages.article_embed(state, article), "view": article_view(state, arg)}
    return {
        "embed": accord_pages.draft_embed(state),
        "view": None if state.phase.over else signing_view(state),
    }


@app_commands.guild_only()
class Accords(
    commands.GroupCog, group_name="accord", group_description="The accords game: negotiate and sign."
):
    host = app_commands.Group(
        name="host", description="Host or moderator: pause, resume, extend, replace, abandon."
    )

    def __init__(self, bot: KhitomerBot) -> None:
        self.bot = bot
        self.service = AccordService(bot.db)
        self.timers = Timers(self._remind, self._expire)
        super().__init__()

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(GameButton, AbandonButton)
        self.bot.page_sources.register("accord_minutes", self._minutes_pages)
        self.bot.page_sources.register("accord_board", self._board_pages)
        self.bot.page_sources.register("accord_history", self._history_pages)
        self.bot.page_sources.register("accord_status", self._status_pages)
        # Deadlines survive restarts; each process runs the timers of its own shards' servers.
        for state in await game_store.open_games(self.service.db):
            if self.bot.runs_guild(state.guild_id):
                await self._arm(state)

    async def cog_unload(self) -> None:
        await self.timers.stop()

    # -- deadlines ----------------------------------------------------------------------------

    async def _config(self, guild_id: int) -> GuildConfig:
        service = self.bot.guild_config
        return await service.get(guild_id) if service is not None else GuildConfig()

    async def _arm(self, state: GameState) -> None:
        self.timers.arm(state, (await self._config(state.guild_id)).seconds("reminder.lead"))

    async def after(self, state: GameState, events: list[Event]) -> GameState:
        """A new phase gets its deadline from the server's settings; the timer follows the game;
        a concluded conference is recorded, scored and reported."""
        kinds = {e.kind for e in events}
        if kinds & {"ratified", "failed"}:
            await self._conclude(state)
        if kinds & {"started", "draft_closed", "created"} and state.phase in PHASE_SETTING:
            seconds = (await self._config(state.guild_id)).seconds(PHASE_SETTING[state.phase])
            state, _ = await self.service.act(
                state.guild_id, state.game_id, "set_deadline", CLOCK, staff=True, at=now() + seconds
            )
        if (
            kinds & {"started", "draft_closed", "created", "paused", "resumed", "deadline_set"}
            or state.phase.over
        ):
            await self._arm(state)
        await self._retire_buttons(state, kinds)
        return state

    async def _retire_buttons(self, state: GameState, kinds: set[str]) -> None:
        """When the phase moves on, the messages of the phase before are redrawn with their
        buttons disabled: the lobby once negotiation opens, the articles once the draft closes,
        everything once the conference is over."""
        over = state.phase.over
        if "started" in kinds or over:
            await self._refresh(state, "lobby")
        if "draft_closed" in kinds or over:
            for article in state.articles:
                await self._refresh(state, "article", article.number)
        if over:
            await self._refresh(state, "draft")

    async def _conclude(self, state: GameState) -> None:
        """Announce the end in the game's channel (what was stored was stored with the last action)."""
        scenario = canon_scenarios().get(state.scenario)
        seated = state.seated_powers()
        objectives = [o for o in (scenario.objectives if scenario else ()) if o.power in seated]
        accord = await accord_store.of_game(self.service.db, state.guild_id, state.game_id)
        text = accord_pages.ending_text(state, objectives, accord, reputation_changes(state))
        await self._post(state.game_id, text)

    async def _post(self, game_id: int, text: str, mentions: discord.AllowedMentions | None = None) -> None:
        """Post in the game's channel, retrying a failing Discord a few times; never raises, so a
        lost announcement can never stop a deadline (the next /accord status shows the state)."""
        channel_id = await game_store.channel_of(self.service.db, game_id)
        # A deadline that passed while the bot was down fires during start-up: wait until the
        # channels are known rather than lose the announcement.
        await self.bot.wait_until_ready()
        channel = self.bot.get_channel(channel_id) if channel_id else None
        if not isinstance(channel, discord.abc.Messageable):
            return
        for attempt, pause in enumerate((*ANNOUNCE_RETRIES, None), start=1):
            try:
                await channel.send(text, allowed_mentions=mentions or discord.AllowedMentions.none())
                return
            except discord.HTTPException as error:
                if pause is None or isinstance(error, discord.Forbidden):
                    log.warning(
                        "conference %s: announcement lost after %d tries: %s", game_id, attempt, error
                    )
                    return
                await asyncio.sleep(pause)

    async def announce(self, state: GameState, text: str) -> None:
        await self._post(state.game_id, text)

    async def _remind(self, state: GameState, lead: float) -> None:
        # Only the seated players are pinged, by id: a name or title they typed can ping nobody.
        players = [discord.Object(p) for seat in state.seats for p in seat.players]
        await self._post(
            state.game_id,
            reminder_text(state, lead),
            discord.AllowedMentions.none().merge(discord.AllowedMentions(users=players)),
        )

    async def _expire(self, state: GameState) -> None:
        scenario = canon_scenarios().get(state.scenario)
        narrower = bool(scenario and scenario.narrower_accord)
        fresh, events = await self.service.act(
            state.guild_id, state.game_id, "expire", CLOCK, staff=True, now=now(), narrower=narrower
        )
        if not events:
            await self._arm(fresh)  # moved or paused meanwhile: follow the stored deadline
            return
        fresh = await self.after(fresh, events)
        said = {
            Phase.NEGOTIATION: "Time is up for the lobby: negotiations are open.",
            Phase.RATIFICATION: "Time is up for negotiation: the agreed articles are up for signature.",
            Phase.FAILED: "Time is up: the accord failed (silent delegations count as refusing).",
            Phase.RATIFIED: "Time is up: those who signed keep the accord among themselves.",
            Phase.ABANDONED: "Time is up: too few powers sat down, so the conference is abandoned.",
        }.get(fresh.phase, f"Time is up: the conference is now {fresh.phase.value}.")
        await self._post(state.game_id, f"**{discord.utils.escape_markdown(fresh.title)}**: {said}")

    async def _game_here(self, interaction: discord.Interaction) -> GameState:
        """The conference running in this channel; from the channel a conference was convened in,
        the one running in its thread; else a refusal that says where this channel's conferences are."""
        guild_id, channel_id = interaction.guild_id or 0, interaction.channel_id or 0
        game = await game_store.latest_in_channel(self.service.db, guild_id, channel_id)
        if game is not None and not game.phase.over:
            return game
        elsewhere = await game_store.convened_from(self.service.db, guild_id, channel_id)
        if len(elsewhere) == 1:
            return elsewhere[0][1]
        if elsewhere:
            where = ", ".join(f"<#{thread}>" for thread, _ in elsewhere)
            raise NotFound(f"This channel's conferences run in their threads: {where}. Use /accord there.")
        raise NotFound("There is no conference running in this channel. Start one with /accord convene.")

    @app_commands.command(
        name="convene", description="Open a conference here: players take seats, the host starts it."
    )
    @app_commands.describe(
        scenario="Which conference (autocompletes)", title="A name for it (default: the scenario's)"
    )
    async def convene(
        self,
        interaction: discord.Interaction,
        scenario: app_commands.Range[str, 1, 40],
        title: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        chosen = canon_scenarios().get(scenario)
        if chosen is None:
            raise InvalidInput(f"No scenario {scenario!r}. There are: {', '.join(canon_scenarios())}.")
        config = await config_of(interaction)
        allowed = config.game_channels()
        channel = interaction.channel
        category = getattr(channel, "category_id", None)
        if allowed and interaction.channel_id not in allowed and category not in allowed:
            raise NotAllowed("The moderators keep conferences to other channels (see /config show).")
        state = await self.service.convene(
            interaction.guild_id or 0,
            interaction.channel_id or 0,
            interaction.user.id,
            title or chosen.title,
            chosen.powers,
            chosen.key,
            narrower=chosen.narrower_accord,
        )
        state = await self.after(state, [Event("created", interaction.user.id)])
        await interaction.response.send_message(
            embed=accord_pages.lobby_embed(state, chosen.briefing), view=lobby_view(state)
        )
        lobby = await interaction.original_response()
        await game_store.remember_message(
            self.service.db, state.game_id, "lobby", 0, lobby.channel.id, lobby.id
        )
        if config.raw("game.threads") == "on" and isinstance(interaction.channel, discord.TextChannel):
            await self._open_thread(interaction, state)

    async def _open_thread(self, interaction: discord.Interaction, state: GameState) -> None:
        """The conference gets a thread of its own, where the server allows; else it stays here."""
        try:
            lobby = await interaction.original_response()
            thread = await lobby.create_thread(name=state.title[:100], auto_archive_duration=10080)
        except discord.HTTPException:
            return  # no permission to create threads here: the conference stays in the channel
        await game_store.move_to_channel(self.service.db, state.game_id, thread.id)
        await thread.send("The conference sits here: use the /accord commands in this thread.")

    @convene.autocomplete("scenario")
    async def scenario_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        needle = current.casefold()
        return [
            app_commands.Choice(name=s.title, value=s.key)
            for s in canon_scenarios().values()
            if needle in s.title.casefold() or needle in s.key
        ][:25]

    @app_commands.command(name="join", description="Take a seat for a power.")
    async def join(self, interaction: discord.Interaction, power: app_commands.Range[str, 1, 60]) -> None:
        game = await self._game_here(interaction)
        power = power_named(power, game.powers)
        state, _ = await act(interaction, game.game_id, "join", power=power)
        await self._refresh(state, "lobby")
        await interaction.response.send_message(f"<@{interaction.user.id}> now sits for {power}.")

    @join.autocomplete("power")
    async def power_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            game = await self._game_here(interaction)
        except NotFound:
            return []
        taken = set(game.seated_powers())
        needle = current.casefold().strip()
        matching = [
            p
            for p in game.powers
            if any(needle in name.casefold() for name in (p, *(power_aliases().get(p, ()))))
        ]
        matching.sort(key=lambda p: p in taken)  # free seats first
        return [
            app_commands.Choice(
                name=p + (" (join the delegation)" if p in taken else " (free seat)"), value=p
            )
            for p in matching
        ][:25]

    async def _refresh(self, state: GameState, kind: str, ref: int = 0) -> None:
        """Actions taken by slash command show on the game's messages too (buttons redraw their
        own): the lobby's seats, an article's support, the draft's signatures."""
        where = await game_store.message_of(self.service.db, state.game_id, kind, ref)
        channel = self.bot.get_channel(where[0]) if where else None
        if where is None or not isinstance(channel, discord.TextChannel | discord.Thread):
            return
        action = {"lobby": "join", "article": "support", "draft": "sign"}[kind]
        with contextlib.suppress(discord.HTTPException):  # a deleted message has nothing to update
            await channel.get_partial_message(where[1]).edit(
                **redraw(state, action, ref or None),
                allowed_mentions=discord.AllowedMentions.none(),  # partial edits skip the bot default
            )

    async def _simple(self, interaction: discord.Interaction, kind: str, said: str, **data: Any) -> GameState:
        game = await self._game_here(interaction)
        state, events = await act(interaction, game.game_id, kind, **data)
        if events and kind in {"leave", "start", "replace"}:
            await self._refresh(state, "lobby")
        if events and kind in {"support", "oppose", "amend", "retract"}:
            await self._refresh(state, "article", int(data.get("article", 0)))
        if events and kind in {"sign", "refuse"}:
            await self._refresh(state, "draft")
        if events:
            await interaction.response.send_message(said)
        else:  # nothing to announce: only the one who acted hears it
            await interaction.response.send_message("Nothing changed: that was already so.", ephemeral=True)
        return state

    @app_commands.command(name="leave", description="Give up your seat (before the conference starts).")
    async def leave(self, interaction: discord.Interaction) -> None:
        await self._simple(interaction, "leave", f"<@{interaction.user.id}> left the table.")

    @app_commands.command(name="start", description="Host: open negotiations.")
    async def start(self, interaction: discord.Interaction) -> None:
        await self._simple(
            interaction, "start", "Negotiations are open. Table articles with /accord propose."
        )

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
        state = await self._simple(interaction, "sign", "Signed.", by=interaction.user.display_name)
        if state.phase is Phase.RATIFIED:
            await interaction.followup.send(
                f"The accord of {state.title} is ratified. Quote it with /treaty quote."
            )

    @app_commands.command(name="refuse", description="Refuse to sign the accord.")
    async def refuse(self, interaction: discord.Interaction) -> None:
        await self._simple(interaction, "refuse", "Refused.")

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

    @host.command(name="pause", description="Host or moderator: pause the conference.")
    async def pause(self, interaction: discord.Interaction) -> None:
        await self._simple(interaction, "pause", "The conference is paused: its clock stops.", now=now())

    @host.command(name="resume", description="Host or moderator: resume a paused conference.")
    async def resume(self, interaction: discord.Interaction) -> None:
        await self._simple(interaction, "resume", "The conference resumes: its clock runs again.", now=now())

    @host.command(name="abandon", description="Host or moderator: end the conference without an accord.")
    async def abandon(self, interaction: discord.Interaction) -> None:
        game = await self._game_here(interaction)
        decide(game, "abandon", interaction.user.id, staff=await is_moderator(interaction))  # refused now?
        await interaction.response.send_message(
            f"Abandon **{plain(game.title)}**? It ends at once, without an accord, and cannot be undone.",
            view=abandon_view(game.game_id, interaction.user.id),
            ephemeral=True,
        )

    @host.command(name="extend", description="Host or moderator: give the current phase more time.")
    @app_commands.describe(by="How much longer, like 30m, 2h or 1d")
    async def extend(self, interaction: discord.Interaction, by: app_commands.Range[str, 1, 20]) -> None:
        seconds = parse_duration(by)
        await self._simple(
            interaction, "extend", f"The deadline moves {format_duration(seconds)} later.", seconds=seconds
        )

    @host.command(
        name="replace", description="Host or moderator: give an absent player's seat to someone else."
    )
    async def replace(
        self, interaction: discord.Interaction, absent: discord.Member, newcomer: discord.Member
    ) -> None:
        if newcomer.bot:
            raise InvalidInput("Bots cannot take a seat.")
        await self._simple(
            interaction,
            "replace",
            f"{newcomer.mention} takes over from {absent.mention}.",
            old=absent.id,
            new=newcomer.id,
        )

    @app_commands.command(name="history", description="Every conference held in this server.")
    async def history(self, interaction: discord.Interaction) -> None:
        await send_pages(
            interaction, "accord_history", await self._history_pages(interaction, ""), ephemeral=True
        )

    async def _history_pages(self, interaction: discord.Interaction, _arg: str) -> list[discord.Embed]:
        games = await game_store.in_guild(self.service.db, interaction.guild_id or 0)
        lines = [f"**{plain(g.title)}** in <#{channel}> — {g.phase.value}" for channel, g in games]
        pages = paginate(lines or ["No conference has met here yet."], max_chars=3000, max_lines=15)
        return [info_embed("Conferences in this server", page) for page in pages]

    @app_commands.command(
        name="minutes", description="The record of this channel's latest conference, action by action."
    )
    async def minutes(self, interaction: discord.Interaction) -> None:
        await send_pages(
            interaction, "accord_minutes", await self._minutes_pages(interaction, ""), ephemeral=True
        )

    async def _minutes_pages(self, interaction: discord.Interaction, _arg: str) -> list[discord.Embed]:
        game = await game_store.latest_in_channel(
            self.service.db, interaction.guild_id or 0, interaction.channel_id or 0
        )
        if game is None:
            raise NotFound("No conference has met in this channel.")
        convened_at, events = await game_store.timed_events(self.service.db, game.game_id)
        lines = minute_lines(game.host, game.title, convened_at, events)
        pages = paginate(lines, max_chars=3000, max_lines=15)
        return [info_embed(f"Minutes: {plain(game.title)}"[:256], page) for page in pages]

    @app_commands.command(name="talks", description="Open a private thread with the delegations you choose.")
    @app_commands.describe(powers="The other powers, comma-separated")
    async def talks(self, interaction: discord.Interaction, powers: app_commands.Range[str, 1, 300]) -> None:
        game = await self._game_here(interaction)
        seat = game.seat_of(interaction.user.id)
        if seat is None:
            raise NotAllowed("Only seated delegations hold talks.")
        others = [p for p in game.seated_powers() if p != seat.power]
        wanted = [p for p in powers_named(powers, game.seated_powers()) if p != seat.power]
        seats = [s for s in game.seats if s.power in wanted]
        if not wanted:
            raise InvalidInput(f"Name the seated powers to talk with: {', '.join(others)}.")
        channel = interaction.channel
        parent = channel.parent if isinstance(channel, discord.Thread) else channel
        if not isinstance(parent, discord.TextChannel):
            raise NotAllowed("Talks need a text channel to open their thread in.")
        name = f"Talks: {' & '.join([seat.power, *wanted])}"[:100]
        try:
            thread = await parent.create_thread(
                name=name, type=discord.ChannelType.private_thread, invitable=False
            )
            for player in {p for s in [seat, *seats] for p in s.players}:
                await thread.add_user(discord.Object(player))
        except discord.Forbidden:
            raise NotAllowed(
                "I may not open private threads here; ask a moderator for that permission."
            ) from None
        await interaction.response.send_message(f"Talks are open in {thread.mention}.", ephemeral=True)

    @app_commands.command(name="objectives", description="Your power's secret objectives in this conference.")
    async def objectives(self, interaction: discord.Interaction) -> None:
        game = await self._game_here(interaction)
        seat = game.seat_of(interaction.user.id)
        if seat is None:
            raise NotAllowed("Only seated delegations have objectives here.")
        scenario = canon_scenarios().get(game.scenario)
        mine = [o for o in (scenario.objectives if scenario else ()) if o.power == seat.power]
        text = "\n".join(
            f"{'Get' if o.wants else 'Avoid'} a {o.clause.value} article: {o.text} ({o.points})" for o in mine
        )
        await interaction.response.send_message(text or "This conference sets no objectives.", ephemeral=True)

    @app_commands.command(
        name="leaderboard", description="Reputation in this server: accords honoured, words broken."
    )
    async def leaderboard(self, interaction: discord.Interaction) -> None:
        await send_pages(
            interaction, "accord_board", await self._board_pages(interaction, ""), ephemeral=True
        )

    async def _board_pages(self, interaction: discord.Interaction, _arg: str) -> list[discord.Embed]:
        rows = await reputation.leaderboard(self.service.db, interaction.guild_id or 0)
        lines = [
            f"{i}. <@{user}> — {points} ({accords} accords)"
            for i, (user, points, accords) in enumerate(rows, 1)
        ]
        pages = paginate(lines or ["Nobody has signed an accord here yet."], max_chars=3000, max_lines=15)
        return [info_embed("Reputation", page) for page in pages]

    # -- after ratification ----------------------------------------------------------------------

    async def _record(self, interaction: discord.Interaction, accord: str, decide: Any, said: str) -> None:
        events = await accord_record.act(
            self.service.db, interaction.guild_id or 0, accord, interaction.user.id, decide
        )
        if not events:
            await interaction.response.send_message("Nothing changed: that was already so.", ephemeral=True)
            return
        lines = [said]
        lines += [
            f"Complaint {d['number']} is {'upheld' if d['upheld'] else 'dismissed'} by the signatories."
            for kind, d in events
            if kind == "decided"
        ]
        await interaction.response.send_message("\n".join(lines))

    @app_commands.command(
        name="withdraw", description="Withdraw your power from a ratified accord (costs reputation)."
    )
    async def withdraw(
        self,
        interaction: discord.Interaction,
        accord: app_commands.Range[str, 1, 40],
        reason: app_commands.Range[str, 1, 500],
    ) -> None:
        await self._record(
            interaction, accord, lambda r, p: afterwards.withdraw(r, p, reason), "Withdrawal recorded."
        )

    @app_commands.command(name="reinstate", description="Bring your power back into an accord it left.")
    async def reinstate(
        self, interaction: discord.Interaction, accord: app_commands.Range[str, 1, 40]
    ) -> None:
        await self._record(interaction, accord, afterwards.reinstate, "Reinstated.")

    @app_commands.command(
        name="complaint", description="Bring a complaint against another signatory before the signatories."
    )
    async def complaint(
        self,
        interaction: discord.Interaction,
        accord: app_commands.Range[str, 1, 40],
        against: app_commands.Range[str, 1, 60],
        text: app_commands.Range[str, 1, 1000],
    ) -> None:
        await self._record(
            interaction,
            accord,
            lambda r, p: afterwards.complain(r, p, against, text),
            "Complaint filed: the signatories vote with /accord vote.",
        )

    @app_commands.command(name="vote", description="Vote on a complaint under an accord your power signed.")
    async def vote(
        self,
        interaction: discord.Interaction,
        accord: app_commands.Range[str, 1, 40],
        complaint: app_commands.Range[int, 1, 999],
        uphold: bool,
    ) -> None:
        await self._record(
            interaction, accord, lambda r, p: afterwards.vote(r, p, complaint, uphold), "Vote recorded."
        )

    @withdraw.autocomplete("accord")
    @reinstate.autocomplete("accord")
    @complaint.autocomplete("accord")
    @vote.autocomplete("accord")
    async def accord_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        found = await accord_store.accords_in(self.service.db, interaction.guild_id)
        return [
            app_commands.Choice(name=t.name[:100], value=t.key)
            for t in found
            if current.casefold() in t.name.casefold()
        ][:25]

    @app_commands.command(
        name="status", description="Where this conference stands: seats, deadline, articles."
    )
    async def status(self, interaction: discord.Interaction) -> None:
        game = await self._game_here(interaction)
        pages = accord_pages.board_embeds(game)
        await send_pages(interaction, "accord_status", pages, arg=str(game.game_id), ephemeral=True)

    async def _status_pages(self, interaction: discord.Interaction, arg: str) -> list[discord.Embed]:
        if not arg.isdigit():
            raise NotFound("There is no such conference in this server.")
        return accord_pages.board_embeds(
            await game_store.get(self.service.db, interaction.guild_id or 0, int(arg))
        )


async def setup(bot: KhitomerBot) -> None:
    await bot.add_cog(Accords(bot))
