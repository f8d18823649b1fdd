"""Issue #20, third pass, as a member reads it in /lore search: a where answered by the place
itself, a why answered by how a thing began or its cause, a when answered from a battle's own
year, a who-did by the doer, a treaty's permission by its article (of a treaty named, told by its
parties, or of none), and no line at all for a name the lore does not know."""

from __future__ import annotations

import pytest

from tests.conftest import World


def head(result) -> str:  # type: ignore[no-untyped-def]
    """The first page's text: the answer line and notes come before the results."""
    return result.response.embeds[0].description or ""


@pytest.mark.parametrize(
    ("query", "said", "attributed"),
    [
        ("where did james kirk die", "**Answer:** Veridian III is the planet", "— *Veridian III*, from"),
        ("why did the maquis form", "**Answer:** The Maquis came about because", "— *Maquis*, from"),
        (
            "what year was the battle of wolf 359",
            "**Answer:** The Battle of Wolf 359 took place in 2367.",
            "— *Battle of Wolf 359* (2367), from",
        ),
        (
            "who was the romulan at the khitomer conference",
            "**Answer:** Pardek was a Romulan senator",
            "— *Pardek*",
        ),
        # why: the cause, not what the thing caused ("whose explosion wrecked the economy")
        ("why did praxis blow up", "**Answer:** Praxis exploded in 2293 because of overmining", "— *Praxis*"),
        # who did it: the doer named, not the man accused of it
        ("who betrayed khitomer", "**Answer:** The Khitomer massacre was the work of", "Ja'rod"),
        # why, with a year: the cause of the entry of that year ("turn on" is no "turned the tide")
        (
            "why did the klingon civil war start in 2367",
            "**Answer:** The Klingon Civil War came about because the House of Duras refused",
            "— *Klingon Civil War*, from canon sources",
        ),
        ("why did damar rebel against the dominion", "**Answer:** Damar, once the Dominion's", "Breen"),
        # what a named treaty lets its parties do: its article, with the quote that shows it whole
        (
            "is arbitration possible under the treaty of armens",
            "**Answer:** Article III of the treaty *Treaty of Armens* (Third-party arbitration)",
            "— the whole article: `/treaty quote",
        ),
        # … and a treaty known by the parties the question names
        (
            "what happened to federation colonists on cardassian planets",
            "**Answer:** Article II of the treaty *Federation–Cardassian Treaty* (Colonists on",
            "— the whole article: `/treaty quote",
        ),
        # … and what may be done, of no treaty named or told apart by its parties: the one article
        # of all the treaties that holds most of the question's words
        (
            "is starfleet allowed to develop a cloaking device",
            "**Answer:** Article II of the treaty *Treaty of Algeron* (No Federation cloaking devices)",
            "— the whole article: `/treaty quote",
        ),
    ],
)
async def test_the_answer_line_says_the_fact_asked(
    env: object, world: World, query: str, said: str, attributed: str
) -> None:
    first = head(await world.alice.slash(world.channel, "lore search", query=query))
    assert first.split("\n")[0].startswith(said), first[:300]
    assert attributed in first, first[:400]


async def test_a_name_the_lore_does_not_know_gets_no_line(env: object, world: World) -> None:
    first = head(
        await world.alice.slash(
            world.channel, "lore search", query="when did the hirogen attack the federation"
        )
    )
    assert "**Answer:**" not in first
    assert first.startswith("**No sure answer.** I looked for a line that says when"), first[:300]


async def test_a_relatives_death_is_no_answer_about_them(env: object, world: World) -> None:
    # "Sarek …, the father of Spock, … died in 2368" was the line: Sarek's death, not Spock's
    result = await world.alice.slash(world.channel, "lore search", query="when did spock die")
    first = head(result)
    assert "**Answer:**" not in first and "Sarek" not in first.split("\n")[0], first[:300]
    assert first.startswith("**No sure answer.** I looked for a line that says when"), first[:300]
    assert "Spock" in first, first[:600]  # the closest entries are still listed


async def test_another_killing_is_no_answer_to_who_killed_them(env: object, world: World) -> None:
    # "A Klingon spy … poisoned grain meant for the colony" was the line: no killing of Koloth
    result = await world.alice.slash(world.channel, "lore search", query="who killed koloth")
    first = head(result)
    assert "**Answer:**" not in first and "grain" not in first.split("\n")[0], first[:300]
    assert first.startswith("**No sure answer.**"), first[:300]
    assert "Koloth" in first, first[:600]  # the closest entries are still listed
    result = await world.alice.slash(world.channel, "lore search", query="who killed lursa")
    assert head(result).startswith("**Answer:** Riker's crew killed Lursa and B'Etor"), head(result)[:300]
