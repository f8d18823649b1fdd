"""The restart-proof pager, driven through /help with small pages."""

from __future__ import annotations

import pytest

from tests.conftest import World


def small_help_pages(bot) -> None:  # type: ignore[no-untyped-def]
    bot.get_cog("General").help_lines_per_page = 2


@pytest.fixture(autouse=True)
def _small_pages(env) -> None:  # type: ignore[no-untyped-def]
    small_help_pages(env.bot)


def footer(message) -> str:  # type: ignore[no-untyped-def]
    return message.embeds[0].footer.text


async def test_pages_turn_forward_and_back(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "help")
    first = result.response
    assert footer(first).startswith("Page 1 of ")
    total = int(footer(first).rsplit(" ", 1)[1])
    assert total >= 2

    clicked = await world.alice.click(first, label="Next ▶")
    assert footer(clicked.response) == f"Page 2 of {total}"
    back = await world.alice.click(clicked.response, label="◀ Previous")
    assert footer(back.response) == f"Page 1 of {total}"
    assert back.response.embeds[0].description == first.embeds[0].description


async def test_previous_is_disabled_on_the_first_page(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "help")
    buttons = [c for row in result.response.components for c in row["components"]]
    assert [b["label"] for b in buttons] == ["◀ Previous", "Next ▶"]
    assert buttons[0].get("disabled") is True
    assert not buttons[1].get("disabled")


async def test_every_line_appears_once_across_the_pages(env, world: World) -> None:
    message = (await world.alice.slash(world.channel, "help")).response
    seen = [message.embeds[0].description]
    total = int(footer(message).rsplit(" ", 1)[1])
    for _ in range(total - 1):
        message = (await world.alice.click(message, label="Next ▶")).response
        seen.append(message.embeds[0].description)
    lines = [line for page in seen for line in page.splitlines()]
    commands = [line for line in lines if line.startswith("`/")]
    assert len(commands) == len(set(commands))
    assert "`/help` — List the commands you can use here, by area." in commands


async def test_buttons_survive_a_restart(env, world: World, make_bot) -> None:  # type: ignore[no-untyped-def]
    first = (await world.alice.slash(world.channel, "help")).response
    restarted = make_bot()
    await env.restart_bot(restarted)
    small_help_pages(restarted)
    clicked = await world.alice.click(first, label="Next ▶")
    assert footer(clicked.response).startswith("Page 2 of ")


async def test_someone_else_cannot_turn_my_pages(env, world: World) -> None:
    # /help answers ephemerally, so use a public message with the same buttons
    message = (await world.alice.slash(world.channel, "help")).response
    custom_id = message.components[0]["components"][1]["custom_id"]
    public = await env.bot.get_channel(world.channel.id).send("shared pages", view=_view_with(custom_id))
    result = await world.bob.click(public, custom_id=custom_id)
    assert result.ephemeral
    assert "belong to someone else" in result.response.content
    assert (await env.bot.get_channel(world.channel.id).fetch_message(public.id)).content == "shared pages"


def _view_with(custom_id: str):  # type: ignore[no-untyped-def]
    import discord

    view = discord.ui.View(timeout=None)
    view.add_item(discord.ui.Button(label="Next ▶", custom_id=custom_id))
    return view


@pytest.mark.parametrize(
    "forged",
    [
        "pager:next:help:{owner}:9999:",  # a page that does not exist: clamped
        "pager:next:nosuchsource:{owner}:1:",  # an unknown source: refused
    ],
)
async def test_forged_custom_ids_are_harmless(env, world: World, forged: str) -> None:
    custom_id = forged.format(owner=world.alice.id)
    public = await env.bot.get_channel(world.channel.id).send("forged", view=_view_with(custom_id))
    result = await world.alice.click(public, custom_id=custom_id)
    if "nosuchsource" in custom_id:
        assert result.ephemeral
        assert "no longer available" in result.response.content
    else:
        assert footer(result.response).startswith("Page ")
        page, total = footer(result.response).removeprefix("Page ").split(" of ")
        assert page == total


async def test_a_stored_query_is_read_only_by_the_member_and_server_that_made_it(env, world: World) -> None:
    """Issue #11 point 7: a long search query is kept by id; a forged button in another server
    (or by another member) cannot read it, and a huge id is a plain refusal, never a crash."""
    query = "what did the klingons give the romulans in exchange for their cloaking devices"
    mine = (await world.alice.slash(world.channel, "lore search", query=query)).response
    custom_id = next(
        c["custom_id"] for row in mine.components for c in row["components"] if c.get("label") == "Next ▶"
    )
    stored = custom_id.rsplit(":", 1)[1]
    assert stored.startswith("@")  # too long for the custom_id: kept in the database
    turned = await world.alice.click(mine, custom_id=custom_id)
    assert "Lore matching “what did the klingons" in (turned.response.embeds[0].title or "")
    bot_channel = env.bot.get_channel(world.other_channel.id)
    for forged in (
        f"pager:next:lore_search:{world.stranger.id}:1:{stored}",  # another server's member
        f"pager:next:lore_search:{world.stranger.id}:1:@99999999999999999999",  # a huge id
        f"pager:next:lore_search:{world.stranger.id}:1:@0",
    ):
        public = await bot_channel.send("forged", view=_view_with(forged))
        result = await world.stranger.click(public, custom_id=forged)
        assert result.ephemeral and "no longer available" in result.response.content, forged
        assert "klingons give" not in str(result.response.embeds)
    assert not env.errors  # each a refusal the member read, none a crash
