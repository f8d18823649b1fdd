"""/config through SimCord: settings, areas, the game-master role, visibility, tiers, explain."""

from __future__ import annotations

import discord
import pytest
from simcord import SetupError

from tests.conftest import World, read_all_pages


async def text(actor, world: World, command_name: str, /, **options) -> str:  # type: ignore[no-untyped-def]
    result = await actor.slash(world.channel, command_name, **options)
    shown = [m for m in (result.response, *result.followups) if m is not None][-1]
    return shown.content or (shown.embeds[0].description if shown.embeds else "")


async def test_show_lists_every_setting_with_defaults(env, world: World) -> None:
    result = await world.moderator.slash(world.channel, "config show")
    assert result.ephemeral
    shown = "\n".join(await read_all_pages(world.moderator, result.response))
    for name in (
        "game.channels",
        "gm_role",
        "deadline.negotiation",
        "reminder.lead",
        "lore.tiers",
        "answers.visibility",
    ):
        assert f"`{name}`" in shown
    assert "`deadline.negotiation` — 3d" in shown and "`lore` — on" in shown


async def test_players_are_refused_and_nothing_changes(env, world: World) -> None:
    # Discord hides the group from them (default permissions); the bot re-checks at run time too
    env.bot.tree.get_command("config").default_permissions = None
    await env.bot.tree.sync()
    reply = await text(world.alice, world, "config area", name="lore", enabled=False)
    assert reply == "Only members with Manage Server can change this server's settings."
    assert (await world.alice.slash(world.channel, "lore entry", topic="Praxis")).response.embeds  # still on
    assert len(env.errors) == 1


async def test_a_disabled_area_stops_commands_buttons_and_help(env, world: World) -> None:
    old = (await world.alice.slash(world.channel, "lore entry", topic="Kor")).response
    turned = await text(world.moderator, world, "config area", name="lore", enabled=False)
    assert turned.startswith("Lore is off")
    refused = await world.alice.slash(world.channel, "lore entry", topic="Praxis")
    assert refused.ephemeral and refused.response.content == "Lore is turned off here by the moderators."
    click = await world.alice.click(old, label="Next ▶")
    assert click.response.content == "Lore is turned off here by the moderators."
    select = next(c for row in old.components for c in row["components"] if c["type"] == 3)
    picked = await world.bob.select(old, ["hectavious"], custom_id=select["custom_id"])
    assert picked.response.content == "Lore is turned off here by the moderators."
    help_text = "\n".join(
        await read_all_pages(world.alice, (await world.alice.slash(world.channel, "help")).response)
    )
    assert "/lore" not in help_text and "/treaty quote" in help_text
    # the other server is untouched
    assert (await world.stranger.slash(world.other_channel, "lore entry", topic="Praxis")).response.embeds
    await world.moderator.slash(world.channel, "config area", name="lore", enabled=True)
    assert (await world.alice.slash(world.channel, "lore entry", topic="Praxis")).response.embeds
    assert len(env.errors) == 1  # the command; buttons answer through their own handler


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"setting": "deadline.lobby", "value": "-5m"}, "is not a duration"),
        ({"setting": "deadline.lobby", "value": "90d"}, "Durations run from 1m to 30d"),
        ({"setting": "warp.factor", "value": "9"}, "There is no setting 'warp.factor'"),
        ({"setting": "lore.tiers", "value": "rumours"}, "lore.tiers is one of: canon, canon+licensed, all"),
        ({"setting": "game.threads", "value": "maybe"}, "game.threads is on or off"),
        ({"setting": "gm_role"}, "Give the role option"),
        ({"setting": "game.channels", "value": "add"}, "with the channel option"),
    ],
)
async def test_bad_values_are_refused_and_change_nothing(env, world: World, options, message) -> None:  # type: ignore[no-untyped-def]
    reply = await text(world.moderator, world, "config set", **options)
    assert message in reply
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM guild_settings"))[0] == 0
    assert len(env.errors) == 1


async def test_another_servers_channel_is_never_delivered_and_nothing_is_stored(env, world: World) -> None:
    # Discord (and SimCord) never deliver another server's channel as an option …
    with pytest.raises(SetupError, match="must belong to this guild"):
        await world.moderator.slash(
            world.channel, "config set", setting="game.channels", value="add", channel=world.other_channel
        )
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM guild_settings"))[0] == 0


def forge_next_option(monkeypatch: pytest.MonkeyPatch, env, real: int, forged: int) -> None:  # type: ignore[no-untyped-def]
    """The next interaction names `forged` where the member picked `real`, in its options and its
    resolved channels and roles: a forged request, which Discord never sends and SimCord refuses
    to build, so it is rewritten on its way to the bot."""
    emit = env.backend.emit

    def swap(data: dict) -> None:  # type: ignore[type-arg]
        for option in data.get("options", []):
            if option.get("value") == str(real):
                option["value"] = str(forged)
            swap(option)
        for kind in data.get("resolved", {}).values():
            if str(real) in kind:
                kind[str(forged)] = {**kind.pop(str(real)), "id": str(forged)}

    def forging(event: str, payload: dict) -> None:  # type: ignore[type-arg]
        if event == "INTERACTION_CREATE":
            swap(payload["data"])
            monkeypatch.setattr(env.backend, "emit", emit)  # only the next one
        emit(event, payload)

    monkeypatch.setattr(env.backend, "emit", forging)


async def test_a_forged_channel_or_role_of_another_server_is_refused(env, world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # … and should a forged one arrive anyway, /config set refuses it and stores nothing.
    forge_next_option(monkeypatch, env, world.channel.id, world.other_channel.id)
    channel = await world.moderator.slash(
        world.channel, "config set", setting="game.channels", value="add", channel=world.channel
    )
    ours, theirs = world.guild.create_role("Game Masters"), world.other_guild.create_role("Nimbus Masters")
    forge_next_option(monkeypatch, env, ours.id, theirs.id)
    role = await world.moderator.slash(world.channel, "config set", setting="gm_role", role=ours)
    # discord.py itself refuses a channel this server does not have, before /config set runs
    assert channel.ephemeral
    assert channel.response.content == "I couldn't make sense of 'conference-hall' for that option."
    assert role.ephemeral and role.response.content == "That role belongs to another server."
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM guild_settings"))[0] == 0
    assert len(env.errors) == 2


async def test_settings_survive_a_restart(env, world: World, make_bot) -> None:  # type: ignore[no-untyped-def]
    assert "1h 30m" in await text(
        world.moderator, world, "config set", setting="deadline.lobby", value="1h30m"
    )
    await text(
        world.moderator, world, "config set", setting="game.channels", value="add", channel=world.channel
    )
    await env.restart_bot(make_bot())
    shown = "\n".join(
        await read_all_pages(
            world.moderator, (await world.moderator.slash(world.channel, "config show")).response
        )
    )
    assert "`deadline.lobby` — 1h 30m *(changed)*" in shown
    assert f"<#{world.channel.id}>" in shown


async def test_the_game_master_role_runs_moderator_lore_commands(env, world: World) -> None:
    gms = world.guild.create_role("Game Masters")
    carol = world.guild.add_member(env.create_user("carol"), roles=[gms])
    refused = await carol.slash(world.channel, "lore add", kind="battle")
    assert refused.modal is None
    await text(world.moderator, world, "config set", setting="gm_role", role=gms)
    allowed = await carol.slash(world.channel, "lore add", kind="battle")
    assert allowed.modal is not None
    assert len(env.errors) == 1


async def test_answers_can_be_private_server_wide_or_per_channel(env, world: World) -> None:
    assert not (await world.alice.slash(world.channel, "treaty list")).ephemeral
    await text(world.moderator, world, "config set", setting="answers.visibility", value="private")
    assert (await world.alice.slash(world.channel, "treaty list")).ephemeral
    assert (await world.alice.slash(world.channel, "lore entry", topic="Kor")).ephemeral
    await text(
        world.moderator,
        world,
        "config set",
        setting="answers.visibility",
        value="public",
        channel=world.channel,
    )
    assert not (await world.alice.slash(world.channel, "lore entry", topic="Kor")).ephemeral


async def test_tiers_hide_sources_not_people(env, world: World) -> None:
    """Issue #11 point 13: under "canon only" an entry goes only when none of its sources is
    canon; otherwise it shows its canon sources and says some details rest on hidden ones."""
    await text(world.moderator, world, "config set", setting="lore.tiers", value="canon")
    kor = await world.alice.slash(world.channel, "lore entry", topic="Kor")  # canon and fan sources
    sources = next(f.value for f in kor.response.embeds[0].fields if f.name == "Sources")
    assert "Errand of Mercy" in sources and "Fan wiki" not in sources
    assert "Some details here rest on 2 fan-wiki sources, which this server's settings hide." in sources
    hectavious = await world.alice.slash(world.channel, "lore entry", topic="Hectavious")  # fan only
    assert (
        hectavious.ephemeral
        and "rests only on sources this server's settings hide" in hectavious.response.content
    )
    found = await world.alice.slash(world.channel, "lore search", query="Nimbus alliance Hectavious")
    pages = "\n".join(e.description or "" for e in found.response.embeds)
    titles = [line for line in pages.splitlines() if line.startswith("**")]
    assert "**Hectavious**" not in titles and "**Klingon–Romulan Alliance**" in titles
    assert len(env.errors) == 1


async def test_reset_asks_first_and_restores_defaults(env, world: World) -> None:
    await text(world.moderator, world, "config set", setting="deadline.lobby", value="2h")
    asked = await world.moderator.slash(world.channel, "config reset", setting="deadline.lobby")
    assert "Reset `deadline.lobby`" in asked.response.content
    custom_id = asked.response.components[0]["components"][0]["custom_id"]
    view = discord.ui.View(timeout=None)
    view.add_item(discord.ui.Button(label="Reset", custom_id=custom_id))
    forged = await env.bot.get_channel(world.channel.id).send("shared", view=view)
    stranger = await world.bob.click(forged, custom_id=custom_id)
    assert "Only the moderator who asked" in stranger.response.content
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM guild_settings"))[0] == 1
    done = await world.moderator.click(asked.response, label="Reset")
    assert done.response.content == "`deadline.lobby` is back to its default."
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM guild_settings"))[0] == 0


async def test_setting_autocomplete(env, world: World) -> None:
    choices = await world.moderator.autocomplete(world.channel, "config set", "setting", "dead")
    assert [c["value"] for c in choices] == [
        "deadline.lobby",
        "deadline.negotiation",
        "deadline.ratification",
    ]


async def test_explain_walks_both_layers(env, world: World) -> None:
    plain = await text(world.moderator, world, "config explain", command="lore add", member=world.alice)
    assert plain.startswith("**No**") and "Only this server's moderators" in plain
    mine = await text(world.moderator, world, "config explain", command="lore add")
    assert mine.startswith("**Yes**")
    await world.moderator.slash(world.channel, "config area", name="treaties", enabled=False)
    off = await text(world.moderator, world, "config explain", command="treaty quote", member=world.alice)
    assert off.startswith("**No**") and "Treaties is turned off" in off

    synced = await env.bot.tree.fetch_commands()
    lore = next(c for c in synced if c.name == "lore")
    world.guild.set_command_permissions(lore, {world.alice: False})
    denied = await text(world.moderator, world, "config explain", command="lore entry", member=world.alice)
    assert denied.startswith("**No**") and "denies it through an override for them personally" in denied
    other = await text(world.moderator, world, "config explain", command="lore entry", member=world.bob)
    assert other.startswith("**Yes**") and "no override applies" in other


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("config show", {}),
        ("config set", {"setting": "game.threads", "value": "off"}),
        ("config area", {"name": "treaties", "enabled": False}),
        ("config reset", {}),
        ("config explain", {"command": "lore add"}),
        ("config export", {}),
        ("config import", {"file": ("archive.json", b"{}")}),
    ],
)
async def test_every_config_command_refuses_a_player_at_run_time(env, world: World, command, options) -> None:  # type: ignore[no-untyped-def]
    env.bot.tree.get_command("config").default_permissions = None  # as if an admin opened it to everyone
    await env.bot.tree.sync()
    result = await world.alice.slash(world.channel, command, **options)
    assert result.ephemeral
    assert result.response.content == "Only members with Manage Server can change this server's settings."
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM guild_settings"))[0] == 0
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM guild_disabled_areas"))[0] == 0
    assert len(env.errors) == 1


async def test_the_config_group_is_guild_only_and_defaults_to_manage_server(env) -> None:  # type: ignore[no-untyped-def]
    group = env.bot.tree.get_command("config")
    assert group.guild_only
    assert group.default_permissions == discord.Permissions(manage_guild=True)
