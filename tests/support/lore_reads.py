"""What a member reads of a lore reply in SimCord tests: a card's fields, and the top of a
/lore search reply (the answer line and where it comes from, before the results)."""

from __future__ import annotations

from typing import Any

from tests.conftest import World


def fields_of(message: Any) -> dict[str, str]:
    """The fields of a message's first embed (a lore card), by name."""
    return {f.name: f.value for f in message.embeds[0].fields}


async def search_head(world: World, query: str) -> str:
    """The first page's text of `/lore search query` as Alice reads it."""
    result = await world.alice.slash(world.channel, "lore search", query=query)
    assert result.response is not None
    return result.response.embeds[0].description or ""
