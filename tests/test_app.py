"""create_bot(): wired the same way for the runner, the tests and the console."""

from __future__ import annotations

import asyncpg
import discord
import pytest

from bot import create_bot
from bot.application.app import KhitomerBot, discover_extensions
from bot.application.tree import KhitomerTree
from bot.config import Settings


def test_create_bot_builds_without_connecting(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bot = create_bot(Settings(database_path=tmp_path / "k.db"))
    assert isinstance(bot, KhitomerBot)
    assert isinstance(bot.tree, KhitomerTree)
    assert not bot.is_ready()
    assert not (tmp_path / "k.db").exists(), "storage opens in setup_hook, not when the bot is built"


def test_no_privileged_intent_and_no_mentions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bot = create_bot(Settings(database_path=tmp_path / "k.db"))
    assert bot.intents.value == discord.Intents(guilds=True).value
    assert not (bot.intents.members or bot.intents.presences or bot.intents.message_content)
    mentions = bot.allowed_mentions
    assert mentions is not None
    assert mentions.to_dict() == {"parse": []}


def test_every_cog_module_is_discovered() -> None:
    assert discover_extensions() == [
        "cogs.accords",
        "cogs.citations",
        "cogs.config",
        "cogs.lore",
        "cogs.meta",
        "cogs.mydata",
        "cogs.owner",
        "cogs.treaties",
    ]


async def test_setup_loads_extensions_and_close_closes_storage(simcord_env) -> None:  # type: ignore[no-untyped-def]
    bot = simcord_env.bot
    assert set(bot.extensions) == set(discover_extensions())
    db = bot.db
    assert (await db.fetch_one("SELECT count(*) FROM games"))[0] == 0  # migrated, on either backend
    await bot.close()
    with pytest.raises(RuntimeError, match="storage is not open"):
        _ = bot.db
    # sqlite3 says the connection is closed; asyncpg that the pool is closing
    with pytest.raises((ValueError, asyncpg.InterfaceError), match=r"closed|closing|no active connection"):
        await db.fetch_one("SELECT 1")


async def test_set_up_reads_the_content_and_the_word_list_in_a_thread(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Issue #21 (no event-loop stall over 50 ms): the lore files, the treaties and the English
    word list (180 ms of parsing at a first start) are read off the loop before the cogs load, and
    building the lore service reads none of them on the loop."""
    import threading

    import simcord

    from bot.application import app
    from bot.services import english

    where: list[str] = []
    read_words = english._words

    def preload() -> None:
        where.append(threading.current_thread().name)

    def words():  # type: ignore[no-untyped-def]
        where.append(f"words on {threading.current_thread().name}")
        return read_words()

    monkeypatch.setattr(app, "_preload", preload)
    monkeypatch.setattr(english, "_words", words)
    bot = create_bot(Settings(database_path=tmp_path / "k.db"))
    async with simcord.run(bot, shard_count=1) as env:
        assert env.bot.is_ready()
        main = threading.main_thread().name
        assert where[0] != main  # the preload ran in a thread
        read = [w for w in where if w.startswith("words on ")]
        assert read and read[0] != f"words on {main}"  # first read by the lore service's start, in a thread
        await bot.close()
