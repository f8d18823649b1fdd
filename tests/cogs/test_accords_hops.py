"""CPU of the game actions (issue #21, point 5): on SQLite, each query handed to aiosqlite's
thread costs a thread hop (~180 us, and the GIL handed back and forth). The ratifying Sign's
small reads and bookkeeping writes (where the game's messages are, the outbox's due messages, the
announcement released and then dropped once Discord took it), and the channel's conference that
/accord join and propose look up, run at once on the event loop's own
connection instead, as the action's own write already does (db.write_now / db.read_now)."""

from __future__ import annotations

import aiosqlite
import pytest

from tests.cogs.test_accords import lobby, up_for_signature
from tests.conftest import World
from tests.support import postgres

pytestmark = pytest.mark.skipif(postgres.postgres_wanted(), reason="aiosqlite's thread is SQLite's")


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The work handed to aiosqlite's thread, by the name of the function it runs there."""
    handed: list[str] = []
    original = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        handed.append(getattr(fn, "__name__", repr(fn)))
        return await original(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    return handed


async def test_the_ratifying_sign_is_announced_without_a_hop_to_the_database_thread(  # type: ignore[no-untyped-def]
    env, world: World, hops: list[str]
) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    draft = await up_for_signature(world, "non-aggression", "Peace.")
    await world.alice.click(draft, label="Sign")
    hops.clear()
    signed = await world.bob.click(draft, label="Sign")
    assert "ratified" in world.channel.last_message.content.lower()  # the announcement went out
    assert signed.response is not None and not signed.ephemeral
    assert hops == []


async def test_joining_and_proposing_by_slash_command_hand_nothing_to_the_database_thread(  # type: ignore[no-untyped-def]
    env, world: World, hops: list[str]
) -> None:
    """The lookup of the channel's conference is two index searches (migrations/*_channel_lookup.sql):
    it is read at once, as are where the game is posted and where its article went."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")
    message = await lobby(world)
    hops.clear()
    joined = await world.alice.slash(world.channel, "accord join", power="Klingon Empire")
    assert "Klingon Empire" in (joined.response.content if joined.response else "")
    assert hops == []
    await world.bob.click(message, label="Sit for Romulan Star Empire")
    await world.moderator.click(message, label="Start the conference")
    hops.clear()
    proposed = await world.alice.slash(
        world.channel, "accord propose", clause="non-aggression", text="Peace."
    )
    assert proposed.response is not None and proposed.response.embeds
    assert hops == []
    supported = await world.bob.click(proposed.response, label="Support")  # its message was remembered
    assert supported.response is not None and "Romulan Star Empire" in str(
        supported.response.embeds[0].to_dict()
    )
