"""/config explain knows the message commands (Apps menu) as well as the slash commands."""

from __future__ import annotations

from tests.cogs.test_config import text
from tests.conftest import World


async def test_explain_answers_for_a_message_command(env, world: World) -> None:
    name = "Quote treaties cited"
    allowed = await text(world.moderator, world, "config explain", command=name.lower(), member=world.alice)
    assert allowed.startswith("**Yes**") and f"the message command “{name}”" in allowed
    assert "/Quote" not in allowed
    await world.moderator.slash(world.channel, "config area", name="treaties", enabled=False)
    off = await text(world.moderator, world, "config explain", command=name, member=world.alice)
    assert off.startswith("**No**") and "Treaties is turned off" in off


async def test_explain_autocomplete_offers_message_commands_by_name(env, world: World) -> None:
    choices = await world.moderator.autocomplete(world.channel, "config explain", "command", "lore")
    shown = {c["name"]: c["value"] for c in choices}
    assert shown["the message command “Look up lore named here”"] == "Look up lore named here"
    assert shown["/lore entry"] == "lore entry"
    unknown = await text(world.moderator, world, "config explain", command="Shout treaties")
    assert unknown == "There is no command /Shout treaties."
    assert len(env.errors) == 1  # the refusal, answered through the one error handler
