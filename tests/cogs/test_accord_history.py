"""/accord history through SimCord, read a page at a time by key (issue #21)."""

from __future__ import annotations

from tests.conftest import World, read_all_pages

POWERS = ("Klingon Empire", "Romulan Star Empire")


async def test_history_pages_through_every_conference_newest_first(env, world: World, make_bot) -> None:  # type: ignore[no-untyped-def]
    service = env.bot.get_cog("Accords").service
    for n in range(35):  # one running conference per channel
        await service.convene(world.guild.id, 1000 + n, world.moderator.id, f"Talks {n}", POWERS)
    await service.convene(world.other_guild.id, 5000, world.stranger.id, "Elsewhere", POWERS)
    first = (await world.alice.slash(world.channel, "accord history")).response
    assert first.embeds[0].footer.text == "Page 1"
    await env.restart_bot(make_bot())
    pages = await read_all_pages(world.alice, first)
    titles = [line.split("**")[1] for page in pages for line in page.splitlines()]
    assert titles == [f"Talks {n}" for n in reversed(range(35))]
    assert len(pages) == 3 and "the lobby (taking seats)" in pages[0]
    second = (await world.alice.click(first, label="◀ Previous")).response  # from the last page
    assert second.embeds[0].footer.text == "Page 2" and second.embeds[0].description == pages[1]
    again = (await world.alice.click(second, label="◀ Previous")).response
    assert again.embeds[0].description == pages[0] and again.embeds[0].footer.text == "Page 1"


async def test_a_server_without_conferences_says_so_on_one_page(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "accord history")
    assert result.response.embeds[0].description == "No conference has met here yet."
    assert not result.response.components


async def test_the_running_conferences_are_named_without_reading_the_finished_ones(env, world: World) -> None:
    from bot.domain.accords import commands as c

    service = env.bot.get_cog("Accords").service
    for n in range(8):
        game = await service.convene(world.guild.id, 2000 + n, world.moderator.id, f"Talks {n}", POWERS)
        if n >= 4:  # the latest four were abandoned: not running
            await service.act(world.guild.id, game.game_id, c.Abandon(), world.moderator.id, staff=True)
    refused = await world.alice.slash(world.channel, "accord status")
    assert refused.ephemeral and len(env.errors) == 1
    running = "<#2003> (Talks 3), <#2002> (Talks 2), <#2001> (Talks 1)"  # the latest three
    assert refused.response.content == f"There is no conference running here. Running now: {running}."
