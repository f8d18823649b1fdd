"""One rule for permissions (issue #22): for every command, every kind of member and channel,
under each setting that decides who may run it, `/config explain` and the command itself give
the same verdict, in the same words.

The command's answer is read the way its member reads it: Discord not delivering it (SimCord
raises, as Discord shows no such command), a refusal from a check (the sentences of
bot/domain/access.py), or the command running (whatever it then answers).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import discord
import pytest
import simcord
from discord import app_commands
from simcord import BackendError, SetupError

from bot.application.interaction_errors import explain as explain_error
from bot.domain import access
from tests.conftest import World, build_world

AREAS = ("lore", "treaties", "accords")
# Every sentence a check can answer with; anything else means the command itself ran.
CHECK_SENTENCES = [
    access.NOT_IN_A_SERVER,
    *(access.AREA_OFF.format(area=area.capitalize()) for area in AREAS),
    access.OWNERS_ONLY,
    access.MANAGE_SERVER_ONLY,
    access.MODERATORS_ONLY,
    access.NO_GAME_CHANNEL,
]
IN_A_THREAD = re.compile(re.escape(access.NOT_IN_A_THREAD).replace(r"\{parent\}", r"<#\d+>"))
OTHER_CHANNELS = re.compile(re.escape(access.OTHER_CHANNELS).replace(r"\{places\}", r"[^.]*<#\d+>"))


def is_check_sentence(text: str) -> bool:
    return text in CHECK_SENTENCES or any(p.fullmatch(text) for p in (IN_A_THREAD, OTHER_CHANNELS))


# Options each command is run with: valid, and changing nothing the next run depends on.
OPTIONS: dict[str, dict[str, Any]] = {
    "lore search": {"query": "Hectavious"},
    "lore entry": {"topic": "Hectavious"},  # rests only on fan-wiki sources
    "lore add": {"kind": "battle"},
    "lore edit": {"topic": "Kor"},
    "lore remove": {"topic": "Kor"},
    "lore import": {"file": ("page.md", b"# Korvath\n\nA captain."), "kind": "person"},
    "treaty quote": {"treaty": "Khitomer Accords"},
    "treaty show": {"treaty": "Khitomer Accords"},
    "treaty search": {"query": "neutral zone"},
    "treaty map": {"year": 2150},
    "accord convene": {"scenario": "nimbus_iii"},
    "accord guide": {},
    "accord join": {"power": "Klingon Empire"},
    "accord talks": {"powers": "Romulan Star Empire"},
    "accord propose": {"clause": "trade", "text": "Dilithium."},
    "accord support": {"article": 1},
    "accord oppose": {"article": 1},
    "accord amend": {"article": 1, "text": "New words."},
    "accord retract": {"article": 1},
    "accord host extend": {"by": "1h"},
    "accord host delegate": {"power": "Romulan Star Empire"},
    "accord host replace": {"absent": "@bob", "newcomer": "@bob"},
    "accord record withdraw": {"accord": "Nothing", "reason": "Because."},
    "accord record reinstate": {"accord": "Nothing"},
    "accord record complaint": {"accord": "Nothing", "against": "Klingon Empire", "text": "Broken."},
    "accord record vote": {"accord": "Nothing", "complaint": 1, "uphold": True},
    "config set": {"setting": "game.threads", "value": "off"},
    "config export": {},
    "config import": {"file": ("archive.json", b"{}")},  # refused: not an archive; nothing changes
    "config area": {"name": "treaties", "enabled": True},
    "config explain": {"command": "help"},
    "owner sync": {"scope": "global"},
    "owner error": {"reference": "deadbeef"},
    "owner purges": {},
    "owner purge": {"server": "123456789012345678"},  # a server of which nothing is kept: no purge
}
LAST = ("owner sync",)  # it pushes the commands again: after everything else
# How each command that lore.tiers narrows shows that it hid something (fan-only Hectavious):
# a refusal naming the settings, or a search that no longer opens on its card. /lore random and
# /lore timeline hide silently; their filtering is tested with the lore commands.
TIERS_HID: dict[str, Callable[[simcord.InteractionResult, str], bool]] = {
    "lore entry": lambda result, text: "rests only on sources this server's settings hide" in text,
    "lore search": lambda result, text: not any(e.title == "Hectavious" for e in result.response.embeds),
}


@dataclass
class Place:
    env: Any
    world: World
    members: dict[str, simcord.MemberActor]
    channels: dict[str, simcord.ChannelHandle]


@pytest.fixture
async def place(env) -> Place:  # type: ignore[no-untyped-def]
    world = build_world(env)
    guild = world.guild
    mods = next(r for r in guild.roles.values() if r.name == "Moderators")
    gms = guild.create_role("Game Masters")
    admirals = guild.create_role("Admirals", permissions=discord.Permissions(administrator=True))
    diplomacy = guild.create_category("Diplomacy")
    channels = {
        "hall": world.channel,
        # Manage Server taken away here: what the runtime reads (interaction.permissions) and
        # what /config explain must read too (channel.permissions_for), unlike the server-wide one.
        "back-room": guild.create_text_channel(
            "back-room", overwrites={mods: discord.PermissionOverwrite(manage_guild=False)}
        ),
        "lore-library": guild.create_text_channel("lore-library"),
        "embassy": guild.create_text_channel("embassy", category=diplomacy),
    }
    members = {
        "player": world.alice,
        "moderator": world.moderator,
        "game master": guild.add_member(env.create_user("carol"), roles=[gms]),
        "owner": guild.add_member(env.create_user("picard"), roles=[admirals]),
        "administrator": guild.add_member(env.create_user("janeway"), roles=[admirals]),
    }
    env.bot.owner_ids = {members["owner"].id}
    config = env.bot.guild_config
    await config.put(guild.id, "gm_role", str(gms.id))
    await config.put(guild.id, "game.threads", "off")
    hall = env.bot.get_channel(world.channel.id)
    await hall.create_thread(name="Side room", type=discord.ChannelType.public_thread)
    channels["thread"] = next(t for t in world.channel.threads if t.name == "Side room")
    return Place(env, world, members, channels)


def every_command(env) -> list[str]:  # type: ignore[no-untyped-def]
    names = [
        leaf.qualified_name
        for root in env.bot.tree.get_commands()
        for leaf in (root.walk_commands() if isinstance(root, app_commands.Group) else [root])
        if isinstance(leaf, app_commands.Command)
    ]
    return sorted(names, key=lambda name: (name in LAST, name))


def shown_text(result: simcord.InteractionResult) -> str:
    shown = [m for m in (result.response, *result.followups) if m is not None]
    if not shown:
        return "(a form)" if result.modal is not None else ""
    last = shown[-1]
    return last.content or (last.embeds[0].description or "" if last.embeds else "")


async def run_command(place: Place, member: str, channel: str, name: str) -> str:
    """What the member reads: "discord" when Discord would not deliver the command, a check's
    sentence when a check refused, "ran" otherwise (with what a tiers setting hid, if it did)."""
    options = {
        key: place.members["player"] if value == "@alice" else place.world.bob if value == "@bob" else value
        for key, value in OPTIONS.get(name, {}).items()
    }
    try:
        result = await place.members[member].slash(place.channels[channel], name, **options)
    except (SetupError, BackendError):
        return "discord"
    text = shown_text(result)
    if result.ephemeral and is_check_sentence(text):
        return text
    hid = TIERS_HID.get(name)
    return "ran, hidden by tiers" if hid is not None and hid(result, text) else "ran"


async def explain(place: Place, member: str, channel: str, name: str) -> tuple[str, str | None, bool]:
    """The headline (Yes, No, Yes with limits), Khitomer's refusal if it gave one, and whether
    a limit of lore.tiers was named."""
    where = place.channels[channel]
    asked_in, option = (where, {}) if where.is_thread else (place.channels["hall"], {"channel": where})
    result = await place.members["moderator"].slash(
        asked_in, "config explain", command=name, member=place.members[member], **option
    )
    text = shown_text(result)
    headline = text.split("**")[1]
    khitomer = [line.removeprefix("Khitomer: ") for line in text.splitlines() if line.startswith("Khitomer:")]
    refusal = next((line for line in khitomer if is_check_sentence(line)), None)
    return headline, refusal, any("lore.tiers" in line for line in khitomer)


async def assert_same_verdicts(place: Place, names: list[str], pairs: list[tuple[str, str]]) -> int:
    """Each command for each (member, channel): explain first, then the command itself."""
    disagreements = []
    for name in names:
        for member, channel in pairs:
            said = await explain(place, member, channel, name)
            headline, refusal, limited = said
            done = await run_command(place, member, channel, name)
            if done == "discord":
                agree = headline == "No"  # Discord's layer said so (Khitomer's may agree)
            elif done not in {"ran", "ran, hidden by tiers"}:
                agree = headline == "No" and refusal == done
            else:
                hidden = done == "ran, hidden by tiers"
                agree = headline.startswith("Yes") and (name not in TIERS_HID or limited == hidden)
            if not agree:
                disagreements.append(f"/{name} by {member} in #{channel}: explain {said}, ran: {done!r}")
    assert not disagreements, "\n".join(disagreements)
    unexplained = [e for e in place.env.errors if explain_error(getattr(e, "original", e)) is None]
    assert not unexplained, unexplained  # (reading env.errors acknowledges the refusals)
    return len(names) * len(pairs)


async def test_explain_and_the_command_agree_for_everyone(env, place: Place) -> None:  # type: ignore[no-untyped-def]
    """Server defaults (and a game-master role): every command, every kind of member; and the
    moderator again where a channel takes Manage Server away from their role."""
    names = every_command(env)
    assert set(OPTIONS) <= set(names), "options for a command that no longer exists"
    pairs = [*((member, "hall") for member in place.members), ("moderator", "back-room")]
    assert await assert_same_verdicts(place, names, pairs) == len(names) * 6


async def test_explain_and_the_command_agree_where_settings_narrow_them(env, place: Place) -> None:  # type: ignore[no-untyped-def]
    """Conferences kept to #conference-hall and the Diplomacy category, lore shown from canon
    only: every lore and accord command outside them, in the category, and in a thread."""
    guild = place.world.guild
    diplomacy = next(c for c in guild.channels.values() if c.name == "Diplomacy")
    await env.bot.guild_config.put(guild.id, "game.channels", f"{place.channels['hall'].id},{diplomacy.id}")
    await env.bot.guild_config.put(guild.id, "lore.tiers", "canon")
    names = [n for n in every_command(env) if n.split()[0] in {"lore", "accord"}]
    pairs = [
        ("player", "lore-library"),
        ("player", "embassy"),
        ("player", "thread"),
        ("moderator", "lore-library"),
    ]
    await assert_same_verdicts(place, names, pairs)


async def test_explain_and_the_command_agree_when_areas_are_off(env, place: Place) -> None:  # type: ignore[no-untyped-def]
    for area in AREAS:
        await env.bot.guild_config.set_area(place.world.guild.id, area, False)
    names = [n for n in every_command(env) if n.split()[0] in {"lore", "treaty", "accord"}]
    await assert_same_verdicts(place, names, [("player", "hall"), ("moderator", "hall")])
