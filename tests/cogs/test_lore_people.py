"""Issue #20, point 4, for people, as a member reads it: a person's card gives their death and
successor, and /lore search answers who killed, who succeeded and who betrayed whom from a
sentence that names the doer. The questions are ours, not the evaluation's
(tests/services/lore_answers.tsv)."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.support.lore_reads import fields_of, search_head


async def test_a_persons_card_gives_their_death_and_successor(env: object, world: World) -> None:
    dukat = fields_of((await world.alice.slash(world.channel, "lore entry", topic="Gul Dukat")).response)
    assert dukat["Died"] == "2375" and dukat["Successor"] == "Damar"
    hiren = fields_of((await world.alice.slash(world.channel, "lore entry", topic="Hiren")).response)
    assert hiren["Successor"] == "Shinzon, who seized power in a coup"


@pytest.mark.parametrize(
    ("query", "said", "attributed"),
    [
        ("who killed kruge", "**Answer:** Kirk killed Kruge on the Genesis planet in 2285", "— *Kruge*"),
        ("who killed shinzon", "**Answer:** Picard killed Shinzon aboard the Scimitar", "— *Shinzon*"),
        ("who killed dukat", "**Answer:** Sisko killed Dukat in 2375", "— *Dukat*"),
        ("who killed kor", "**Answer:** Jem'Hadar warships killed Kor in 2375", "— *Kor*"),
        ("who succeeded gowron as chancellor", "**Answer:** Martok succeeded Gowron", "— *Gowron*"),
        ("who succeeded hiren", "**Answer:** Shinzon succeeded Hiren as Praetor", "— *Hiren*"),
        ("who betrayed spock", "**Answer:** Valeris betrayed Spock in 2293", "— *Spock*"),
        ("who was toral's father", "**Answer:** Toral's father was Duras", "— *Toral*"),
    ],
)
async def test_who_did_it_to_a_person_is_answered_by_name(
    env: object, world: World, query: str, said: str, attributed: str
) -> None:
    first = await search_head(world, query)
    assert first.split("\n")[0].startswith(said), first[:300]
    assert attributed in first, first[:400]
