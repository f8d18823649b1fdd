"""Issue #20 as a member reads it: the answer line of each kind of question, an honest "no sure
answer", typo repair that leaves real words alone and asks before guessing, article questions
quoted from the treaties, and server lore answering only in its own server."""

from __future__ import annotations

import pytest

from tests.conftest import World


def head(result) -> str:  # type: ignore[no-untyped-def]
    """The first page's text: the answer line and notes come before the results."""
    return result.response.embeds[0].description or ""


@pytest.mark.parametrize(
    ("query", "said", "attributed"),
    [
        ("who was Kor", "**Answer:** Kor was a Klingon general and Dahar Master", "— *Kor*, from canon"),
        ("when were the Khitomer Accords signed", "2293", "— *Khitomer Accords* (2293), from"),
        ("who killed gorkon", "General Chang", "— *Gorkon*"),
        ("what happened at Praxis", "explosion in 2293", "— *Praxis*"),
        (
            "when did the Romulans join the Dominion War",
            "joined in 2374 by the Romulan",
            "— *Dominion War* (2373–2375), from",
        ),
        (
            "why did the klingons make peace with the federation",
            "After Praxis exploded",
            "— *Klingon Empire*",
        ),
        ("where was the klingon-romulan alliance signed", "Nimbus III", "— *Klingon–Romulan Alliance*"),
        # a sentence's phrasal verb in other words, a hurried question word, slang
        ("why did donatra change sides", "Donatra turned on Shinzon because", "— *Donatra*"),
        ("whn did gorkon pass away", "2293", "— *Gorkon*"),
        # a title without its brackets; where one is from; a word for the idea the lore words otherwise
        ("when was the uss enterprise launched", "launched in 2245", "— *USS Enterprise (NCC-1701)*"),
        ("what city is sisko from", "New Orleans", "— *Benjamin Sisko*"),
        ("why are the jem'hadar addicted to ketracel-white", "never turn against them", "— *Jem'Hadar*"),
        # a person "taken out" was killed; a rank of a ship asks who commanded it
        ("who took out gorkon", "General Chang's conspiracy killed Gorkon", "— *Gorkon*"),
        ("who was the captain of the scimitar", "Shinzon commanded the Scimitar", "— *Scimitar*"),
        # the doer named before "a Klingon agent"; "wrecked" is destroyed
        ("who poisoned the grain", "The Klingon agent Arne Darvin poisoned", "— *Sherman's Planet*"),
        ("who destroyed the enterprise d", "Lursa and B'Etor of the House of Duras", "— *USS Enterprise-D*"),
        # a question addressed to the bot is the question
        ("hey bot where is qonos", "Qo'noS is in the Beta Quadrant", "— *Qo'noS*"),
        # a deed in other words than the lore's: the subject's own cause
        ("why did the remans side with shinzon", "The Remans followed Shinzon because", "— *Remans*"),
        # a canon person with an entry of his own; who took over when someone died; a short year
        ("who killed kang", "The Albino killed Kang in the raid on Secarus IV", "— *The Albino*"),
        ("who took over when gorkon died", "Azetbur succeeded Gorkon", "— *Gorkon*"),
        ("why did the dominion take ds9 in 73", "The Dominion took Deep Space 9 in 2373 because", "— *"),
        # whose doing a thing was, from its facts; the one of a rank; an oath around a name
        (
            "who was behind the pegasus incident",
            "The Pegasus incident was the work of Captain Erik Pressman",
            "— *Pegasus incident*",
        ),
        ("who ran the tal shiar", "Koval led the Tal Shiar.", "— *Koval*"),
        (
            "which starfleet admiral was dirty in the khitomer plot",
            "Cartwright was a Starfleet admiral",
            "— *Cartwright*",
        ),
        ("who the heck is tomalak", "Tomalak is a Romulan warbird commander", "— *Tomalak*"),
        # a body's sentence opening "Its…" names its thing
        ("who tried to recruit bashir for section 31", "Section 31's agent Luther Sloan", "— *Section 31*"),
        # why a power signed a treaty is why it was made; why it left is not why it was made
        (
            "why did the klingons sign the khitomer accords",
            "The Khitomer Accords were signed because the explosion of Praxis",
            "— *Khitomer Accords*",
        ),
        (
            "why did the klingons leave the khitomer accords",
            "because the Federation Council condemned the Klingon invasion of Cardassia",
            "— *Klingon withdrawal from the Khitomer Accords*",
        ),
        # two powers named alone: where they meet; a people the deed was done to; a name's origin
        (
            "what did the romulans give the klingons",
            "the Romulans paid in cloaking technology",
            "— *Klingon–Romulan",
        ),
        ("who brought the romulans into the dominion war", "arranged by Garak", "— *Vreenak*"),
        (
            "why is section 31 called that",
            "takes its name from a clause of the original Starfleet",
            "— *Section 31*",
        ),
        # names alone: the one the others qualify; a name inside a longer one; a name set off
        ("was vreenak tal shiar", "Vreenak was a Romulan senator and Tal Shiar vice-chairman", "— *Vreenak*"),
        ("picard's enterprise-d", "The USS Enterprise-D (NCC-1701-D) was", "— *USS Enterprise-D*"),
        (
            "what was the second khitomer conference",
            "The Second Khitomer Conference was the meeting",
            "— *Second Khitomer Conference*",
        ),
        ("who was ja'rod", "The real traitor was Duras's own father, Ja'rod.", "— *Mogh*"),
        # a deed its doer owns; an opening "When …," that explains; a hedge; a place after a name
        ("who sabotaged the excelsior", "Scotty's sabotage left it dead", "— *USS Excelsior*"),
        ("why did the maquis get wiped out", "When Cardassia joined the Dominion in 2373", "— *Maquis*"),
        ("who exactly was kor", "Kor was a Klingon general and Dahar Master", "— *Kor*"),
        ("who was martia on rura penthe", "A shape-shifting inmate, Martia,", "— *Rura Penthe*"),
        (
            "who left the thalaron device in the romulan senate chamber",
            "Senator Tal'aura left the device in the chamber for him",
            "— *Hiren*",
        ),
        (
            "who negotiated the klingon romulan pact",
            "Hectavious for the Star Empire",
            "— *Klingon–Romulan Alliance*",
        ),
    ],
)
async def test_each_kind_of_question_reads_its_answer_line(
    env, world: World, query: str, said: str, attributed: str
) -> None:
    result = await world.alice.slash(world.channel, "lore search", query=query)
    first = head(result)
    assert first.startswith("**Answer:** ") and said in first.split("\n")[0], first[:300]
    assert attributed in first, first[:400]
    assert "_" not in first.split("\n")[0].replace("\\_", "")  # no internal names in the line


async def test_an_article_question_quotes_the_article(env, world: World) -> None:
    result = await world.alice.slash(
        world.channel, "lore search", query="what did Article II of the Khitomer Accords set up"
    )
    first = head(result)
    assert first.startswith("**Answer:** Article II of the treaty *Khitomer Accords* (Diplomatic relations")
    assert "embassy" in first.split("\n")[0]
    assert '`/treaty quote treaty:"Khitomer Accords" article:II`' in first


async def test_an_article_asked_by_its_ordinal_is_quoted(env, world: World) -> None:
    first = head(
        await world.alice.slash(world.channel, "lore search", query="klingon romulan alliance first article?")
    )
    assert first.startswith("**Answer:** Article I of the treaty *Klingon–Romulan Alliance* (Declaration"), (
        first[:300]
    )
    assert '`/treaty quote treaty:"Klingon–Romulan Alliance" article:I`' in first


async def test_the_second_accords_named_by_their_short_name_quote_their_own_article(
    env, world: World
) -> None:
    """ "2nd khitomer accords" holds the first Accords' longer name too: it quoted their Article IV."""
    first = head(
        await world.alice.slash(
            world.channel, "lore search", query="what does article 4 of the 2nd khitomer accords say"
        )
    )
    assert first.startswith("**Answer:** Article IV of the treaty *Second Khitomer Accords* (Evacuation"), (
        first[:300]
    )
    assert '`/treaty quote treaty:"Second Khitomer Accords" article:IV`' in first


async def test_a_treaty_named_by_what_it_is_quotes_its_article(env, world: World) -> None:
    """ "The accords" of the Federation are the Khitomer Accords; "the Romulan treaty" Starfleet is
    bound by is Algeron's: each quoted with the reference that shows it whole."""
    first = head(
        await world.alice.slash(
            world.channel, "lore search", query="do the accords let the federation set up an embassy on qonos"
        )
    )
    assert first.startswith("**Answer:** Article II of the treaty *Khitomer Accords* (Diplomatic relations")
    assert '`/treaty quote treaty:"Khitomer Accords" article:II`' in first
    cloak = head(
        await world.alice.slash(
            world.channel,
            "lore search",
            query="could starfleet legally fly a cloaked ship under the romulan treaty",
        )
    )
    assert cloak.startswith(
        "**Answer:** Article II of the treaty *Treaty of Algeron* (No Federation cloaking"
    )
    assert "neither develop nor use" in cloak.split("\n")[0]
    assert '`/treaty quote treaty:"Treaty of Algeron" article:II`' in cloak
    organia = head(
        await world.alice.slash(
            world.channel, "lore search", query="what are the actual terms of the treaty of organia"
        )
    )
    assert organia.startswith("**Answer:** No article of the Treaty of Organia is recorded."), organia[:300]
    assert "/treaty quote" not in organia  # nothing to quote


async def test_without_a_sure_line_it_says_so_and_shows_the_closest(env, world: World) -> None:
    result = await world.alice.slash(world.channel, "lore search", query="how tall was gorkon")
    first = head(result)
    assert "**Answer:**" not in first
    assert first.startswith(
        "**No sure answer.** I looked for a line that says all you asked about *Gorkon* and found none."
        " These entries come closest:"
    )
    assert "**Gorkon**" in first  # the closest entries follow


async def test_real_words_and_known_names_are_never_repaired(env, world: World) -> None:
    # … nor players' shortenings the dictionary lacks ("comms" is no misspelt "comes")
    for query in ("Undiscovered Country", "Hobus", "who ran comms on the enterprise", "the admin of ds9"):
        first = head(await world.alice.slash(world.channel, "lore search", query=query))
        assert "Searched for" not in first and "Did you mean" not in first, first[:200]
    hobus = head(await world.alice.slash(world.channel, "lore search", query="Hobus"))
    assert "Hobus" in hobus.split("\n")[0]  # the star is known: the supernova answers


async def test_a_one_letter_typo_is_repaired_and_said(env, world: World) -> None:
    first = head(await world.alice.slash(world.channel, "lore search", query="who was gowran"))
    assert "Searched for **gowron** (you typed gowran)" in first
    assert first.startswith("**Answer:** Gowron was chancellor")


async def test_a_guess_is_offered_with_a_button_not_searched(env, world: World) -> None:
    asked = await world.alice.slash(world.channel, "lore search", query="Hactavoius")
    first = head(asked)
    assert "Did you mean **Hectavious**? The button below searches for it." in first
    assert "Searched for" not in first
    buttons = [c for row in asked.response.components for c in row["components"]]
    assert [b["label"] for b in buttons] == ["Search for “Hectavious”"]
    other = await world.bob.click(asked.response, label="Search for “Hectavious”")
    assert other.ephemeral and "belong to someone else" in other.response.content
    clicked = await world.alice.click(asked.response, label="Search for “Hectavious”")
    again = head(clicked)
    assert "Hectavious" in again and "Did you mean" not in again


async def written_by_a_moderator(world: World, kind: str, values: list[str]) -> None:
    """Server lore added through `/lore add`'s form: title, aliases, years, summary, body."""
    shown = await world.moderator.slash(world.channel, "lore add", kind=kind, faction="Klingon Empire")
    ids = [c["components"][0]["custom_id"] for c in shown.modal["components"]]
    await world.moderator.submit_modal(shown, dict(zip(ids, values, strict=True)))


async def test_server_lore_answers_with_its_facts_only_at_home(env, world: World) -> None:
    await written_by_a_moderator(
        world,
        "battle",
        [
            "Battle of Zeta Draconis",
            "Zeta skirmish",
            "2380-2381",
            "A border skirmish our players fought off Zeta Draconis.",
            "The fleets met at dawn.\n\nPlace: the Zeta Draconis nebula",
        ],
    )
    here = head(await world.alice.slash(world.channel, "lore search", query="where was the zeta skirmish"))
    assert here.startswith("**Answer:** The Battle of Zeta Draconis took place at the Zeta Draconis nebula.")
    assert "— *Battle of Zeta Draconis*, from this server's source" in here
    card = await world.alice.slash(world.channel, "lore entry", topic="Battle of Zeta Draconis")
    fields = {f.name: f.value for f in card.response.embeds[0].fields}
    assert fields["Place"] == "the Zeta Draconis nebula"
    there = await world.stranger.slash(
        world.other_channel, "lore search", query="where was the zeta skirmish"
    )
    assert "Zeta" not in head(there)


async def test_a_server_persons_summary_that_only_describes_them_answers_with_their_name(
    env, world: World
) -> None:
    summary = "A Klingon general of the House of Meldar who won the Battle of the Kethra Drift in 2401."
    await written_by_a_moderator(
        world, "person", ["General Torvak", "Torvak", "2401", summary, "He holds the border fleet."]
    )
    here = head(await world.alice.slash(world.channel, "lore search", query="who won at the kethra drift"))
    assert here.startswith("**Answer:** General Torvak: a Klingon general of the House of Meldar"), here
    assert "— *General Torvak*, from this server's source" in here


async def test_a_server_treaty_telling_its_articles_in_prose_answers_one_of_them(env, world: World) -> None:
    body = (
        "It has two articles. The first opens Kessat's docks to exile freighters. The second bars the"
        " exiles from carrying arms in Kessat space."
    )
    await written_by_a_moderator(
        world,
        "treaty",
        ["Teral Compact", "Kessat Compact", "2398", "The pact of Kessat and the exiles.", body],
    )
    here = head(
        await world.alice.slash(
            world.channel, "lore search", query="what does the 2nd article of the teral compact say"
        )
    )
    assert here.startswith("**Answer:** The second bars the exiles from carrying arms in Kessat space."), here
    there = head(
        await world.stranger.slash(
            world.other_channel, "lore search", query="what does article 2 of the teral compact say"
        )
    )
    assert "Kessat" not in there
    assert there.startswith("**No sure answer.** I looked for the article you asked for"), there
    assert "about about" not in there
