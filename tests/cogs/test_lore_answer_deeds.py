"""Issue #20, points 2 and 5, as a member reads it in /lore search: a who-did answered through
the family of its verb ("brokered": negotiated), and a why answered by the cause, not by what
came soon after."""

from __future__ import annotations

import pytest

from tests.conftest import World


def head(result) -> str:  # type: ignore[no-untyped-def]
    """The first page's text: the answer line and notes come before the results."""
    return result.response.embeds[0].description or ""


@pytest.mark.parametrize(
    ("query", "said", "holds"),
    [
        # who did it, by the meaning of the verb: "brokered" is read as "negotiated"
        (
            "who brokered the alliance between the klingons and romulans",
            "**Answer:** Hectavious",
            "negotiated",
        ),
        # why: "soon after he had dined" tells when; the cause is what the murderers wanted
        ("why was gorkon killed", "**Answer:** The conspirators murdered Gorkon because", "wanted"),
    ],
)
async def test_the_answer_line_reads_the_deed_and_its_cause(
    env: object, world: World, query: str, said: str, holds: str
) -> None:
    first = head(await world.alice.slash(world.channel, "lore search", query=query))
    line = first.split("\n")[0]
    assert line.startswith(said), first[:300]
    assert holds in line and "soon after" not in line, first[:300]
