"""create_bot(): the one way the runner, the tests and the console build Khitomer."""

from __future__ import annotations

import asyncio
import importlib
import logging
import pkgutil
import time
from collections.abc import Callable
from typing import Any

import discord
from discord.ext import commands

import cogs

from .. import __version__
from ..config import Settings, load_settings
from ..content.lore import canon_lore
from ..content.treaties import canon_treaties
from ..domain.guild_config import MESSAGE_CONTENT
from ..domain.shards import runs_guild
from ..services import english
from ..services.guild_config import ConfigService
from ..storage import Database, open_database
from ..ui.pager import PagerButton, PageSources
from .outbox import Outbox
from .retention import Retention
from .tree import KhitomerTree

log = logging.getLogger(__name__)

# Every restart-proof component class; registered before any interaction can arrive.
DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (PagerButton,)
# The tasks discord.py runs an interaction in (slash command, button, menu, form), by name.
INTERACTION_TASKS = (
    "CommandTree-invoker",
    "discord-ui-view-dispatch-",
    "discord-ui-dynamic-item-",
    "discord-ui-modal-dispatch-",
)
# The gateway's word that the bot is in a server: it joined, or the server became available (at
# start-up, one for every server of a shard).
SERVER_SEEN = frozenset({"guild_join", "guild_available"})
# How long a stop waits for interactions being handled; Discord itself gives up after 15 minutes,
# but a member waits seconds at most.
DRAIN_SECONDS = 10.0


def minimal_intents() -> discord.Intents:
    """Guilds only: slash commands and components need nothing privileged."""
    return discord.Intents(guilds=True)


def intents_for(settings: Settings) -> discord.Intents:
    """The minimal intents, and with MESSAGE_CONTENT=on members' messages in servers and their
    text (privileged): what automatic citations read (cogs/citations)."""
    intents = minimal_intents()
    if settings.message_content:
        intents.guild_messages = intents.message_content = True
    return intents


def discover_extensions() -> list[str]:
    """Every module or package in cogs/ whose name does not start with an underscore."""
    return sorted(
        f"{cogs.__name__}.{module.name}"
        for module in pkgutil.iter_modules(cogs.__path__)
        if not module.name.startswith("_")
    )


def interactions_in_flight() -> set[asyncio.Task[Any]]:
    """The interactions being handled right now, apart from the caller's own task."""
    current = asyncio.current_task()
    return {
        task
        for task in asyncio.all_tasks()
        if task is not current and not task.done() and task.get_name().startswith(INTERACTION_TASKS)
    }


async def drain_interactions(seconds: float) -> int:
    """Wait up to `seconds` for the interactions in flight; return how many were still running."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while (pending := interactions_in_flight()) and (left := deadline - loop.time()) > 0:
        await asyncio.wait(pending, timeout=left)
    return len(interactions_in_flight())


def shard_options(settings: Settings) -> dict[str, Any]:
    """Exactly the configured shards, or none given: discord.py then asks Discord and runs all."""
    if settings.shard_count is None:
        return {}
    return {"shard_count": settings.shard_count, "shard_ids": list(settings.shard_ids or ())}


class KhitomerBot(commands.AutoShardedBot):
    """Sharded from the start: SHARD_COUNT/SHARD_IDS choose the shards, else discord.py asks Discord."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents_for(settings),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=KhitomerTree,
            help_command=None,
            owner_ids=set(settings.owner_ids),
            chunk_guilds_at_startup=False,
            **shard_options(settings),
        )
        self.settings = settings
        self.version = __version__
        self.page_sources = PageSources()
        self.started_at: float | None = None
        self._db: Database | None = None
        self.outbox = Outbox(self)
        self.retention = Retention(lambda: self.db)  # deletes what the data statements keep no longer
        self.guild_config: ConfigService | None = None
        self.stopping = False
        self.server_seen: Callable[[discord.Guild], None] | None = None  # the Owner cog's departures

    def dispatch(self, event_name: str, /, *args: Any, **kwargs: Any) -> None:
        """A server seen is told to `server_seen` here, at once, not through a listener: a listener
        is a task per event, and where servers arrive in a burst the tasks wait together (1,000
        servers created at once in bench/interactions.py's memory run: 4 KiB a server of the heap
        left fragmented, 4 more of pymalloc's arenas)."""
        if event_name in SERVER_SEEN and self.server_seen is not None and args:
            try:
                self.server_seen(args[0])
            except Exception:  # as a listener's would, it goes to the log, never to the gateway
                log.exception("a server seen (%s) could not be recorded", event_name)
        super().dispatch(event_name, *args, **kwargs)

    @property
    def db(self) -> Database:
        if self._db is None:
            raise RuntimeError("storage is not open: the bot has not run setup_hook yet")
        return self._db

    @property
    def uptime_seconds(self) -> float:
        return 0.0 if self.started_at is None else time.monotonic() - self.started_at

    async def on_message(self, message: discord.Message, /) -> None:
        """Never read as a text command: Khitomer has none, and with MESSAGE_CONTENT=on a mention
        would be taken for an unknown one (a logged traceback). Cogs listen on their own."""

    def runs_guild(self, guild_id: int) -> bool:
        """Whether this process runs that server's shard: its timers and background work are ours."""
        return runs_guild(guild_id, self.settings.shard_count, self.settings.shard_ids)

    async def open_storage(self) -> Database:
        """Open (and migrate) the database now; the runner calls it before connecting to Discord."""
        if self._db is None:
            self._db = await open_database(self.settings.database_path, self.settings.database_url)
        return self._db

    async def setup_hook(self) -> None:
        await self.open_storage()
        assert self._db is not None
        running_with = frozenset({MESSAGE_CONTENT} if self.settings.message_content else ())
        self.guild_config = ConfigService(self._db, running_with)
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        # The content files and the English word list load in a thread (parsing them held the loop
        # for 230 ms at a first start), and so do the modules each cog imports; each cog yields to
        # the loop before the next (issue #21: no stall over 50 ms).
        await asyncio.to_thread(_preload)
        for extension in discover_extensions():
            await asyncio.to_thread(importlib.import_module, extension)
            await self.load_extension(extension)
            await asyncio.sleep(0)
        self.outbox.start()  # after the cogs: they register the kinds of message they render
        self.retention.start()  # prunes now, then every few hours
        self.started_at = time.monotonic()
        log.info("Khitomer %s set up with %d extensions", self.version, len(self.extensions))

    async def close(self) -> None:
        """Let the interactions in flight finish, unload the cogs (their timers stop), close the
        gateway and HTTP session, and close storage last, so nothing is cut off half-way."""
        if not self.stopping:
            self.stopping = True
            if left := await drain_interactions(DRAIN_SECONDS):
                log.warning("stopping with %d interactions still running after %.0f s", left, DRAIN_SECONDS)
        try:
            await self.outbox.stop()  # what it has not sent stays queued for the next start
            await self.retention.stop()
            await super().close()
        finally:
            # Anything that arrived while the gateway closed gets a moment to end before storage.
            await drain_interactions(1.0)
            if self._db is not None:
                await self._db.close()
                self._db = None


def _preload() -> None:
    canon_lore()
    canon_treaties()
    english.load()


def create_bot(settings: Settings | None = None) -> KhitomerBot:
    """A fully wired bot that has not connected yet; storage opens in setup_hook."""
    return KhitomerBot(settings if settings is not None else load_settings())
