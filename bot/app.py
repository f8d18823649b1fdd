"""create_bot(): the one way the runner, the tests and the console build Khitomer."""

from __future__ import annotations

import logging
import pkgutil
import time
from typing import Any

import discord
from discord.ext import commands

import cogs

from . import __version__
from .config import Settings, load_settings
from .services.guild_config import ConfigService
from .storage import Database
from .tree import KhitomerTree
from .ui.pager import PagerButton, PageSources

log = logging.getLogger(__name__)

# Every restart-proof component class; registered before any interaction can arrive.
DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (PagerButton,)


def minimal_intents() -> discord.Intents:
    """Guilds only: slash commands and components need nothing privileged."""
    return discord.Intents(guilds=True)


def discover_extensions() -> list[str]:
    """Every module or package in cogs/ whose name does not start with an underscore."""
    return sorted(
        f"{cogs.__name__}.{module.name}"
        for module in pkgutil.iter_modules(cogs.__path__)
        if not module.name.startswith("_")
    )


class KhitomerBot(commands.Bot):
    def __init__(self, settings: Settings) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=minimal_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=KhitomerTree,
            help_command=None,
            owner_ids=set(settings.owner_ids),
            chunk_guilds_at_startup=False,
        )
        self.settings = settings
        self.version = __version__
        self.page_sources = PageSources()
        self.started_at: float | None = None
        self._db: Database | None = None
        self.guild_config: ConfigService | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            raise RuntimeError("storage is not open: the bot has not run setup_hook yet")
        return self._db

    @property
    def uptime_seconds(self) -> float:
        return 0.0 if self.started_at is None else time.monotonic() - self.started_at

    async def setup_hook(self) -> None:
        self._db = await Database.open(self.settings.database_path)
        self.guild_config = ConfigService(self._db)
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        for extension in discover_extensions():
            await self.load_extension(extension)
        self.started_at = time.monotonic()
        log.info("Khitomer %s set up with %d extensions", self.version, len(self.extensions))

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            if self._db is not None:
                await self._db.close()
                self._db = None


def create_bot(settings: Settings | None = None) -> KhitomerBot:
    """A fully wired bot that has not connected yet; storage opens in setup_hook."""
    return KhitomerBot(settings if settings is not None else load_settings())
