"""Only the powers an accord binds sign it; the others may depart (issue #23, part 2, point 4).

Khitomer, 2293, as a first group played it: the Federation and the Klingons agree an alliance and
relief for Qo'noS; nothing binds the Romulan seat. Its Refuse used to end the conference (a free
veto that scored it 3 points); now it is told it is not a party, departs, and the accord stands.
"""

from __future__ import annotations

from typing import Any

import pytest
import simcord

from bot.domain.inert import shown
from tests.conftest import World, read_all_pages
from tests.support.discord_markup import live_markup

UFP, KE, RSE = "United Federation of Planets", "Klingon Empire", "Romulan Star Empire"
NOT_A_PARTY = (
    "Romulan Star Empire is not a party to this accord: none of its articles binds it, so it neither "
    "signs nor refuses. Its delegation may stay to watch, or leave the conference with "
    "/accord depart."
)


@pytest.fixture(autouse=True)
async def _games_stay_in_the_channel(env, world: World) -> None:  # type: ignore[no-untyped-def]
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")


def buttons(message: Any) -> dict[str, bool]:
    rows = [row if isinstance(row, dict) else row.to_dict() for row in message.components]
    return {c["label"]: not c.get("disabled", False) for row in rows for c in row["components"]}


def fields(message: Any) -> dict[str, str]:
    return {f.name: f.value for f in message.embeds[0].fields}


def seen(world: World, message_id: int, viewer: simcord.MemberActor) -> Any:
    return next(m for m in world.channel.history(viewer=viewer) if m.id == message_id)


async def khitomer(env, world: World) -> tuple[simcord.MemberActor, Any]:  # type: ignore[no-untyped-def]
    """alice for the Federation, bob for the Klingons, carol for the Romulans; the draft is up."""
    carol = world.guild.add_member(env.create_user("carol"))
    lobby = (await world.moderator.slash(world.channel, "accord convene", scenario="khitomer")).response
    await world.alice.click(lobby, label=f"Sit for {UFP}")
    await world.bob.click(lobby, label=f"Sit for {KE}")
    await carol.click(lobby, label=f"Sit for {RSE}")
    await world.moderator.slash(world.channel, "accord start")
    early = await carol.slash(world.channel, "accord depart")
    assert early.ephemeral and early.response.content == (
        "That can be done once the accord is up for signature; this conference is now in negotiation."
    )
    alliance = await world.alice.slash(
        world.channel, "accord propose", clause="mutual defence", text="Each defends the other.",
        parties="feds, klingons",
    )  # fmt: skip
    await world.bob.click(alliance.response, label="Support")
    relief = await world.bob.slash(
        world.channel, "accord propose", clause="humanitarian aid", text="Relief for Qo'noS.",
        parties="klingons, feds",
    )  # fmt: skip
    await world.alice.click(relief.response, label="Support")
    ban = await carol.slash(world.channel, "accord propose", clause="free text", text="Both stay home.")
    await world.alice.click(ban.response, label="Oppose")  # never agreed: it binds nobody
    draft = (await world.moderator.slash(world.channel, "accord ratify")).response
    return carol, draft


async def test_a_power_bound_by_nothing_has_no_veto_and_may_depart(env, world: World) -> None:
    carol, draft = await khitomer(env, world)
    # The draft says who is asked to sign; the Romulans are offered Depart, not a veto.
    assert fields(draft)["⚔️ Klingon Empire"] == "to answer"
    assert fields(draft)["🦅 Romulan Star Empire"] == "not a party: no article binds it"
    assert buttons(draft) == {"Sign": True, "Refuse": True, "Depart the conference": True}

    refused = await carol.click(draft, label="Refuse")
    assert refused.ephemeral and refused.response.content == NOT_A_PARTY
    typed = await carol.slash(world.channel, "accord refuse")
    assert typed.ephemeral and typed.response.content == NOT_A_PARTY
    staying = await world.bob.click(draft, label="Depart the conference")
    assert staying.ephemeral and staying.response.content == (
        "The accord binds Klingon Empire (Articles I, II): sign or refuse it. Only a power none of "
        "its articles binds may leave the conference."
    )

    left = await carol.slash(world.channel, "accord depart", reason="The Praetor recalls us. @everyone")
    assert not left.ephemeral  # a public notice, naming the power
    said = f"<@{carol.id}> left the conference for Romulan Star Empire"
    assert shown(left.response.content) == f"{said}: “The Praetor recalls us. @everyone”"
    assert live_markup(left.response.content.split("“", 1)[1]) == []  # the reason is shown as typed
    # the contract check asserts allowed_mentions.parse == [] on every message: nothing pings
    board = (await world.alice.slash(world.channel, "accord status")).response
    seats = fields(board)["Seats"].splitlines()
    assert f"🦅 Romulan Star Empire — <@{carol.id}> (left the conference)" in seats
    after = seen(world, draft.id, world.alice)
    assert fields(after)["🦅 Romulan Star Empire"] == "left the conference"
    assert buttons(after) == {"Sign": True, "Refuse": True}, "nobody is left to depart"
    again = await carol.slash(world.channel, "accord sign")
    assert again.ephemeral and again.response.content == (
        "Romulan Star Empire has left this conference and takes no further part in it."
    )

    await world.alice.click(draft, label="Sign")
    done = await world.bob.click(draft, label="Sign")
    assert "ratified" in done.response.embeds[0].title
    results = world.channel.last_message.content
    assert results.startswith(
        "**Khitomer, 2293** is ratified. Signed by United Federation of Planets, Klingon Empire."
    )
    assert "Not bound by it: Romulan Star Empire (left the conference)." in results
    assert (
        "❌ Romulan Star Empire: Make sure the old enemies do not become allies. — 0 of 3, "
        "lost to Article I (mutual defence)"
    ) in results
    assert "✅ Klingon Empire: Secure relief for a homeworld poisoned by Praxis. — 3 of 3" in results
    assert (
        "**Scores:** United Federation of Planets 0, Klingon Empire 3, Romulan Star Empire 0" in results
    )  # no free 3 points for the Romulans
    assert f"**Reputation:** <@{world.alice.id}> +1, <@{world.bob.id}> +1" in results

    treaty = await world.alice.slash(world.channel, "treaty show", treaty="Khitomer, 2293")
    parties = [
        f.name for f in treaty.response.embeds[0].fields if f.name not in {"Signed", "Place", "Status"}
    ]
    assert parties == [UFP, KE]
    minutes = await carol.slash(world.channel, "accord minutes")
    text = "\n".join(await read_all_pages(carol, minutes.response))
    assert f"{said}: “The Praetor recalls us. @everyone”" in shown(text)
    assert len(env.errors) == 3  # the commands refused: early depart, refuse, the late sign


async def test_the_accord_never_waits_for_a_power_it_does_not_bind(env, world: World) -> None:
    _, draft = await khitomer(env, world)
    await world.alice.click(draft, label="Sign")
    await world.bob.click(draft, label="Sign")  # carol, silent and still seated, was not asked
    assert world.channel.last_message.content.startswith("**Khitomer, 2293** is ratified.")
    assert "Not bound by it: Romulan Star Empire." in world.channel.last_message.content
    assert len(env.errors) == 1  # the early depart


async def test_a_departed_delegation_is_not_reminded_and_at_the_deadline_only_silent_parties_refuse(
    env, world: World
) -> None:
    await world.moderator.slash(world.channel, "config set", setting="deadline.ratification", value="1h")
    await world.moderator.slash(world.channel, "config set", setting="reminder.lead", value="30m")
    carol, draft = await khitomer(env, world)
    await carol.click(draft, label="Depart the conference")
    notice = world.channel.last_message.content  # the button tells the conference, as the command does
    assert notice == f"<@{carol.id}> left the conference for Romulan Star Empire."
    await world.alice.click(draft, label="Sign")
    await env.advance_time(31 * 60)
    reminder = world.channel.last_message.content
    assert reminder.startswith("⏰ **Khitomer, 2293**: signing ends in 30m.")
    assert f"<@{world.bob.id}>" in reminder and f"<@{carol.id}>" not in reminder  # it takes no part
    await env.advance_time(30 * 60)
    minutes = await carol.slash(world.channel, "accord minutes")
    text = "\n".join(await read_all_pages(carol, minutes.response))
    assert "Klingon Empire let the deadline pass and counts as refusing." in text
    assert "Romulan Star Empire let the deadline pass" not in text  # it was never asked
    assert f"<@{carol.id}> left the conference for Romulan Star Empire." in text
    assert len(env.errors) == 1  # the early depart
