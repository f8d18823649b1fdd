"""/help and /about through SimCord, against the real bot."""

from __future__ import annotations

import discord

from bot.content.treaties import canon_treaties
from tests.conftest import World


async def test_help_lists_commands_by_area(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "help")
    assert result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "Khitomer commands"
    assert "**General**" in embed.description
    assert "`/help` — List the commands you can use here" in embed.description
    assert "`/about`" in embed.description


async def test_help_hides_owner_commands_from_players(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "help")
    assert "/owner" not in result.response.embeds[0].description


async def test_help_shows_owner_commands_only_to_an_owner_who_can_see_them(env, world: World) -> None:
    admirals = world.guild.create_role("Admirals", permissions=discord.Permissions(administrator=True))
    picard = world.guild.add_member(env.create_user("picard"), roles=[admirals])
    janeway = world.guild.add_member(env.create_user("janeway"), roles=[admirals])
    env.bot.owner_ids = {picard.id, world.moderator.id}

    def listed(result) -> bool:  # type: ignore[no-untyped-def]
        return "`/owner sync`" in result.response.embeds[0].description

    assert listed(await picard.slash(world.channel, "help"))  # owner and administrator
    assert not listed(await janeway.slash(world.channel, "help"))  # administrator, not owner
    # owner, but the group's default permissions hide it from non-administrators, as Discord does
    assert not listed(await world.moderator.slash(world.channel, "help"))


async def test_help_never_drifts_from_the_tree(env, world: World) -> None:
    """Every command an unprivileged member can see in Discord's picker is in /help."""
    result = await world.alice.slash(world.channel, "help")
    text = "\n".join(e.description for e in result.response.embeds)
    for name in world.alice.available_commands(world.channel):
        assert f"`/{name}`" in text


async def test_about_answers_with_status(env, world: World) -> None:
    result = await world.bob.slash(world.channel, "about")
    assert result.ephemeral
    fields = {field.name: field.value for field in result.response.embeds[0].fields}
    assert fields["Version"] == env.bot.version
    assert fields["Servers"] == "2"
    assert fields["Lore entries"] == fields["Accords"] == "0"
    assert fields["Treaties"] == str(len(canon_treaties())) == "4"
    assert fields["Database"].endswith("KiB")
    assert fields["Uptime"].endswith("s")
    assert fields["Gateway latency"]
