"""/lore import keeps the event loop free (issue #22): a 400 KB wiki table held it 258-1,034 ms
and was refused only after 3 s of parsing, because mwparserfromhell's C tokenizer holds the GIL
even in a worker thread. Now the guard counts a table's rows and cells and refuses such a page
before parsing, and what it lets through is parsed in a worker process."""

from __future__ import annotations

from tests.cogs.test_lore_import import last
from tests.conftest import World
from tests.support.watchdog import LIMIT_MS, loop_watch


def ships(rows: int) -> bytes:
    lines = "".join(f"|-\n| USS Ship {n} || Captain {n} || {2300 + n}\n" for n in range(rows))
    table = '{| class="wikitable"\n! Ship !! Captain !! Commissioned\n' + lines + "|}\n"
    return ("'''Starships''' of the line, by [[Starfleet]].\n\n== Ships ==\n" + table).encode()


async def test_a_400_kb_table_is_refused_at_once_and_the_loop_stays_free(env, world: World) -> None:
    data = ships(10_000)
    assert len(data) > 400_000
    async with loop_watch() as watch:
        said = last(
            await world.moderator.slash(world.channel, "lore import", file=("ships.wiki", data), kind="event")
        )
    assert watch.longest_ms < LIMIT_MS, str(watch)
    assert said.ephemeral and said.content == (
        "That page's tables have 40,004 rows, cells and attributes: more than the 4,000 pieces of"
        " markup one entry can hold. Import it without its largest tables, or split it."
    )
    assert (await env.bot.db.fetch_one("SELECT count(*) FROM lore_entries"))[0] == 0
    assert len(env.errors) == 1  # the refusal, answered privately


async def test_a_table_within_the_limit_is_parsed_in_a_worker_process(env, world: World) -> None:
    """990 rows: about 4,000 pieces, which the tokenizer parses holding the GIL 60-110 ms at a
    stretch: from a thread, that is a stall of the loop."""
    async with loop_watch() as watch:
        said = last(
            await world.moderator.slash(
                world.channel, "lore import", file=("ships.wiki", ships(990)), kind="event"
            )
        )
    assert watch.longest_ms < LIMIT_MS, str(watch)
    assert said.content.startswith("Imported **Starships** with 1 headed sections.")
    shown = await world.alice.slash(world.channel, "lore entry", topic="Starships")
    assert shown.response.embeds[0].description == "Starships of the line, by Starfleet."
