"""Issue #20: a player's names and words for what the lore says in its own: the Klingon–Romulan
Alliance is also a pact (its own summary's word), to "cook up" is to devise. And what a reviewer's
probes showed wrong in first forms, taken out again: "showdown" read as any fight ("who did worf
have a showdown with" had "Worf then fought at Gowron's side…"), "clear out" as any withdrawal
("when did the klingons clear out of cardassia" had the Empire leaving the Accords), and "murder
of Gorkon" as the event's name, which put its summary before the lines that answer."""

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


def test_the_klingon_romulan_alliance_is_also_a_pact(lore: LoreService) -> None:
    found, key = line(lore, "who negotiated the klingon romulan pact")
    assert found is not None and "Hectavious" in found, found
    assert key == "klingon-romulan-alliance"
    assert resolve_treaty("klingon romulan pact", canon_treaties()).name == "Klingon–Romulan Alliance"


@pytest.mark.parametrize(
    "question", ["who did worf have a showdown with", "when did the klingons clear out of cardassia"]
)
def test_words_read_too_broadly_give_no_line(lore: LoreService, question: str) -> None:
    assert line(lore, question) == (None, None)


def test_the_murder_of_gorkon_is_answered_by_who_did_it(lore: LoreService) -> None:
    found, _ = line(lore, "murder of gorkon who did it")
    assert found is not None and "General Chang" in found, found
