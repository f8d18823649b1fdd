"""/help and /about through SimCord, against the real bot."""

from __future__ import annotations

import discord

from bot.content.lore import canon_lore
from bot.content.treaties import canon_treaties
from tests.conftest import World, read_all_pages


async def test_help_lists_commands_by_area(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "help")
    assert result.ephemeral
    assert result.response.embeds[0].title == "Khitomer commands"
    text = "\n".join(await read_all_pages(world.alice, result.response))
    assert "**General**" in text
    assert "`/help` — List the commands you can use here" in text
    assert "`/about`" in text
    assert text.index("**General**") < text.index("**Lore**") < text.index("**Treaties**")
    assert "`/treaty quote`" in text and "`/lore entry`" in text


async def test_help_shows_moderator_commands_only_to_moderators(env, world: World) -> None:
    player = "\n".join(
        await read_all_pages(world.alice, (await world.alice.slash(world.channel, "help")).response)
    )
    moderator = "\n".join(
        await read_all_pages(world.moderator, (await world.moderator.slash(world.channel, "help")).response)
    )
    assert "`/lore add`" not in player and "`/lore remove`" not in player
    assert "`/lore add`" in moderator and "`/lore import`" in moderator


async def test_help_hides_owner_commands_from_players(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "help")
    assert "/owner" not in "\n".join(await read_all_pages(world.alice, result.response))


async def test_help_shows_owner_commands_only_to_an_owner_who_can_see_them(env, world: World) -> None:
    admirals = world.guild.create_role("Admirals", permissions=discord.Permissions(administrator=True))
    picard = world.guild.add_member(env.create_user("picard"), roles=[admirals])
    janeway = world.guild.add_member(env.create_user("janeway"), roles=[admirals])
    env.bot.owner_ids = {picard.id, world.moderator.id}

    async def listed(member) -> bool:  # type: ignore[no-untyped-def]
        result = await member.slash(world.channel, "help")
        return "`/owner sync`" in "\n".join(await read_all_pages(member, result.response))

    assert await listed(picard)  # owner and administrator
    assert not await listed(janeway)  # administrator, not owner
    # owner, but the group's default permissions hide it from non-administrators, as Discord does
    assert not await listed(world.moderator)


async def test_help_never_drifts_from_the_tree(env, world: World) -> None:
    """Every command an unprivileged member can see in Discord's picker is in /help."""
    result = await world.alice.slash(world.channel, "help")
    text = "\n".join(await read_all_pages(world.alice, result.response))
    for name in world.alice.available_commands(world.channel):
        if name.startswith("lore ") and name.split()[1] in {"add", "edit", "remove", "import"}:
            continue  # moderator subcommands: Discord shows them, /help lists them for moderators
        assert f"`/{name}`" in text


async def test_about_answers_with_status(env, world: World) -> None:
    result = await world.bob.slash(world.channel, "about")
    assert result.ephemeral
    fields = {field.name: field.value for field in result.response.embeds[0].fields}
    assert fields["Version"] == env.bot.version
    assert fields["Servers"] == "2"
    assert fields["Accords"] == "0"
    assert fields["Lore entries"] == str(len(canon_lore())) and len(canon_lore()) >= 200
    assert fields["Treaties"] == str(len(canon_treaties())) == "7"
    assert fields["Database"].endswith(("KiB", "MiB"))
    assert fields["Uptime"].endswith("s")
    assert fields["Gateway latency"]
