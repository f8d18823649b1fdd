"""After a solo conference: the parties the bot's delegations played abstain on complaints, so a
player's complaint is decided by the players (issue #23 §1; without this it waited for ever)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cogs.test_delegations_solo import answer_what_binds_me, buttons, solo_lobby, wait_until_quiet
from tests.conftest import World


@pytest.fixture(autouse=True)
async def _games_stay_in_the_channel(env, world: World) -> None:  # type: ignore[no-untyped-def]
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")


async def test_a_complaint_against_a_delegation_is_decided_by_the_player(env: Any, world: World) -> None:
    await solo_lobby(world, "nimbus_iii", "Klingon Empire")
    await world.alice.slash(
        world.channel,
        "accord propose",
        clause="trade",
        text="Dilithium for disruptors.",
        parties="klingons, romulans",
    )
    await wait_until_quiet(env, world)
    await answer_what_binds_me(world, "Klingon Empire")
    draft = (await world.alice.slash(world.channel, "accord ratify")).response
    assert buttons(draft).get("Sign"), draft.content
    await world.alice.click(draft, label="Sign")
    await wait_until_quiet(env, world)
    rows = await env.bot.db.fetch_all("SELECT id FROM accords")
    assert rows, [m.content for m in world.channel.history()[-5:]]
    key = f"accord-{rows[0]['id']}"
    filed = await world.alice.slash(
        world.channel, "accord record complaint", accord=key, against="romulans", text="No dilithium came."
    )
    assert not filed.ephemeral, filed.response.content
    voted = await world.alice.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=True)
    assert "Complaint 1 is upheld by the signatories" in voted.response.content, voted.response.content
