"""/lore import and the lore form through SimCord, as moderators and members read them."""

from __future__ import annotations

import mwparserfromhell
import pytest

from tests.cogs.test_lore import MODAL, fields_of, modal_values
from tests.conftest import World, read_all_pages
from tests.services.test_wiki_export import export, page

KORVATH = b"""{{Infobox character
| name = Korvath
| born = 2340
| died = 2381
| affiliation = [[Klingon Empire|Klingons]]
}}
'''Korvath''' was a Klingon captain who served under [[Kor]] near [[Praxis]].<ref>Campaign log, session 4
</ref>

== Early life ==
Korvath grew up on [[Qo'noS]]. He served in the [[Nowhere Fleet]].

{| class="wikitable"
! Ship !! Years
|-
| IKS Gorkon || 2370-2375
|}
[[Category:Captains]]
"""


def last(result):  # type: ignore[no-untyped-def]
    return [m for m in (result.response, *result.followups) if m is not None][-1]


async def test_a_wiki_page_imports_as_the_wiki_shows_it(env, world: World) -> None:
    done = await world.moderator.slash(
        world.channel, "lore import", file=("page_17.wiki", KORVATH), kind="person"
    )
    said = last(done)
    assert said.ephemeral and "Imported **Korvath** with 2 headed sections." in said.content
    assert "It links to entries this server knows: Klingon Empire, Kor, Praxis, Qo'noS." in said.content
    shown = await world.alice.slash(world.channel, "lore entry", topic="Korvath")
    cover = shown.response.embeds[0]
    assert cover.description == "Korvath was a Klingon captain who served under Kor near Praxis."
    assert fields_of(shown.response)["Years"] == "2340–2381"
    assert fields_of(shown.response)["Factions"] == "Klingon Empire"
    text = "\n".join(await read_all_pages(world.alice, shown.response))
    assert "**Early life**" in text and "**Sources**" in text and "Campaign log, session 4" in text
    assert "He served in the Nowhere Fleet." in text and "IKS Gorkon · 2370-2375" in text
    for raw in ("[[", "]]", "{{", "'''", "<ref", "Category"):
        assert raw not in text, raw
    # the links it made are kept: the entry's menu opens the entries it named (issue #11, point 8)
    select = next(c for row in shown.response.components for c in row["components"] if c["type"] == 3)
    assert {o["label"] for o in select["options"]} == {"Klingon Empire", "Kor", "Praxis", "Qo'noS"}
    opened = await world.bob.select(shown.response, ["kor"], custom_id=select["custom_id"])
    assert opened.response.embeds[0].title == "Kor"


async def test_a_one_page_export_is_titled_by_the_wiki(env, world: World) -> None:
    data = export(page("Zeta Fleet", "The fleet of our campaign, formed in 2380."))
    said = last(
        await world.moderator.slash(world.channel, "lore import", file=("Export.xml", data), kind="ship")
    )
    assert "Imported **Zeta Fleet**" in said.content
    two = export(page("A", "a") + page("B", "b"))
    refused = last(
        await world.moderator.slash(world.channel, "lore import", file=("two.xml", two), kind="ship")
    )
    assert refused.ephemeral and "`khitomer import-wiki`" in refused.content
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 1
    assert len(env.errors) == 1


async def test_the_page_is_parsed_off_the_event_loop(
    env, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a worker process: the parser's C tokenizer holds the GIL, so a thread of the bot's
    would still stall its loop (tests/cogs/test_lore_import_loop.py watches the loop)."""
    parsed_here: list[str] = []
    real = mwparserfromhell.parse

    def watched(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        parsed_here.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(mwparserfromhell, "parse", watched)
    said = last(
        await world.moderator.slash(world.channel, "lore import", file=("k.wiki", KORVATH), kind="person")
    )
    assert said.content.startswith("Imported **Korvath**") and parsed_here == []


async def test_a_megabyte_of_nested_templates_is_refused_plainly(env, world: World) -> None:
    data = b"{{a|" * 250_000
    said = last(
        await world.moderator.slash(world.channel, "lore import", file=("deep.wiki", data), kind="event")
    )
    assert said.ephemeral and "more than 4,000 links, templates, tags and other markup" in said.content
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 0
    assert len(env.errors) == 1


@pytest.mark.parametrize(
    ("typed", "faction"),
    [("Klingon", "Klingon Empire"), ("feds", "United Federation of Planets"), ("Kzinti", "Kzinti")],
)
async def test_a_faction_typed_loosely_puts_server_lore_in_that_timeline(
    env, world: World, typed: str, faction: str
) -> None:
    shown = await world.moderator.slash(world.channel, "lore add", kind="battle", faction=typed)
    await world.moderator.submit_modal(shown, modal_values(shown))
    entry = await world.alice.slash(world.channel, "lore entry", topic="Battle of Zeta Draconis")
    assert fields_of(entry.response)["Factions"] == faction
    timeline = await world.alice.slash(world.channel, "lore timeline", faction=faction)
    assert "Battle of Zeta Draconis" in "\n".join(await read_all_pages(world.alice, timeline.response))


async def test_a_form_with_a_bad_field_opens_again_with_everything_typed(env, world: World) -> None:
    shown = await world.moderator.slash(world.channel, "lore add", kind="battle", faction="Klingon")
    refused = await world.moderator.submit_modal(shown, modal_values(shown, years="soon"))
    assert refused.ephemeral and "Years must look like" in refused.response.content
    assert "Nothing was saved" in refused.response.content
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 0

    again = await world.moderator.click(refused.response, label="Fix the form")
    assert again.modal is not None
    kept = [c["components"][0].get("value") for c in again.modal["components"]]
    assert kept == [MODAL["title"], MODAL["aliases"], "soon", MODAL["summary"], MODAL["body"]]
    added = await world.moderator.submit_modal(again, modal_values(again, years="2380"))
    assert "Added **Battle of Zeta Draconis**" in added.response.content
    entry = await world.alice.slash(world.channel, "lore entry", topic="Battle of Zeta Draconis")
    assert fields_of(entry.response)["Factions"] == "Klingon Empire"
    assert fields_of(entry.response)["Years"] == "2380"
    assert len(env.errors) == 1


async def test_a_server_entrys_own_links_survive_a_restart(env, world: World, make_bot) -> None:  # type: ignore[no-untyped-def]
    """A page turned after a restart, before anyone looked a name up, keeps the menu's links to
    the server's own entries."""
    await world.moderator.slash(
        world.channel, "lore import", file=("depot.wiki", b"'''Vintar Depot''' stored grain."), kind="place"
    )
    linked = KORVATH.replace(b"[[Nowhere Fleet]]", b"[[Vintar Depot]]")
    await world.moderator.slash(world.channel, "lore import", file=("korvath.wiki", linked), kind="person")
    shown = (await world.alice.slash(world.channel, "lore entry", topic="Korvath")).response
    await env.restart_bot(make_bot())
    turned = (await world.alice.click(shown, label="Next ▶")).response
    select = next(c for row in turned.components for c in row["components"] if c["type"] == 3)
    assert "Vintar Depot" in {o["label"] for o in select["options"]}


# --- facts (issue #20, point 3): the form's closing lines, an infobox, a Markdown page's lines --


async def stored(env, world: World, topic: str):  # type: ignore[no-untyped-def]
    return await env.bot.get_cog("Lore").service.find(world.guild.id, topic)


async def test_the_forms_closing_fact_lines_become_the_entrys_facts(env, world: World) -> None:
    shown = await world.moderator.slash(world.channel, "lore add", kind="person")
    body = "## Early life\nRaised on Romulus.\n\nBorn: 2340\nRole: a Romulan commander"
    added = await world.moderator.submit_modal(shown, modal_values(shown, title="Tal Rehk", body=body))
    assert "Added **Tal Rehk**" in added.response.content
    entry = await stored(env, world, "Tal Rehk")
    assert entry.facts.as_dict() == {"role": "a Romulan commander", "born": 2340}
    assert entry.body == "## Early life\nRaised on Romulus."
    # the form shows them back as the body's closing lines; taking a line away takes the fact
    editing = await world.moderator.slash(world.channel, "lore edit", topic="Tal Rehk")
    fields = [c["components"][0].get("value") for c in editing.modal["components"]]
    assert fields[4] == "## Early life\nRaised on Romulus.\n\nRole: a Romulan commander\nBorn: 2340"
    edited = fields[4].replace("\nBorn: 2340", "\ncarried out by: the Tal Shiar")
    await world.moderator.submit_modal(editing, modal_values(editing, title="Tal Rehk", body=edited))
    entry = await stored(env, world, "Tal Rehk")
    assert entry.facts.as_dict() == {"role": "a Romulan commander", "by": "the Tal Shiar"}
    assert entry.body == "## Early life\nRaised on Romulus."
    assert len(env.errors) == 0


async def test_a_bad_fact_line_is_refused_and_nothing_is_stored(env, world: World) -> None:
    shown = await world.moderator.slash(world.channel, "lore add", kind="person")
    refused = await world.moderator.submit_modal(
        shown, modal_values(shown, title="Tal Rehk", body="Raised on Romulus.\n\nBorn: soon")
    )
    said = refused.response.content
    assert refused.ephemeral and "The fact line `Born: soon` at the end of the body" in said
    assert "is a year, like 2293" in said and "Nothing was saved" in said
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 0
    again = await world.moderator.click(refused.response, label="Fix the form")
    assert [c["components"][0].get("value") for c in again.modal["components"]][4].endswith("Born: soon")
    assert len(env.errors) == 1


async def test_an_imported_infobox_and_markdown_fact_lines_keep_their_facts(env, world: World) -> None:
    await world.moderator.slash(world.channel, "lore import", file=("korvath.wiki", KORVATH), kind="person")
    assert (await stored(env, world, "Korvath")).facts.as_dict() == {"born": 2340, "died": 2381}
    page = b"# Treaty of Zeta\n\nA pact our players signed.\n\nSigned: 2401\nLocation: Starbase 12\n"
    said = last(
        await world.moderator.slash(world.channel, "lore import", file=("zeta.md", page), kind="treaty")
    )
    assert "Imported **Treaty of Zeta**" in said.content
    entry = await stored(env, world, "Treaty of Zeta")
    assert entry.facts.as_dict() == {"signed": 2401, "place": "Starbase 12"}  # a treaty's place
    assert "Starbase 12" not in entry.body and entry.summary == "A pact our players signed."
