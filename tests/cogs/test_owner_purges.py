"""/owner purges and /owner purge (issue #24, point 3): the bot's owners list the servers pending
purge and purge one at once, after a confirmation; nobody else can, nor see their names, and a
server the bot is still in is refused."""

from __future__ import annotations

from typing import Any

import discord

from tests.cogs.test_forged_components import press
from tests.cogs.test_server_departures import populate
from tests.conftest import World
from tests.support.departures import nothing_left, owner_in_spacedock, remove_bot
from tests.support.server_rows import held_of


def admiral_not_owner(env: Any, world: World) -> Any:
    admirals = world.guild.create_role("Admirals", permissions=discord.Permissions(administrator=True))
    return world.guild.add_member(env.create_user("janeway"), roles=[admirals])


async def test_an_owner_purges_a_server_that_left_at_once_after_confirming(env, world: World) -> None:  # type: ignore[no-untyped-def]
    owner, dock = owner_in_spacedock(env)
    await populate(env, world)
    await remove_bot(env, world.guild)
    offered = await owner.autocomplete(dock, "owner purge", "server", "khit")
    assert offered == [{"name": f"Khitomer Conference · {world.guild.id}", "value": str(world.guild.id)}]

    asked = await owner.slash(dock, "owner purge", server=str(world.guild.id))
    assert asked.ephemeral
    text = asked.response.content
    assert text.startswith(
        f"Purge **Khitomer Conference** (`{world.guild.id}`) now? Everything Khitomer keeps"
    )
    assert "lore entries: 1 · accords: 1 · accord record entries: 1 · conferences: 1" in text
    assert "It removed Khitomer <t:" in text and "otherwise it would be purged <t:" in text
    kept = await owner.click(asked.response, label="Keep")
    assert kept.response.content == "Kept. Nothing was purged."
    assert not await nothing_left(env, world)

    asked = await owner.slash(dock, "owner purge", server=str(world.guild.id))
    done = await owner.click(asked.response, label="Purge now")
    shown = [m for m in (done.response, *done.followups) if m is not None][-1]
    assert shown.content.startswith(f"Purged **Khitomer Conference** (`{world.guild.id}`): ")
    assert "rows deleted (lore entries: 1 · accords: 1" in shown.content
    assert await nothing_left(env, world)
    assert (await owner.slash(dock, "owner purges")).response.embeds[0].description == (
        "No server is waiting to be purged."
    )
    again = await owner.slash(dock, "owner purge", server=str(world.guild.id))
    assert again.response.content == f"Khitomer keeps nothing of server `{world.guild.id}`."
    assert len(env.errors) == 1


async def test_owner_purges_are_refused_to_others_and_a_server_the_bot_is_in_is_kept(
    env, world: World
) -> None:  # type: ignore[no-untyped-def]
    owner, dock = owner_in_spacedock(env)
    await populate(env, world)
    janeway = admiral_not_owner(env, world)
    for name, options in (("owner purges", {}), ("owner purge", {"server": str(world.other_guild.id)})):
        refused = await janeway.slash(world.channel, name, **options)
        assert refused.ephemeral and refused.response.content == "Only the bot's owners can use this."
    assert await janeway.autocomplete(world.channel, "owner purge", "server", "") == []

    here = await owner.slash(dock, "owner purge", server=str(world.guild.id))
    assert here.ephemeral and here.response.content.startswith(
        f"Khitomer is still in **Khitomer Conference** (`{world.guild.id}`). Only a server that removed it"
    )
    typed = await owner.slash(dock, "owner purge", server="khitomer")
    assert typed.response.content == "That is not a server ID: pick a server from the list, or paste its ID."
    assert await held_of(env.bot.db, world.guild.id), "nothing was purged"
    assert len(env.errors) == 4


async def test_a_forged_purge_button_is_refused_to_anyone_but_an_owner(env, world: World) -> None:  # type: ignore[no-untyped-def]
    owner, _dock = owner_in_spacedock(env)
    await populate(env, world)
    await remove_bot(env, world.guild)
    stranger, there = world.stranger, world.other_channel
    mine = await press(env, stranger, there.id, f"owner:purge:{world.guild.id}:{stranger.id}:yes")
    assert mine == "Only the bot's owners can use this."
    theirs = await press(env, stranger, there.id, f"owner:purge:{world.guild.id}:{owner.id}:yes")
    assert theirs == "Only the owner who asked can confirm this."
    assert not await nothing_left(env, world), "nothing was purged"
