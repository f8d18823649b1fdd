"""/lore in a server holding many entries of its own, through SimCord: names are found through the
server's name index (issue #21), so a misspelt name, a prefix and a question still land on the
right entry among hundreds that look alike, and another server sees none of them."""

from __future__ import annotations

import random

from bot.domain.lore import Kind
from bot.storage import lore as store
from tests.conftest import World

SYLLABLES = "ka ri to mek vor da lan sha qo nos tel ar zen bra kla dor hu ven sto rel ix".split()  # noqa: SIM905


async def fill(env, world: World, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    """`count` outposts with made-up names, the same every run; their titles."""
    service = env.bot.get_cog("Lore").service
    rng = random.Random(11)
    titles: dict[str, None] = {}
    while len(titles) < count:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()
        if service.canon_names.exact(name) is None:
            titles[f"Outpost {name}"] = None
    for title in titles:
        summary = f"{title} was a listening post of the Romulan Star Empire."
        await service.add(
            world.guild.id, world.moderator.user.id, store.Draft(title, Kind.PLACE, summary, "Quiet.")
        )
    return list(titles)


async def test_a_misspelt_name_finds_its_entry_among_hundreds(env, world: World) -> None:
    titles = await fill(env, world, 400)
    wanted = titles[123]
    typo = wanted[:-3] + wanted[-2:]  # a letter dropped near the end
    result = await world.alice.slash(world.channel, "lore entry", topic=typo)
    assert not result.ephemeral and result.response.embeds[0].title == f"{wanted} (server lore)"
    offered = await world.alice.autocomplete(world.channel, "lore entry", "topic", typo)
    assert offered and offered[0]["name"] == wanted
    prefix = await world.alice.autocomplete(world.channel, "lore entry", "topic", wanted[:12])
    assert wanted in [c["name"] for c in prefix] and len(prefix) <= 25
    found = await world.alice.slash(world.channel, "lore search", query=f"where was {wanted}")
    assert wanted in found.response.embeds[0].description  # its answer line names it
    elsewhere = await world.stranger.autocomplete(world.other_channel, "lore entry", "topic", wanted[:12])
    assert wanted not in [c["name"] for c in elsewhere]  # another server's member sees none of it
