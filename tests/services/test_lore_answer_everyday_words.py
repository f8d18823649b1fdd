"""Issue #20: a player's everyday words for what the lore says in its own: "clear out" is
withdrawing, a "showdown" a fight, to "cook up" to devise. From the tune halves, where each had
no line; the questions here are our own wordings of them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.content.treaties import canon_treaties
from bot.domain.references import resolve_treaty
from bot.services.lore import LoreService
from tests.support.lore_lines import line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("everyday"), postgres_server)


@pytest.mark.parametrize(
    ("question", "said", "source"),
    [
        (
            "why did the cardassians clear out of bajor",
            "had grown too costly",
            "cardassian-occupation-of-bajor",
        ),
        ("where did sisko and dukat have their last showdown", "the Fire Caves of Bajor", "benjamin-sisko"),
    ],
)
def test_everyday_words_read_as_the_lore_says_them(
    lore: LoreService, question: str, said: str, source: str
) -> None:
    found, key = line(lore, question)
    assert found is not None and said in found, found
    assert key == source


def test_the_klingon_romulan_alliance_is_also_a_pact(lore: LoreService) -> None:
    """Players call the alliance a pact (the word its own summary uses): its lore entry and its
    treaty both answer to "Klingon-Romulan pact"."""
    found, key = line(lore, "who negotiated the klingon romulan pact")
    assert found is not None and "Hectavious" in found, found
    assert key == "klingon-romulan-alliance"
    assert resolve_treaty("klingon romulan pact", canon_treaties()).name == "Klingon–Romulan Alliance"
