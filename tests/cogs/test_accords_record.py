"""/accord record after ratification, as members read it: the history an accord gains, replies
lost after (or without) a store, and an accord whose record was written by the first version."""

from __future__ import annotations

import pytest

from tests.cogs.test_accords import ratified_game
from tests.conftest import World, read_all_pages

LOST = ("POST", "/interactions/*/callback")


@pytest.fixture(autouse=True)
async def _games_stay_in_the_channel(env, world: World) -> None:  # type: ignore[no-untyped-def]
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")


async def history(world: World, key: str) -> str:
    shown = await world.alice.slash(world.channel, "treaty show", treaty=key)
    return "\n".join(await read_all_pages(world.alice, shown.response))


async def test_a_withdrawal_and_a_return_are_written_into_the_accords_history(env, world: World) -> None:
    key, _carol = await ratified_game(world)
    day = f"{env.now():%Y-%m-%d}"
    await world.alice.slash(
        world.channel, "accord record withdraw", accord=key, reason="The Council\nsaid so."
    )
    back = await world.alice.slash(world.channel, "accord record reinstate", accord=key)
    assert back.response.content == "Reinstated." and not back.ephemeral
    again = await world.alice.slash(world.channel, "accord record reinstate", accord=key)
    assert again.ephemeral and again.response.content == "Klingon Empire has not withdrawn from this accord."
    written = await history(world, key)
    assert f"Klingon Empire withdrew on {day}: The Council said so." in written
    assert f"Klingon Empire returned to the accord on {day}." in written
    board = (await world.bob.slash(world.channel, "accord leaderboard")).response.embeds[0].description
    assert f"<@{world.alice.id}> — -1 point, 1 accord signed" in board  # a return refunds nothing
    assert len(env.errors) == 1


async def test_a_withdrawn_power_may_not_complain_and_a_complaint_names_a_signatory(
    env, world: World
) -> None:
    key, _carol = await ratified_game(world)
    await world.bob.slash(world.channel, "accord record withdraw", accord=key, reason="Enough.")
    gone = await world.bob.slash(
        world.channel, "accord record complaint", accord=key, against="klingons", text="Ships."
    )
    assert gone.ephemeral
    assert gone.response.content == "A power that withdrew cannot bring complaints under this accord."
    itself = await world.alice.slash(
        world.channel, "accord record complaint", accord=key, against="klingons", text="Ships."
    )
    assert itself.ephemeral and itself.response.content == (
        "Complain against another signatory: Romulan Star Empire, United Federation of Planets."
    )
    assert "Complaint" not in await history(world, key)
    assert len(env.errors) == 2


async def test_a_stored_action_whose_reply_is_lost_says_what_was_stored(env, world: World) -> None:
    key, carol = await ratified_game(world)
    await world.alice.slash(
        world.channel, "accord record complaint", accord=key, against="romulans", text="x"
    )
    await world.alice.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=True)
    env.inject_error(*LOST, status=500, times=1)
    lost = await carol.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=True)
    assert lost.response.content.startswith(
        "Your action was recorded, but something went wrong on our side afterwards: "
        "Vote recorded. Complaint 1 is upheld by the signatories. If something looks off"
    )
    assert len(env.errors) == 1


async def test_a_vote_that_changed_nothing_does_not_claim_it_was_stored(env, world: World) -> None:
    """A second vote stores nothing: when its reply is lost, the member is not told otherwise."""
    key, _carol = await ratified_game(world)
    await world.alice.slash(
        world.channel, "accord record complaint", accord=key, against="romulans", text="x"
    )
    await world.alice.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=True)
    env.inject_error(*LOST, status=500, times=1)
    lost = await world.alice.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=False)
    assert lost.response.content.startswith(
        "Sorry, something went wrong on our side and nothing was changed."
    )
    assert len(env.errors) == 1


async def test_a_record_written_by_the_first_version_still_takes_votes(env, world: World) -> None:
    """Rows stored before the events were typed (same kind/data columns) load, and the vote they
    wait for decides the complaint."""
    key, carol = await ratified_game(world)
    accord_id = int(key.removeprefix("accord-"))
    async with env.bot.db.transaction(guild=world.guild.id) as conn:
        await conn.executemany(
            "INSERT INTO accord_events (accord_id, seq, at, actor_id, kind, power, data)"
            " VALUES (?, ?, '2024-05-01T10:00:00+00:00', ?, ?, ?, ?)",
            [
                (accord_id, 1, world.alice.id, "complaint", "Klingon Empire",
                 '{"number": 1, "against": "Romulan Star Empire", "text": "Cloaked ships."}'),
                (accord_id, 2, carol.id, "vote", "United Federation of Planets",
                 '{"number": 1, "uphold": true}'),
            ],
        )  # fmt: skip
    offered = await carol.autocomplete(world.channel, "accord record vote", "complaint", "", accord=key)
    assert offered == [{"name": "1: against Romulan Star Empire — Cloaked ships.", "value": 1}]
    twice = await carol.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=False)
    assert twice.response.content == "Nothing changed: that was already so."
    decided = await world.alice.slash(
        world.channel, "accord record vote", accord=key, complaint=1, uphold=True
    )
    assert decided.response.content == "Vote recorded.\nComplaint 1 is upheld by the signatories."
    assert "Complaint 1 was upheld by the signatories." in await history(world, key)
    board = (await world.alice.slash(world.channel, "accord leaderboard")).response.embeds[0].description
    assert f"<@{world.bob.id}> — 0 points, 1 accord signed" in board  # +1 signed, -1 upheld against
    assert len(env.errors) == 0


async def test_a_power_whose_delegate_was_forgotten_abstains_so_the_complaint_is_decided(
    env, world: World
) -> None:
    """carol, the Federation's only delegate, has the bot forget her: nobody can vote for the
    Federation any more, so alice's vote decides the complaint instead of leaving it open for ever."""
    key, carol = await ratified_game(world)
    await world.alice.slash(
        world.channel, "accord record complaint", accord=key, against="romulans", text="No ships came."
    )
    asked = await carol.slash(world.channel, "mydata forget")
    await carol.click(asked.response, label="Forget me")
    voted = await world.alice.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=True)
    assert "Complaint 1 is upheld by the signatories" in voted.response.content, voted.response.content
