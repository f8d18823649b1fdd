""" "Quote treaties cited" (issue #25): right-click a member's message → Apps, and read every treaty
and accord article it cites, in order, paged, with the message linked. Run without the message
content intent: the message comes with the command."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot.application.checks import rule_of
from bot.domain.access import Rule
from tests.cogs.test_treaties import ratify_in
from tests.conftest import World, read_all_pages

QUOTE = "Quote treaties cited"


@dataclass(frozen=True)
class Shown:
    """One page as the member read it (the message is edited in place by the next click)."""

    content: str
    embeds: list[discord.Embed]


def titles(pages: list[Shown]) -> list[str | None]:
    return [page.embeds[0].title for page in pages]


async def every_page(member, message) -> list[Shown]:  # type: ignore[no-untyped-def]
    """Each page the member reads, clicking Next until it is disabled."""
    seen = [Shown(message.content, message.embeds)]
    while any(
        c.get("label") == "Next ▶" and not c.get("disabled")
        for row in message.components
        for c in row.get("components", [])
    ):
        message = (await member.click(message, label="Next ▶")).response
        seen.append(Shown(message.content, message.embeds))
    return seen


async def test_every_reference_is_quoted_in_order_with_the_message_linked(env, world: World) -> None:
    said = await world.alice.send(
        world.channel,
        "*slams the padd down* As Article II of the Khitomer Accords promises, the embassies stay open. "
        "And the Treaty of Algeron, art. 1, forbids exactly what your captain did!",
    )
    result = await world.bob.context_menu(world.channel, QUOTE, said)
    assert not result.ephemeral, "public, as /treaty quote answers here"
    first = result.response
    assert first.content == f"Quoted from {said.jump_url}"
    pages = await every_page(world.bob, first)
    assert titles(pages) == ["Khitomer Accords — Article II", "Treaty of Algeron — Article I"]
    assert "**Article II — Diplomatic relations and embassies**" in pages[0].embeds[0].description
    assert pages[0].embeds[0].footer.text.startswith("Signed 2293 at Camp Khitomer")
    assert pages[1].content == first.content, "the link stays above every page"
    assert pages[1].embeds[0].footer.text.endswith("Page 2 of 2")


async def test_a_long_quote_is_paged_and_its_pages_outlive_a_restart(env, world: World, make_bot) -> None:  # type: ignore[no-untyped-def]
    said = await world.alice.send(world.channel, "Read KA I–VI before you lecture me, then Khitomer II §3.")
    first = (await world.alice.context_menu(world.channel, QUOTE, said)).response
    await env.restart_bot(make_bot())
    pages = await every_page(world.alice, first)
    text = "\n".join(page.embeds[0].description for page in pages)
    assert len(pages) >= 2 and pages[-1].embeds[0].title == "Second Khitomer Accords — Article III"
    assert all(f"**Article {n} —" in text for n in ("I", "II", "III", "IV", "V", "VI"))


async def test_an_article_that_does_not_exist_is_a_line_and_the_rest_is_quoted(env, world: World) -> None:
    said = await world.alice.send(
        world.channel, "Khitomer Accords, Article IX! And Treaty of Algeron art. 1."
    )
    result = await world.bob.context_menu(world.channel, QUOTE, said)
    assert result.response.content == (
        f"Quoted from {said.jump_url}\n• The Khitomer Accords have Articles I–VI; there is no Article IX."
    )
    assert [e.title for e in result.response.embeds] == ["Treaty of Algeron — Article I"]
    only_bad = await world.alice.send(world.channel, "Article XII of the Treaty of Algeron, I tell you.")
    answer = (await world.bob.context_menu(world.channel, QUOTE, only_bad)).response
    assert answer.content.startswith(
        f"Nothing to quote from {only_bad.jump_url}\n• The Treaty of Algeron has"
    )
    assert answer.embeds == []
    assert len(env.errors) == 0


async def test_a_message_without_references_says_so_and_how_to_write_one(env, world: World) -> None:
    said = await world.alice.send(
        world.channel, "I will not wear that uniform: an article of clothing for a Ferengi."
    )
    result = await world.bob.context_menu(world.channel, QUOTE, said)
    assert result.ephemeral
    assert result.response.content.startswith("I found no treaty reference in that message.")
    assert "“Khitomer Accords, Article II”" in result.response.content
    assert "“KA II–IV”" in result.response.content


async def test_an_accord_of_this_server_is_quoted_and_one_of_another_server_is_not(env, world: World) -> None:
    await ratify_in(env, world.guild, name="Nimbus Concord")
    await ratify_in(env, world.other_guild, name="Paradise Pact", text="Paradise City stays neutral.")
    ours = await world.alice.send(
        world.channel, "Under the Nimbus Concord, Article 2, the dilithium is shared."
    )
    result = await world.bob.context_menu(world.channel, QUOTE, ours)
    embed = result.response.embeds[0]
    assert embed.title == "Nimbus Concord (server accord) — Article II"
    assert "The parties share the dilithium of the Nimbus belt." in embed.description
    theirs = await world.alice.send(world.channel, "The Paradise Pact, Article 1, binds nobody here.")
    refused = await world.bob.context_menu(world.channel, QUOTE, theirs)
    assert refused.ephemeral and refused.response.content.startswith("I found no treaty reference")


async def test_the_answer_follows_the_channels_visibility_and_the_treaties_area(env, world: World) -> None:
    said = await world.alice.send(world.channel, "KA II, as agreed.")
    await world.moderator.slash(world.channel, "config set", setting="answers.visibility", value="private")
    assert (await world.bob.context_menu(world.channel, QUOTE, said)).ephemeral
    await world.moderator.slash(world.channel, "config area", name="treaties", enabled=False)
    refused = await world.bob.context_menu(world.channel, QUOTE, said)
    assert refused.response.content == "Treaties is turned off here by the moderators."
    assert len(env.errors) == 1


async def test_help_lists_the_message_commands_where_to_find_them(env, world: World) -> None:
    text = "\n".join(
        await read_all_pages(world.alice, (await world.alice.slash(world.channel, "help")).response)
    )
    assert "**Quote treaties cited** (on a message: Apps) — " in text
    assert "**Look up lore named here** (on a message: Apps) — " in text
    await world.moderator.slash(world.channel, "config area", name="lore", enabled=False)
    text = "\n".join(
        await read_all_pages(world.alice, (await world.alice.slash(world.channel, "help")).response)
    )
    assert "Quote treaties cited" in text and "Look up lore named here" not in text


async def test_automatic_citations_are_refused_without_the_message_content_intent(env, world: World) -> None:
    """This bot runs without MESSAGE_CONTENT=on: turning the mode on is refused, saying why and
    what the operator does; turning it off never is."""
    refused = await world.moderator.slash(
        world.channel, "config set", setting="citations.channels", value="add", channel=world.channel
    )
    assert refused.ephemeral
    text = refused.response.content
    assert text.startswith(
        "Automatic citations read members' messages, which needs Discord's message content"
    )
    assert "Message Content Intent" in text and "MESSAGE_CONTENT=on" in text and QUOTE in text
    cleared = await world.moderator.slash(
        world.channel, "config set", setting="citations.channels", value="clear"
    )
    assert cleared.response.content == "`citations.channels` is now nowhere."
    shown = await world.moderator.slash(world.channel, "config show")
    assert "`citations.channels` — nowhere" in "\n".join(
        await read_all_pages(world.moderator, shown.response)
    )
    assert len(env.errors) == 1


async def test_the_message_commands_declare_their_areas(env, world: World) -> None:
    menus = {c.name: rule_of(c) for c in env.bot.tree.get_commands(type=discord.AppCommandType.message)}
    assert menus == {
        QUOTE: Rule(area="treaties"),
        "Look up lore named here": Rule(area="lore", tiers=True),
    }
