"""Issue #20 point 8 through SimCord: what a member reads of lore Markdown. Snippets render the
entry's Markdown (italics stay italics, no backslashes), highlights never land inside a URL, and
a link in server lore stays a link that shows where it leads."""

from __future__ import annotations

import re

from tests.cogs.test_lore import add_entry
from tests.conftest import World, read_all_pages

LINKED = "Fought at the [Battle of the Korvat Rift](https://example.org/korvat) by <@123> @everyone <t:1:R>."
PAGE = b"""# Korvat Rift

The rift where the [Battle of the Korvat Rift](https://example.org/korvat) was fought in 2380.

## History
The *Vor'cha* held. See [the archive](https://example.org/archive) and [a trap](javascript:alert(1)).
"""


def no_mark_inside_a_url(text: str) -> None:
    for url in re.findall(r"https?://[^\s>)]+", text):
        assert "*" not in url and "\\" not in url, url


async def test_a_canon_snippet_keeps_its_italics(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "lore search", query="Praenax prototype")
    text = "\n".join(await read_all_pages(world.alice, result.response))
    assert "Praenax" in text
    assert "\\*" not in text and "\\_" not in text  # no escaped markup shows
    assert re.search(r"\*Tal \*\*Praenax\*\*\*|\*\*\*Tal Praenax\*\*\*", text), text  # italic, marked


async def test_a_server_link_is_a_visible_url_and_never_highlighted_inside(env, world: World) -> None:
    await add_entry(world, summary=LINKED)
    found = await world.alice.slash(world.channel, "lore search", query="korvat")
    text = "\n".join(await read_all_pages(world.alice, found.response))
    assert "**Korvat**" in text  # the word in the label is highlighted…
    assert "Rift (<https://example.org/korvat>)" in text  # …the link shows where it leads
    no_mark_inside_a_url(text)
    assert "](" not in text and "\\[" not in text  # no masked link, no backslashes
    assert "\\<@123>" in text and "@\u200beveryone" in text and "\\<t:1:R>" in text  # never rendered
    entry = await world.alice.slash(world.channel, "lore entry", topic="Battle of Zeta Draconis")
    assert "Korvat Rift (<https://example.org/korvat>)" in entry.response.embeds[0].description


async def test_an_imported_markdown_page_keeps_its_links_as_links(env, world: World) -> None:
    await world.moderator.slash(world.channel, "lore import", file=("rift.md", PAGE), kind="place")
    shown = await world.alice.slash(world.channel, "lore entry", topic="Korvat Rift")
    text = "\n".join(await read_all_pages(world.alice, shown.response))
    assert "Battle of the Korvat Rift (<https://example.org/korvat>)" in text
    assert "See the archive (<https://example.org/archive>)" in text and "The *Vor'cha* held." in text
    assert "\\[a trap\\](javascript:alert(1))" in text  # not http(s): shown as typed, no link
    assert "\\[Battle" not in text and "\\](https" not in text
    found = await world.alice.slash(world.channel, "lore search", query="korvat rift")
    no_mark_inside_a_url("\n".join(await read_all_pages(world.alice, found.response)))


async def test_a_wiki_pages_web_links_stay_links(env, world: World) -> None:
    page = b"'''Korvat Rift''' is a rift. See [https://example.org/korvat the log] and [[Kor]]."
    await world.moderator.slash(world.channel, "lore import", file=("rift.wiki", page), kind="place")
    shown = await world.alice.slash(world.channel, "lore entry", topic="Korvat Rift")
    assert shown.response.embeds[0].description == (
        "Korvat Rift is a rift. See the log (<https://example.org/korvat>) and Kor."
    )
