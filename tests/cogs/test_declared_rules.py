"""Who may run a command is declared once, beside the command (bot/application/checks.py `requires`), and
/help reads that declaration: what a member may run here, and what only elsewhere, marked."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.application.checks import RuleCheck, rule_of
from tests.conftest import World, read_all_pages


def leaves(env) -> list[app_commands.Command | app_commands.ContextMenu]:  # type: ignore[no-untyped-def,type-arg]
    """Every command a member runs: slash commands and message commands (right-click → Apps)."""
    return [
        leaf
        for root in env.bot.tree.get_commands()
        for leaf in (root.walk_commands() if isinstance(root, app_commands.Group) else [root])
        if isinstance(leaf, app_commands.Command | app_commands.ContextMenu)
    ]


async def test_every_command_declares_exactly_one_rule_and_nothing_else_checks(env) -> None:  # type: ignore[no-untyped-def]
    found = leaves(env)
    assert len(found) > 40
    for command in found:
        rules = [check for check in command.checks if isinstance(check, RuleCheck)]
        assert len(rules) == 1, f"/{command.qualified_name} declares {len(rules)} rules"
        assert command.checks == rules, f"/{command.qualified_name} has a check beside its rule"
    # no second style: no cog or group of commands checks in its own interaction_check
    for cog in env.bot.cogs.values():
        assert type(cog).interaction_check is commands.Cog.interaction_check, cog.qualified_name
    for root in env.bot.tree.get_commands():
        if isinstance(root, app_commands.Group):
            assert type(root).interaction_check is app_commands.Group.interaction_check, root.name


async def test_the_declarations_say_what_the_issue_asked(env) -> None:  # type: ignore[no-untyped-def]
    rules = {command.qualified_name: rule_of(command) for command in leaves(env)}
    assert rules["accord convene"].game_channel and rules["accord rematch"].game_channel
    assert not rules["accord join"].game_channel
    assert all(rules[f"lore {name}"].moderator for name in ("add", "edit", "remove", "import"))
    assert all(rules[f"lore {name}"].tiers for name in ("entry", "search", "random", "timeline"))
    assert all(
        rules[f"config {name}"].manage_server
        for name in ("show", "set", "area", "reset", "explain", "export", "import")
    )
    assert rules["owner sync"].owner and rules["owner error"].owner
    assert rules["owner purges"].owner and rules["owner purge"].owner
    assert {rules[name].area for name in rules if name.startswith("treaty ")} == {"treaties"}


async def help_text(member, channel) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(await read_all_pages(member, (await member.slash(channel, "help")).response))


async def test_help_marks_a_command_that_runs_only_in_other_channels(env, world: World) -> None:
    library = world.guild.create_text_channel("lore-library")
    await world.moderator.slash(
        world.channel, "config set", setting="game.channels", value="add", channel=world.channel
    )
    elsewhere = (await help_text(world.alice, library)).splitlines()
    marked = {line.split("`")[1]: line for line in elsewhere if "Not here" in line}
    assert set(marked) == {"/accord convene", "/accord rematch"}
    assert marked["/accord convene"].endswith(
        "*Not here: Conferences are not convened in this channel: the moderators keep them to "
        f"<#{world.channel.id}>.*"
    )
    assert any(line.startswith("`/accord join` —") for line in elsewhere)
    here = await help_text(world.alice, world.channel)
    assert "`/accord convene` —" in here and "Not here" not in here


async def test_help_reads_the_permissions_of_the_channel_it_is_asked_in(env, world: World) -> None:
    """Where a channel takes Manage Server from the moderators' role, their commands go, as the
    commands themselves refuse there; the game-master role keeps them."""
    mods = world.guild.roles["Moderators"]
    back_room = world.guild.create_text_channel(
        "back-room", overwrites={mods: discord.PermissionOverwrite(manage_guild=False)}
    )
    assert "`/lore add`" in await help_text(world.moderator, world.channel)
    assert "`/lore add`" not in await help_text(world.moderator, back_room)
    refused = await world.moderator.slash(back_room, "lore add", kind="battle")
    assert refused.response.content.startswith("Only this server's moderators")
    gms = world.guild.create_role("Game Masters")
    carol = world.guild.add_member(env.create_user("carol"), roles=[gms])
    await world.moderator.slash(world.channel, "config set", setting="gm_role", role=gms)
    assert "`/lore add`" in await help_text(carol, back_room)
    assert len(env.errors) == 1
