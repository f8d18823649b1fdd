"""Issue #22, defect 2, through SimCord: two masked links typed as a conference's title, an
article's text or an option a refusal echoes are shown as typed, neither one clickable."""

from __future__ import annotations

from typing import Any

import discord
import pytest
from discord import AppCommandOptionType, app_commands
from simcord import Env, InteractionResult, ResponseMessage

from bot.application.interaction_errors import explain
from bot.domain.inert import shown
from bot.domain.treaties import Article, Party
from bot.storage import accords
from tests.cogs.test_accords import ratified_game
from tests.conftest import World, read_all_pages, recent_text
from tests.support.discord_markup import live_markup, live_masked_links

TWO_LINKS = "[Read the treaty](https://a.example) and [Free Nitro](https://evil.example/x)"
SHORT = "[a](https://a.ex) [Nitro](https://e.x/y)"  # fits options of 40 characters


def inert_and_as_typed(text: str | None, typed: str) -> None:
    """What a member reads: `typed` appears as typed, and no link in it is a masked link."""
    assert text is not None
    assert live_masked_links(text) == [], text
    assert typed in shown(text), text


def reply(result: InteractionResult) -> ResponseMessage:
    assert result.response is not None
    return result.response


def embed(result: InteractionResult) -> discord.Embed:
    return reply(result).embeds[0]


@pytest.fixture(autouse=True)
async def _games_stay_in_the_channel(env: Env, world: World) -> None:
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")  # type: ignore[attr-defined]


async def test_a_title_and_an_article_of_two_links_stay_text_to_the_ratification(
    env: Env, world: World
) -> None:
    convened = await world.moderator.slash(
        world.channel, "accord convene", scenario="nimbus_iii", title=TWO_LINKS
    )
    lobby = reply(convened)
    inert_and_as_typed(lobby.embeds[0].title, TWO_LINKS)
    await world.alice.click(lobby, label="Sit for Klingon Empire")
    await world.bob.click(lobby, label="Sit for Romulan Star Empire")
    await world.moderator.click(lobby, label="Start the conference")
    tabled = await world.alice.slash(world.channel, "accord propose", clause="trade", text=TWO_LINKS)
    inert_and_as_typed(embed(tabled).description, TWO_LINKS)
    await world.bob.click(reply(tabled), label="Support")
    board = embed(await world.bob.slash(world.channel, "accord status"))
    inert_and_as_typed(board.title, TWO_LINKS)
    inert_and_as_typed(board.fields[-1].value, TWO_LINKS)
    draft = reply(await world.moderator.slash(world.channel, "accord ratify"))
    inert_and_as_typed(draft.embeds[0].title, TWO_LINKS)
    inert_and_as_typed(draft.embeds[0].description, TWO_LINKS)
    await world.alice.click(draft, label="Sign")
    await world.bob.click(draft, label="Sign")
    announced = recent_text(world.channel)
    assert "is ratified" in announced
    inert_and_as_typed(announced, f"**{TWO_LINKS}** is ratified.")
    minutes = reply(await world.bob.slash(world.channel, "accord minutes"))
    written = "\n".join(await read_all_pages(world.bob, minutes))
    inert_and_as_typed(written, f"convened the conference “{TWO_LINKS}”.")
    inert_and_as_typed(written, f": “{TWO_LINKS}”")
    clickable = [m for m in live_markup(announced + written) if m.startswith(("masked link", "bare URL"))]
    assert clickable == []


@pytest.mark.parametrize(
    ("command", "options", "said"),
    [
        ("config explain", {"command": SHORT}, f"There is no command /{SHORT}."),
        ("config set", {"setting": SHORT, "value": "on"}, f"There is no setting '{SHORT}'."),
        ("config set", {"setting": "deadline.lobby", "value": SHORT}, f"'{SHORT}' is not a duration"),
        ("lore entry", {"topic": SHORT}, f"I know nothing called '{SHORT}'."),
        ("treaty quote", {"treaty": SHORT, "article": "I"}, f"I know no treaty called '{SHORT}'."),
        ("treaty quote", {"treaty": "Khitomer Accords", "article": SHORT}, f"I couldn't read '{SHORT}'"),
    ],
)
async def test_a_refusal_echoes_typed_links_as_text(
    env: Env, world: World, command: str, options: dict[str, Any], said: str
) -> None:
    result = await world.moderator.slash(world.channel, command, **options)
    assert result.ephemeral
    inert_and_as_typed(reply(result).content, said)
    assert len(env.errors) == 1


async def test_joining_as_a_power_of_two_links_is_refused_as_text(env: Env, world: World) -> None:
    await world.moderator.slash(world.channel, "accord convene", scenario="nimbus_iii")
    result = await world.alice.slash(world.channel, "accord join", power=SHORT)
    assert result.ephemeral
    inert_and_as_typed(reply(result).content, f"No power '{SHORT}' sits at this conference.")
    assert len(env.errors) == 1


async def test_an_accords_name_stays_text_and_a_footer_shows_nicknames_as_typed(
    env: Env, world: World
) -> None:
    """Embed titles render Markdown, so the name is escaped; a footer shows plain text, so a
    signatory's nickname is not (a backslash there would show)."""
    accord = await accords.ratify(
        env.bot.db,  # type: ignore[attr-defined]
        accords.NewAccord(
            guild_id=world.guild.id,
            name=TWO_LINKS,
            summary="Signed by the players of this server.",
            date_text="2267",
            place="Nimbus III",
            parties=(Party("Klingon Empire", ("dax_*jadzia*",)), Party("Romulan Star Empire", ("bob",))),
            articles=(Article(1, SHORT, TWO_LINKS),),
            year=2267,
        ),
    )
    quoted = embed(await world.alice.slash(world.channel, "treaty quote", treaty=accord.key, article="I"))
    inert_and_as_typed(quoted.title, TWO_LINKS)
    inert_and_as_typed(quoted.description, f"**Article I — {SHORT}**\n{TWO_LINKS}")
    assert "Klingon Empire (dax_*jadzia*); Romulan Star Empire (bob)" in (quoted.footer.text or "")
    listed = embed(await world.alice.slash(world.channel, "treaty list")).description
    inert_and_as_typed(listed, f"**{TWO_LINKS} (server accord)**")


@pytest.mark.parametrize("command", ["treaty search", "lore search"])
async def test_a_search_title_shows_the_query_as_typed(env: Env, world: World, command: str) -> None:
    result = await world.alice.slash(world.channel, command, query=f"embassy {SHORT}")
    inert_and_as_typed(embed(result).title, f"embassy {SHORT}”")


async def test_a_complaint_is_offered_as_typed(env: Env, world: World) -> None:
    """Autocomplete choices are plain text: escaping them would show backslashes."""
    key, carol = await ratified_game(world)
    typed = "Cloaks: *now* [x](https://e.x) _again_"
    await world.alice.slash(
        world.channel, "accord record complaint", accord=key, against="romulans", text=typed
    )
    offered = await carol.autocomplete(world.channel, "accord record vote", "complaint", "", accord=key)
    assert offered == [{"name": f"1: against Romulan Star Empire — {typed}", "value": 1}]


def test_an_option_discord_py_cannot_convert_is_echoed_as_text() -> None:
    class Typed(app_commands.Transformer):
        async def transform(self, interaction: discord.Interaction, value: Any) -> Any:
            return value

    error = app_commands.TransformerError(SHORT, AppCommandOptionType.string, Typed())
    inert_and_as_typed(explain(error), f"I couldn't make sense of '{SHORT}' for that option.")
