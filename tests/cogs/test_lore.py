"""/lore through SimCord: reading commands, autocomplete, related entries, the pager, moderators."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest

from tests.conftest import World, read_all_pages

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def fields_of(message) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {f.name: f.value for f in message.embeds[0].fields}


async def test_entry_shows_summary_years_factions_and_sources(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "lore entry", topic="praxis")
    message = result.response
    assert not result.ephemeral
    assert message.embeds[0].title == "Praxis"
    assert "moon" in message.embeds[0].description
    fields = fields_of(message)
    assert fields["Years"] == "2293" and fields["Kind"] == "place"
    assert "Klingon Empire" in fields["Factions"]
    assert "Canon (episode/film): Star Trek VI" in fields["Sources"] and "Fan wiki" in fields["Sources"]


async def test_a_long_entry_pages_its_body(env, world: World) -> None:
    message = (
        await world.alice.slash(world.channel, "lore entry", topic="klingon-romulan-alliance")
    ).response
    pages = await read_all_pages(world.alice, message)
    text = "\n".join(pages)
    assert len(pages) >= 2
    assert "**Origins**" in text and "**Collapse**" in text and "Klach D'kel Brakt" in text


async def test_a_misspelt_topic_still_finds_its_entry(env, world: World) -> None:
    for typed, title in (("Gowran", "Gowron"), ("Kitomer", "Khitomer"), ("hectavius", "Hectavious")):
        result = await world.alice.slash(world.channel, "lore entry", topic=typed)
        assert result.response.embeds[0].title == title


async def test_an_unknown_topic_is_a_clear_message(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "lore entry", topic="Tribbles")
    assert result.ephemeral and "I know nothing called 'Tribbles'" in result.response.content
    assert len(env.errors) == 1


async def test_topic_autocomplete_by_prefix_and_fuzzy(env, world: World) -> None:
    prefix = await world.alice.autocomplete(world.channel, "lore entry", "topic", "kh")
    assert prefix and all("Khitomer" in c["name"] for c in prefix)
    assert len(prefix) <= 25
    fuzzy = await world.alice.autocomplete(world.channel, "lore entry", "topic", "Klach Dkel")
    assert fuzzy[0]["value"] == "battle-of-klach-dkel-brakt"
    one = await world.alice.autocomplete(world.channel, "lore entry", "topic", "k")
    assert 10 < len(one) <= 25
    assert {"khitomer", "kor", "qonos"} <= {c["value"] for c in one}  # Qo'noS by its alias Kronos


async def test_the_related_select_opens_an_entry_for_whoever_picks(env, world: World) -> None:
    message = (await world.alice.slash(world.channel, "lore entry", topic="kor")).response
    select = next(c for row in message.components for c in row["components"] if c["type"] == 3)
    assert {o["value"] for o in select["options"]} >= {"hectavious", "battle-of-klach-dkel-brakt"}
    opened = await world.bob.select(message, ["hectavious"], custom_id=select["custom_id"])
    assert opened.ephemeral
    assert opened.response.embeds[0].title == "Hectavious"


async def test_a_forged_related_value_is_refused(env, world: World) -> None:
    channel = env.bot.get_channel(world.channel.id)
    view = discord.ui.View(timeout=None)
    view.add_item(
        discord.ui.Select(
            custom_id="lore:related:kor", options=[discord.SelectOption(label="x", value="gowron")]
        )
    )
    forged = await channel.send("forged", view=view)
    result = await world.alice.select(forged, ["gowron"], custom_id="lore:related:kor")
    assert result.ephemeral and "not one of the related entries" in result.response.content


async def test_related_select_survives_a_restart(env, world: World, make_bot) -> None:  # type: ignore[no-untyped-def]
    message = (await world.alice.slash(world.channel, "lore entry", topic="kor")).response
    custom_id = next(
        c["custom_id"] for row in message.components for c in row["components"] if c["type"] == 3
    )
    await env.restart_bot(make_bot())
    opened = await world.alice.select(message, ["hectavious"], custom_id=custom_id)
    assert opened.response.embeds[0].title == "Hectavious"


async def test_search_shows_snippets_and_repairs_typos(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "lore search", query="Gowran withdrew")
    description = result.response.embeds[0].description
    assert "Searched for **Gowron** (you typed Gowran)" in description
    assert description.index("**Gowron**") < description.index("> ")  # the entry leads, then its snippet
    assert "**withdrew**" in description  # the matched word is highlighted in the snippet


async def test_search_pages_survive_a_restart(env, world: World, make_bot) -> None:  # type: ignore[no-untyped-def]
    first = (await world.alice.slash(world.channel, "lore search", query="klingon empire")).response
    assert first.embeds[0].footer.text.startswith("Page 1 of ")
    await env.restart_bot(make_bot())
    second = (await world.alice.click(first, label="Next ▶")).response
    assert second.embeds[0].footer.text.startswith("Page 2 of ")


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        ('"', None),
        ("*", None),
        ("-", None),
        ("((", None),
        ("NEAR(", "**"),  # the operator is read as the word "near": entries holding it
        ("🖖 klingon", "card: Klingon Empire"),  # the emoji is dropped: "klingon" names an entry
        ("x" * 200, "Nothing found."),
    ],
)
async def test_hostile_queries_answer_or_refuse_clearly(
    env, world: World, query: str, answer: str | None
) -> None:
    result = await world.alice.slash(world.channel, "lore search", query=query)
    if answer is None:  # no word at all: a clear refusal
        assert result.ephemeral and "Search for a word" in result.response.content
        assert len(env.errors) == 1
    else:
        first = result.response.embeds[0]
        if answer.startswith("card: "):  # a name typed: its card comes first
            assert first.title == answer.removeprefix("card: ")
            return
        assert first.title.startswith("Lore matching")
        assert (first.description or "").startswith(answer), (first.description or "")[:100]


async def test_timeline_in_order_with_filters(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "lore timeline", from_year=2266, to_year=2272)
    text = "\n".join(await read_all_pages(world.alice, result.response))
    years = [int(line.split("**")[1][:4]) for line in text.splitlines() if line.startswith("**")]
    assert years == sorted(years)  # by first year; an entry spanning into 2266-2272 counts (Rura Penthe)
    assert "Klingon–Romulan Alliance" in text and "Khitomer Conference" not in text
    romulan = await world.alice.slash(world.channel, "lore timeline", faction="Romulan Star Empire")
    text = "\n".join(await read_all_pages(world.alice, romulan.response))
    assert "· Hectavious —" in text and "· Gowron —" not in text  # Gowron is Klingon
    choices = await world.alice.autocomplete(world.channel, "lore timeline", "faction", "rom")
    assert [c["value"] for c in choices] == ["Romulan Star Empire"]


async def test_timeline_refuses_a_backwards_span(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "lore timeline", from_year=2300, to_year=2200)
    assert result.ephemeral and "comes after" in result.response.content
    assert len(env.errors) == 1


async def test_random_shows_an_entry(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "lore random")
    assert result.response.embeds[0].fields


# --- server lore ------------------------------------------------------------------------------

MODAL = {
    "title": "Battle of Zeta Draconis",
    "aliases": "Zeta skirmish, Draconis incident",
    "years": "2380-2381",
    "summary": "A border skirmish our players fought.",
    "body": "## Opening\nThe fleets met at dawn.\n\n## Outcome\nA draw.",
}


def modal_values(result, **changes: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    ids = [c["components"][0]["custom_id"] for c in result.modal["components"]]
    values = list({**MODAL, **changes}.values())
    return dict(zip(ids, values, strict=True))


async def add_entry(world: World, **changes: str):  # type: ignore[no-untyped-def]
    shown = await world.moderator.slash(world.channel, "lore add", kind="battle", faction="Klingon Empire")
    assert shown.modal is not None
    return await world.moderator.submit_modal(shown, modal_values(shown, **changes))


async def test_a_moderator_adds_server_lore_visible_only_here(env, world: World) -> None:
    added = await add_entry(world)
    assert added.ephemeral and "Added **Battle of Zeta Draconis**" in added.response.content
    shown = await world.alice.slash(world.channel, "lore entry", topic="Zeta skirmish")
    embed = shown.response.embeds[0]
    assert embed.title == "Battle of Zeta Draconis (server lore)"
    assert fields_of(shown.response)["Years"] == "2380–2381"
    assert "This server" in fields_of(shown.response)["Sources"]
    found = await world.alice.slash(world.channel, "lore search", query="draconis")
    assert "server lore" in found.response.embeds[0].description
    elsewhere = await world.stranger.slash(world.other_channel, "lore entry", topic="Battle of Zeta Draconis")
    assert elsewhere.ephemeral
    nothing = await world.stranger.slash(world.other_channel, "lore search", query="draconis")
    assert "Nothing found" in nothing.response.embeds[0].description
    assert len(env.errors) == 1


async def test_players_cannot_add_edit_remove_or_import(env, world: World) -> None:
    for command, options in (
        ("lore add", {"kind": "battle"}),
        ("lore edit", {"topic": "kor"}),
        ("lore remove", {"topic": "kor"}),
        ("lore import", {"file": ("page.md", b"# Title\n\nText."), "kind": "event"}),
    ):
        result = await world.alice.slash(world.channel, command, **options)
        assert result.ephemeral and result.modal is None
        assert "Only this server's moderators" in result.response.content
    assert len(env.errors) == 4
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"years": "soon"}, "Years must look like"),
        ({"years": "2381-2380"}, "end year comes before"),
        ({"title": "Praxis"}, "already the name of the entry 'Praxis'"),
        ({"aliases": ",".join(f"a{i}" for i in range(12))}, "At most 10 aliases"),
    ],
)
async def test_bad_modal_values_are_refused_and_nothing_is_stored(
    env, world: World, changes, message
) -> None:  # type: ignore[no-untyped-def]
    result = await add_entry(world, **changes)
    assert result.ephemeral and message in result.response.content
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 0
    assert len(env.errors) == 1


async def test_a_moderator_edits_server_lore_but_not_canon(env, world: World) -> None:
    await add_entry(world)
    shown = await world.moderator.slash(world.channel, "lore edit", topic="Battle of Zeta Draconis")
    defaults = [c["components"][0].get("value") for c in shown.modal["components"]]
    assert defaults[0] == "Battle of Zeta Draconis" and defaults[2] == "2380–2381"
    done = await world.moderator.submit_modal(shown, modal_values(shown, summary="Now a rout, not a draw."))
    assert "Updated" in done.response.content
    result = await world.alice.slash(world.channel, "lore entry", topic="Battle of Zeta Draconis")
    assert result.response.embeds[0].description == "Now a rout, not a draw."
    canon = await world.moderator.slash(world.channel, "lore edit", topic="Kor")
    assert canon.ephemeral and "canon lore" in canon.response.content
    assert len(env.errors) == 1


async def test_removal_needs_the_same_moderator_to_confirm(env, world: World) -> None:
    await add_entry(world)
    asked = await world.moderator.slash(world.channel, "lore remove", topic="Battle of Zeta Draconis")
    assert asked.ephemeral and "cannot be undone" in asked.response.content
    kept = await world.moderator.click(asked.response, label="Keep it")
    assert kept.response.content == "Kept. Nothing was removed."
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 1

    asked = await world.moderator.slash(world.channel, "lore remove", topic="Battle of Zeta Draconis")
    removed = await world.moderator.click(asked.response, label="Remove it")
    assert removed.response.content == "Removed."
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 0
    gone = await world.alice.slash(world.channel, "lore entry", topic="Battle of Zeta Draconis")
    assert gone.ephemeral
    assert len(env.errors) == 1


async def test_a_forged_removal_button_is_refused(env, world: World) -> None:
    await add_entry(world)
    custom_id = f"lore:remove:1:{world.alice.id}:yes"  # forged to name alice, who is no moderator
    view = discord.ui.View(timeout=None)
    view.add_item(discord.ui.Button(label="Remove it", custom_id=custom_id))
    forged = await env.bot.get_channel(world.channel.id).send("forged", view=view)
    result = await world.alice.click(forged, custom_id=custom_id)
    assert result.ephemeral and "Only this server's moderators" in result.response.content
    stolen = await world.moderator.click(forged, custom_id=custom_id)
    assert "Only the moderator who asked" in stolen.response.content
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 1


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents absent")
async def test_importing_a_wiki_page_keeps_its_sections(env, world: World) -> None:
    page = next(SEEDS.glob("000_*.txt")).read_bytes()
    # The title comes from the page ("The Klingon-Romulan Alliance was…"), not the file name:
    # canon has that entry, so the moderator is told, and names the server's own version.
    clash = await world.moderator.slash(
        world.channel, "lore import", file=("kra_page.txt", page), kind="treaty"
    )
    said = [m for m in (clash.response, *clash.followups) if m is not None][-1]
    assert "'Klingon-Romulan Alliance' is already the name of the entry" in said.content
    result = await world.moderator.slash(
        world.channel, "lore import", file=("kra_page.txt", page), kind="treaty", title="Our alliance"
    )
    messages = [m for m in (result.response, *result.followups) if m is not None]
    assert "with 2 headed sections" in messages[-1].content
    entry = await world.alice.slash(world.channel, "lore entry", topic="Our alliance")
    text = "\n".join(await read_all_pages(world.alice, entry.response))
    assert "**History**" in text and "**The End of the Alliance**" in text
    assert len(env.errors) == 1


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (("notes.pdf", b"%PDF-1.4"), "Import takes a wiki page: .md, .txt, .wiki or a MediaWiki .xml"),
        (("big.md", b"x" * 1_000_001), "limit is 1,000,000"),
        (("latin.txt", "Qo'noS \xe9".encode("latin-1")), "not UTF-8"),
    ],
)
async def test_bad_imports_are_refused(env, world: World, file, message) -> None:  # type: ignore[no-untyped-def]
    result = await world.moderator.slash(world.channel, "lore import", file=file, kind="event")
    shown = [m for m in (result.response, *result.followups) if m is not None][-1]
    assert shown.ephemeral and message in shown.content
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 0
    assert len(env.errors) == 1


async def test_an_import_over_the_body_limit_is_refused(env, world: World) -> None:
    page = ("# Long Page\n\nA first paragraph.\n\n" + "word " * 12_000).encode()
    result = await world.moderator.slash(world.channel, "lore import", file=("long.md", page), kind="event")
    shown = [m for m in (result.response, *result.followups) if m is not None][-1]
    assert "The body can be at most 50,000 characters" in shown.content
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 0
    assert len(env.errors) == 1


async def test_editing_an_entry_too_long_for_the_form_keeps_its_body(env, world: World) -> None:
    body = "## Part\n\n" + "A long chronicle. " * 400 + "The very last words."  # > 4,000: a form's limit
    page = f"# Long Chronicle\n\nA first paragraph.\n\n{body}".encode()
    await world.moderator.slash(world.channel, "lore import", file=("long.md", page), kind="event")
    before = (await env.bot.db.fetch_one("SELECT body FROM lore_entries"))[0]
    shown = await world.moderator.slash(world.channel, "lore edit", topic="Long Chronicle")
    ids = [c["components"][0]["custom_id"] for c in shown.modal["components"]]
    assert len(ids) == 4, "no body field: it could only show the body cut short"
    values = dict(zip(ids, ["Long Chronicle", "", "", "A new summary."], strict=True))
    await world.moderator.submit_modal(shown, values)
    row = await env.bot.db.fetch_one("SELECT summary, body FROM lore_entries")
    assert row[0] == "A new summary." and row[1] == before and len(before) > 4000
    entry = await world.alice.slash(world.channel, "lore entry", topic="Long Chronicle")
    pages = await read_all_pages(world.alice, entry.response)
    assert "A new summary." in pages[0]
    assert "The very last words." in pages[-1], "members still read the body to its end"


async def test_plain_questions_get_an_answer_line_a_card_or_a_quote(env, world: World) -> None:
    """Issue #11 points 1-3 as a member reads them."""
    asked = await world.alice.slash(world.channel, "lore search", query="who chose gowron to lead the empire")
    first = asked.response.embeds[0].description or ""
    assert first.startswith("**Answer:** ") and "— *Jean-Luc Picard*, from canon source" in first
    assert first.index("**Jean-Luc Picard**") < first.index("> ")  # the person asked for leads
    card = await world.alice.slash(world.channel, "lore search", query="Kahless the Unforgettable")
    assert card.response.embeds[0].title == "Kahless"  # a name typed: its card first
    assert "the entry, then everything that mentions it" in (card.response.embeds[0].author.name or "")
    quote = await world.alice.slash(
        world.channel, "lore search", query="what does article III of the Khitomer Accords say"
    )
    said = quote.response.embeds[0].description or ""
    assert said.startswith("**Answer:** Article III of the treaty *Khitomer Accords* (Neutrality towards")
    assert '— the whole article: `/treaty quote treaty:"Khitomer Accords" article:III`' in said
    missing = await world.alice.slash(
        world.channel, "lore search", query="article IX of the Khitomer Accords"
    )
    said = missing.response.embeds[0].description or ""
    assert "Khitomer Accords has Articles I–VI: there is no Article IX." in said
    common = await world.alice.slash(world.channel, "lore search", query="the the what")
    assert common.ephemeral and common.response.content.startswith("“the what” is only common words")
    assert len(env.errors) == 1
