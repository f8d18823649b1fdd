"""Issue #20, point 4, as a member reads it: a ship's card names who commanded and built it, and
/lore search answers a fan's first who / why about a ship, a species or a treaty from the entry's
own sentence."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.support.lore_reads import fields_of, search_head


async def test_a_ships_card_says_who_commanded_it(env: object, world: World) -> None:
    result = await world.alice.slash(world.channel, "lore entry", topic="IKS Bortas")
    fields = fields_of(result.response)
    assert fields["Commanded by"] == "Gowron"
    assert fields["Role"] == "a Vor'cha-class attack cruiser and Gowron's flagship"
    scimitar = fields_of((await world.alice.slash(world.channel, "lore entry", topic="Scimitar")).response)
    assert scimitar["Carried out by"].startswith("Shinzon and his Remans")


@pytest.mark.parametrize(
    ("query", "said", "attributed"),
    [
        ("who commanded the bortas", "**Answer:** Gowron commanded the Bortas", "— *IKS Bortas*"),
        ("why did the borg attack earth", "**Answer:** The Borg attacked Earth in 2367 because", "— *Borg*"),
        (
            "why did the federation and cardassia sign a treaty in 2370",
            "**Answer:** The Federation and the Cardassian Union signed the treaty in 2370 because",
            "— *Federation–Cardassian Treaty*",
        ),
    ],
)
async def test_a_fans_first_question_reads_the_entrys_own_sentence(
    env: object, world: World, query: str, said: str, attributed: str
) -> None:
    first = await search_head(world, query)
    assert first.split("\n")[0].startswith(said), first[:300]
    assert attributed in first, first[:400]
