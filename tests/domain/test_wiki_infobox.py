"""A wiki infobox's usual fields as an entry's facts (born, signed, place, signatories…)."""

from __future__ import annotations

import pytest

from bot.domain.lore import Kind
from bot.domain.lore_facts import parse_facts
from bot.domain.wiki_import import LIST_MARK
from bot.domain.wiki_infobox import for_kind, infobox_facts


def test_a_characters_infobox_gives_born_died_commander_and_successor() -> None:
    facts = infobox_facts(
        [
            ("name", "Korvath"),
            ("born", "2340 (stardate 17403.2), [[Qo'noS]]"),
            ("date of death", "c. 2381"),
            ("affiliation", "Klingon Empire"),  # factions, not a fact
            ("successor", "''Korvan''"),
            ("captain", "Kor"),
        ]
    )
    assert facts.as_dict() == {"born": 2340, "died": 2381, "commander": "Kor", "successor": "Korvan"}


def test_a_treatys_infobox_gives_signed_place_and_signatories() -> None:
    facts = infobox_facts(
        [
            ("date signed", "2293"),
            ("location", "Camp Khitomer, Khitomer"),
            ("signatories", f"{LIST_MARK}* '''Klingon Empire'''\n{LIST_MARK}* United Federation of Planets"),
            ("cause", "the explosion of Praxis"),
        ]
    )
    assert facts.get("signed") == 2293 and facts.get("cause") == "the explosion of Praxis"
    assert facts.get("signatories") == ("Klingon Empire", "United Federation of Planets")
    assert facts.get("location") == "Camp Khitomer, Khitomer"
    assert for_kind(facts, Kind.TREATY).get("place") == "Camp Khitomer, Khitomer"
    assert for_kind(facts, Kind.TREATY).get("location") is None


@pytest.mark.parametrize(
    ("pairs", "wanted"),
    [
        ([("parties", "Klingons; Romulans")], {"signatories": ["Klingons", "Romulans"]}),
        ([("signers", "Gorkon, Kirk")], {"signatories": ["Gorkon", "Kirk"]}),
        ([("birth", "2340")], {"born": 2340}),
        ([("death", "2372")], {"died": 2372}),
        ([("signing date", "stardate 9522.6, 2293")], {"signed": 2293}),
        ([("commander1", "Martok"), ("commander2", "Gowron")], {"commander": "Martok, Gowron"}),
        ([("commanding officer", "Sisko")], {"commander": "Sisko"}),
        ([("place", "Starbase 12")], {"place": "Starbase 12"}),
        ([("location", "[Starbase 12](https://example.org/sb12)")], {"location": "Starbase 12"}),
        ([("builder", "Utopia Planitia")], {"by": "Utopia Planitia"}),
    ],
)
def test_usual_field_names_map_to_facts(pairs: list[tuple[str, str]], wanted: dict[str, object]) -> None:
    assert infobox_facts(pairs).as_dict() == wanted


def test_what_makes_no_fact_is_left_out_not_refused() -> None:
    facts = infobox_facts(
        [("born", "unknown"), ("died", ""), ("cause", "x" * 300), ("leader", "Gowron"), ("motto", "Qapla'")]
    )
    assert not facts


def test_place_or_location_follows_the_kind() -> None:
    placed = parse_facts({"place": "Starbase 12"})
    assert for_kind(placed, Kind.SHIP).as_dict() == {"location": "Starbase 12"}
    assert for_kind(placed, Kind.BATTLE) == placed
    both = parse_facts({"place": "A", "location": "B"})
    assert for_kind(both, Kind.EVENT) == both and for_kind(both, Kind.PLACE) == both
