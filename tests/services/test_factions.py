"""The vocabularies built from data/ (powers.toml and faction lore): what /lore timeline,
/treaty map and /accord accept, and how moderators' factions are filed."""

from __future__ import annotations

import pytest

from bot.domain.errors import InvalidInput
from bot.services.accords import any_power_named, power_named, power_names
from bot.services.factions import faction_named, faction_names, filed_under, resolve_faction


@pytest.mark.parametrize(
    ("typed", "faction"),
    [
        ("klingon", "Klingon Empire"),
        ("Klingons", "Klingon Empire"),
        ("kling", "Klingon Empire"),
        ("romulan", "Romulan Star Empire"),
        ("romulans", "Romulan Star Empire"),
        ("Rom", "Romulan Star Empire"),
        ("Rihannsu", "Romulan Star Empire"),  # an alias of the faction's lore entry
        ("federation", "United Federation of Planets"),
        ("feds", "United Federation of Planets"),  # an alias of data/powers.toml
        ("vulcan", "Vulcan"),
        ("vulcans", "Vulcan"),
        ("cardassian", "Cardassian Union"),
        ("Cardassian Empire", "Cardassian Union"),
        ("the dominion", "Dominion"),
        ("ferengi", "Ferengi Alliance"),  # a power no canon entry is filed under yet
    ],
)
def test_factions_by_name_alias_demonym_or_start(typed: str, faction: str) -> None:
    assert faction_named(typed) == faction


def test_an_unknown_or_ambiguous_faction_is_refused_clearly() -> None:
    with pytest.raises(InvalidInput, match=r"^'b' could be Bajor or Breen Confederacy: say which\.$"):
        faction_named("b")
    with pytest.raises(InvalidInput) as refused:
        faction_named("Kzinti")
    assert str(refused.value).startswith("There is no faction called 'Kzinti'. The factions are: Bajor, ")
    assert "Klingon Empire" in str(refused.value)
    assert faction_named("kzinti", ["Kzinti Patriarchy"]) == "Kzinti Patriarchy"  # a server's own


def test_an_entry_filed_under_any_form_of_a_faction_is_under_it() -> None:
    assert {"klingon empire", "klingons", "klingon"} <= filed_under("Klingon Empire")
    assert filed_under("Kzinti Patriarchy") == {"kzinti patriarchy"}


def test_lenient_filing_uses_the_same_names() -> None:
    assert resolve_faction("cardassian") == "Cardassian Union"
    assert resolve_faction("Kling") == "Klingon Empire"
    assert resolve_faction("Tal Shiar") == "Tal Shiar"  # a part of a faction keeps its own name
    assert resolve_faction("b") == "b"  # never guessed silently


def test_the_timeline_autocomplete_offers_canonical_names() -> None:
    assert faction_names().suggest("klingons") == ["Klingon Empire"]
    assert faction_names().suggest("rom") == ["Romulan Star Empire"]


@pytest.mark.parametrize(
    ("typed", "power"),
    [
        ("klingon", "Klingon Empire"),
        ("ROMULANS", "Romulan Star Empire"),
        ("feds", "United Federation of Planets"),
        ("cardassian", "Cardassian Union"),
        ("tholian", "Tholian Assembly"),
        ("gorns", "Gorn Hegemony"),
        ("Kling", "Klingon Empire"),
    ],
)
def test_powers_by_name_alias_demonym_or_start(typed: str, power: str) -> None:
    assert any_power_named(typed) == power


def test_a_seat_is_named_the_same_ways() -> None:
    seats = ["United Federation of Planets", "Klingon Empire", "Romulan Star Empire"]
    assert power_named("romulan", seats) == "Romulan Star Empire"
    assert power_names().among(seats).suggest("fed") == ["United Federation of Planets"]
    with pytest.raises(InvalidInput) as refused:
        any_power_named("s")  # Starfleet, Star Empire, Sheliak
    assert str(refused.value) == (
        "'s' could be United Federation of Planets, Romulan Star Empire or Sheliak Corporate: say which."
    )
