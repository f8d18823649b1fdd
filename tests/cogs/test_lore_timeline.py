"""/lore timeline in a server with more dated lore than a page, through SimCord: the first page
comes at once, Next and Previous read the pages after and before it (one page at a time) for
whoever asked, a faction may be typed in any case; as pictures, one era at a time titled by its
years, with Previous and Next, saying what they leave out."""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest

from bot.domain.lore import Kind, Years
from bot.storage.lore import Draft
from tests.cogs.test_forged_components import forge, press
from tests.cogs.test_pictures import picture
from tests.conftest import World, read_all_pages

NEXT, PREVIOUS = "Next ▶", "◀ Previous"


async def add(env: Any, world: World, count: int, faction: str, first_year: int) -> None:
    service = env.bot.get_cog("Lore").service
    for i in range(count):
        await service.add(
            world.guild.id,
            world.moderator.id,
            Draft(
                f"{faction.split()[0]} Raid {i:02d}",
                Kind.BATTLE,
                f"Raid number {i}.",
                "Claws and fire.",
                years=Years(first_year + i),
                factions=(faction,),
            ),
        )


def lines(message: Any) -> list[str]:
    return (message.embeds[0].description or "").splitlines()


def enabled(message: Any, label: str) -> bool:
    return any(
        c.get("label") == label and not c.get("disabled")
        for row in message.components
        for c in row.get("components", [])
    )


def raid(i: int) -> str:
    return f"**{2200 + i}** · Kzinti Raid {i:02d} (server lore) — Raid number {i}."


async def test_a_long_timeline_shows_its_first_page_and_pages_on_and_back(env, world: World) -> None:
    await add(env, world, 30, "Kzinti Patriarchy", 2200)
    result = await world.alice.slash(world.channel, "lore timeline", faction="kzinti patriarchy")
    first = result.response
    assert first.embeds[0].title == "Timeline of Kzinti Patriarchy, all years"
    assert lines(first) == [raid(i) for i in range(12)]
    assert first.embeds[0].footer.text == "Page 1"
    assert enabled(first, NEXT) and not enabled(first, PREVIOUS)

    second = (await world.alice.click(first, label=NEXT)).response
    assert lines(second) == [raid(i) for i in range(12, 24)]
    assert second.embeds[0].footer.text == "Page 2" and enabled(second, PREVIOUS)
    third = (await world.alice.click(second, label=NEXT)).response
    assert lines(third) == [raid(i) for i in range(24, 30)]
    assert not enabled(third, NEXT) and third.embeds[0].footer.text == "Page 3"
    back = (await world.alice.click(third, label=PREVIOUS)).response
    assert lines(back) == lines(second) and back.embeds[0].footer.text == "Page 2"
    start = (await world.alice.click(back, label=PREVIOUS)).response
    assert lines(start) == lines(first) and not enabled(start, PREVIOUS)

    refused = await world.bob.click(start, label=NEXT)
    assert refused.ephemeral and "belong to someone else" in refused.response.content
    assert lines(start) == lines(first)  # the page stays as it was


async def test_a_canon_faction_typed_in_lower_case_pages_through_canon_and_server_lore(
    env, world: World
) -> None:
    await add(env, world, 20, "Klingon Empire", 2280)
    result = await world.alice.slash(world.channel, "lore timeline", faction="klingon empire")
    assert result.response.embeds[0].title == "Timeline of Klingon Empire, all years"
    pages = await read_all_pages(world.alice, result.response)
    shown = [line for page in pages for line in page.splitlines()]
    years = [int(line.split("**")[1][:4].rstrip("–")) for line in shown]
    assert years == sorted(years) and len(shown) == len(set(shown))
    assert sum("Klingon Raid" in line for line in shown) == 20
    assert any("· Gowron —" in line for line in shown)  # canon, merged in its place
    assert not any("Hectavious" in line for line in shown)  # a Romulan
    assert len(pages) >= 3 and len(env.errors) == 0


async def test_a_picture_shows_a_bounded_number_and_says_what_it_leaves_out(
    env, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.modules["cogs.lore._timeline_pictures"], "TIMELINE_MOST", 20)
    await add(env, world, 30, "Kzinti Patriarchy", 2200)
    result = await world.alice.slash(world.channel, "lore timeline", faction="Kzinti", picture=True)
    _, alt, text = await picture(result)
    assert text.startswith("**Timeline of Kzinti Patriarchy, all years**: 20 dated entries")
    assert text.endswith(" left out (after 2219): narrow it with from_year, to_year or faction.")
    assert alt.startswith("Timeline of Kzinti Patriarchy, 2200–") and "2200 Kzinti Raid 00" in alt
    narrowed = await world.alice.slash(
        world.channel, "lore timeline", faction="Kzinti", from_year=2220, picture=True
    )
    _, alt, text = await picture(narrowed)
    assert text.startswith("**Timeline of Kzinti Patriarchy, from 2220**: 10 dated entries")
    assert "left out" not in text and alt.startswith("Timeline of Kzinti Patriarchy, 2220–")


PICTURE_LINE = re.compile(
    r"^\*\*Timeline, all years\*\*: (?P<count>[0-9]+) dated entries in (?P<total>[0-9]+) pictures, one for"
    r" each era\. Picture (?P<number>[0-9]+) of (?P=total): (?P<era>[0-9–]+), (?P<entries>[0-9]+) entries\.$"
)


async def test_the_canon_timeline_is_drawn_one_era_at_a_time_titled_by_its_years(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "lore timeline", picture=True)
    first = result.followups[0] if result.followups else result.response
    image, alt, text = await picture(result)
    said = PICTURE_LINE.match(text)
    assert said, text
    total = int(said["total"])
    assert said["number"] == "1" and said["era"] == "2151–2161" and said["entries"] == "8"
    assert 10 <= total <= 16 and int(said["count"]) >= 150  # six pictures of thirty before, by count
    assert len(first.attachments) == 1  # one picture, shown at full preview size, not in a grid
    assert alt.startswith("Timeline, 2151–2161: 2151 ") and "(1/" not in alt
    assert image.width == 800 and image.height <= 510  # Discord's 550 × 350 preview: ×0.69, not less
    assert enabled(first, NEXT) and not enabled(first, PREVIOUS)

    second = (await world.alice.click(first, label=NEXT)).response
    said = PICTURE_LINE.match(second.content)
    assert said and said["number"] == "2" and said["era"].startswith("2245–"), second.content
    (attachment,) = second.attachments
    assert (attachment.description or "").startswith(f"Timeline, {said['era']}: 2245–2285 USS Enterprise")
    assert enabled(second, PREVIOUS)

    refused = await world.bob.click(second, label=NEXT)
    assert refused.ephemeral and "belong to someone else" in refused.response.content
    back = (await world.alice.click(second, label=PREVIOUS)).response
    assert PICTURE_LINE.match(back.content)["number"] == "1"  # type: ignore[index]
    assert (back.attachments[0].description or "").startswith("Timeline, 2151–2161: ")
    assert len(env.errors) == 0  # bob's refusal is an answer, not an error


async def test_the_last_era_has_no_next_and_a_number_past_it_shows_the_last(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "lore timeline", picture=True)
    total = int(PICTURE_LINE.match((await picture(result))[2])["total"])  # type: ignore[index]
    custom_id = f"lore:tp:next:{world.alice.id}:999:"  # an old message's button, the timeline since shorter
    old_message = await forge(env, world.channel.id, custom_id)
    last = (await world.alice.click(old_message, custom_id=custom_id)).response
    said = PICTURE_LINE.match(last.content)
    assert said and said["number"] == str(total) and said["era"].startswith("23"), last.content
    assert len(last.attachments) == 1 and not enabled(last, NEXT) and enabled(last, PREVIOUS)
    refused = await press(env, world.alice, world.channel.id, f"lore:tp:next:{world.alice.id}:1000:")
    assert refused == "This button is no longer valid. Run the command again."
    assert len(env.errors) == 0
