"""/lore import of a long page keeps the event loop free (issue #21, point 2): the page's search
terms are found in the worker process that reads it, not on the loop (a 40 KB page's analysis
held the loop 67-165 ms inside the write), its thousand index rows are written on the database's
own thread, not the loop's connection (15-60 ms at 100,000 entries), and the entry is found by its
words as any other."""

from __future__ import annotations

import pytest

from bot.services import lore as lore_service
from tests.cogs.test_lore_import import last
from tests.conftest import World, read_all_pages
from tests.support.watchdog import LIMIT_MS, loop_watch


def chronicle() -> bytes:
    """About 45 KB of wikitext prose: the envoys' chronicle, with a rare word near its end."""
    lines = ["'''Chronicle of the Border''' tells of the envoys and their accords.\n"]
    for n in range(620):
        lines.append(f"In {2200 + n % 150} the envoy of sector {n} signed the ''accord'' of the border. ")
        if n % 30 == 29:
            lines.append(f"\n== Part {n // 30} ==\n")
    lines.append("\n== Ending ==\nThe last envoy carried the Zorvakine seal home.\n")
    return "".join(lines).encode()


async def test_a_long_page_is_analysed_off_the_loop_and_found_by_its_words(
    env, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    here: list[str] = []  # entries analysed in the bot's own process
    real = lore_service.analysed

    def counted(entry):  # type: ignore[no-untyped-def]
        here.append(entry.title)
        return real(entry)

    monkeypatch.setattr(lore_service, "analysed", counted)
    on_loop: list[str] = []  # writes run on the loop's own connection
    write_now = env.bot.db.write_now

    async def written_now(work, **kwargs):  # type: ignore[no-untyped-def]
        on_loop.append(work.__qualname__)
        return await write_now(work, **kwargs)

    monkeypatch.setattr(env.bot.db, "write_now", written_now)
    data = chronicle()
    assert len(data) > 40_000
    async with loop_watch() as watch:
        said = last(
            await world.moderator.slash(
                world.channel, "lore import", file=("chronicle.wiki", data), kind="event"
            )
        )
    assert said.ephemeral and said.content.startswith("Imported **Chronicle of the Border** with 21 headed")
    assert "Chronicle of the Border" not in here  # its terms were found in the worker process
    assert "add.<locals>.work" not in on_loop  # the entry's rows: on the database's thread
    assert watch.longest_ms < LIMIT_MS, str(watch)
    found = await world.alice.slash(world.channel, "lore search", query="Zorvakine seal")
    assert "Chronicle of the Border" in "\n".join(await read_all_pages(world.alice, found.response))
