"""Issue #20: where someone is from is where they were born, whatever rank the question gives
them, and of a server's own people too. "where is captain picard from" and "where is general
chang from" were answered with who they were; the seventh set's "where is captain okonkwo-hale
from" (a server's captain) with the station she commanded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain.lore import Kind
from bot.services.lore import LoreService
from bot.storage.lore import Draft
from tests.support.lore_lines import GUILD, assert_never_says, assert_says, server_line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("origins"), postgres_server)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("where is captain picard from", "La Barre"),
        ("where does captain sisko come from", "New Orleans"),
        ("where is picard from", "La Barre"),
    ],
)
def test_a_rank_does_not_hide_whose_birthplace_is_asked(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


def test_who_someone_is_says_nothing_of_where_they_are_from(lore: LoreService) -> None:
    assert_never_says(lore, "where is general chang from", "Chang was a Klingon general")


def test_a_servers_own_person_is_from_where_they_were_born(lore: LoreService) -> None:
    drafts = [
        Draft(
            "Nadia Vekhrov", Kind.PERSON, "A Starfleet captain who first commanded Outpost Tarsk.",
            "Born on Titan, she served twenty years in the survey fleet before her first command.",
        ),
        Draft(
            "Outpost Tarsk", Kind.PLACE, "A listening post on the Romulan border.",
            "Its first commanding officer was Captain Nadia Vekhrov of Starfleet, until 2401.",
        ),
    ]  # fmt: skip
    said = server_line(lore, GUILD + 5, drafts, "where is captain vekhrov from")
    assert said is not None and "Born on Titan" in said, said


@pytest.mark.parametrize(
    ("question", "said"),
    [("where is nelvana 3", "Romulan Neutral Zone"), ("what is nimbus 3", "Nimbus III is the planet")],
)
def test_a_name_numbered_in_roman_is_found_by_its_number(lore: LoreService, question: str, said: str) -> None:
    """ "nelvana 3" named Nelvana by its alias and asked where "3" was."""
    assert_says(lore, question, said)


def test_a_part_of_a_place_answers_where(lore: LoreService) -> None:
    """ "on the upper ring" names no name, but says where (the evaluation's "where do klingon
    ships dock on the gate" had no line; a server's own station here)."""
    relay = Draft(
        "Tarsk Relay", Kind.PLACE, "A relay station on the Romulan border.",
        "The Romulan crews berth on the lower deck, and the Klingon shuttles dock on the outer ring.",
    )  # fmt: skip
    said = server_line(lore, GUILD + 6, [relay], "where do the klingon shuttles dock on tarsk relay")
    assert said is not None and "outer ring" in said, said
