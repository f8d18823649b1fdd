"""Issue #20: a treaty of the server's lore that tells its articles in prose ("It has three
articles. The first… The second…") answers "what does article 2 of … say" and "the second
article of …" with the sentence telling that article; an entry of another kind does not, and an
article it does not tell is no sentence of another."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.content.treaties import canon_treaties
from bot.domain.lore import Kind
from bot.services.lore import LoreService
from bot.storage.lore import Draft
from tests.support.lore_lines import server_line, started

PACT = Draft(
    title="Teral Compact",
    kind=Kind.TREATY,
    summary="The Teral Compact is the 2398 agreement between the Kessat colony and the Orion exiles.",
    body="It has two articles. The first opens Kessat's docks to exile freighters. The second bars the "
    "exiles from carrying arms inside the colony's space.",
)


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("prose-articles"), postgres_server)


@pytest.mark.parametrize(
    ("guild", "question"),
    [
        (61, "what does article 2 of the teral compact say"),
        (64, "whats article II of the teral compact"),
        (65, "what does the second article of the teral compact cover"),
    ],
)
def test_the_sentence_telling_the_article_answers(lore: LoreService, guild: int, question: str) -> None:
    said = server_line(lore, guild, [PACT], question)
    assert said == "The second bars the exiles from carrying arms inside the colony's space."


def test_the_second_article_is_not_the_second_khitomer_accords(lore: LoreService) -> None:
    """The canon treaties read too: "second" there is the article's ordinal, not the Second
    Khitomer Accords' (whose Article II bans weapons of mass destruction)."""
    question = "what does the second article of the teral compact cover"
    said = server_line(lore, 66, [PACT], question, canon_treaties())
    assert said == "The second bars the exiles from carrying arms inside the colony's space."


def test_the_first_is_not_the_second(lore: LoreService) -> None:
    said = server_line(lore, 62, [PACT], "what does article 1 of the teral compact say")
    assert said == "The first opens Kessat's docks to exile freighters."


def test_an_entry_of_another_kind_tells_no_article(lore: LoreService) -> None:
    story = Draft(
        title="Teral Chronicle",
        kind=Kind.EVENT,
        summary="The Teral Chronicle is the colony's record of the exiles' arrival.",
        body="The second tells of the first freighters to dock.",
    )
    said = server_line(lore, 63, [story], "what does article 2 of the teral chronicle say")
    assert said != "The second tells of the first freighters to dock."
