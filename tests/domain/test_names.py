"""The one resolver of power and faction names (domain.accords.names.Names): every form a player
types, ambiguity, unknown names, autocomplete."""

from __future__ import annotations

import pytest

from bot.domain.accords.names import Names, number_forms, resolve_powers
from bot.domain.errors import InvalidInput

SMALL = Names.of(
    {
        "Klingon Empire": ["Klingons", "Qo'noS"],
        "Romulan Star Empire": ["Romulans", "Star Empire"],
        "Vulcan": [],
        "Bajor": [],
        "Breen Confederacy": ["Breen"],
    },
    noun="faction",
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Klingon Empire", "Klingon Empire"),  # the name itself
        ("  KLINGON   empire ", "Klingon Empire"),  # any case and spacing
        ("the Klingon Empire", "Klingon Empire"),  # a leading "the"
        ("qonos", "Klingon Empire"),  # an alias, punctuation aside
        ("Qo’noS", "Klingon Empire"),
        ("klingons", "Klingon Empire"),  # a demonym, plural
        ("klingon", "Klingon Empire"),  # its singular, derived
        ("romulan", "Romulan Star Empire"),
        ("vulcans", "Vulcan"),  # a plural derived from the name
        ("Vülcan", "Vulcan"),  # accents
        ("kling", "Klingon Empire"),  # a unique start
        ("rom", "Romulan Star Empire"),
        ("star", "Romulan Star Empire"),  # the start of an alias
    ],
)
def test_every_form_a_player_types_resolves(typed: str, meant: str) -> None:
    assert SMALL.resolve(typed) == meant


def test_an_exact_name_wins_over_a_start_of_another() -> None:
    names = Names.of({"Breen": [], "Breen Confederacy": []})
    assert names.resolve("breen") == "Breen"
    assert names.resolve("breen c") == "Breen Confederacy"


def test_an_ambiguous_start_names_the_candidates() -> None:
    with pytest.raises(InvalidInput) as refused:
        SMALL.resolve("b")
    assert str(refused.value) == "'b' could be Bajor or Breen Confederacy: say which."


def test_an_unknown_name_lists_valid_names_and_a_close_guess() -> None:
    with pytest.raises(InvalidInput) as refused:
        SMALL.resolve("Klingin")
    assert str(refused.value) == (
        "There is no faction called 'Klingin'. The factions are: Klingon Empire, Romulan Star Empire, "
        "Vulcan, Bajor, Breen Confederacy. Did you mean Klingon Empire?"
    )
    with pytest.raises(InvalidInput, match=r"^Name a faction: Klingon Empire, "):
        SMALL.resolve(" the ")


def test_a_long_list_of_names_is_cut_and_counted() -> None:
    many = Names.of({f"Faction {n:02}": [] for n in range(30)}, noun="faction")
    with pytest.raises(InvalidInput) as refused:
        many.resolve("Kzinti")
    assert str(refused.value).endswith("Faction 11, Faction 12 and 17 more.")


def test_seats_restrict_the_names_and_say_so() -> None:
    seats = SMALL.among(["Romulan Star Empire", "Vulcan"])
    assert seats.resolve("romulans", seats=True) == "Romulan Star Empire"
    with pytest.raises(InvalidInput) as refused:
        seats.resolve("klingons", seats=True)
    assert str(refused.value) == (
        "No faction 'klingons' sits at this conference. The seats are: Romulan Star Empire, Vulcan."
    )
    assert resolve_powers("vulcans and rom; Vulcan", seats) == ["Vulcan", "Romulan Star Empire"]


def test_added_names_join_unless_they_already_name_one() -> None:
    more = SMALL.adding(["Kzinti Patriarchy", "Klingons", "kzinti patriarchy"])
    assert more.order[-1] == "Kzinti Patriarchy" and "Klingons" not in more.order
    assert more.resolve("kzinti") == "Kzinti Patriarchy"


def test_autocomplete_matches_the_same_forgiving_way() -> None:
    assert SMALL.suggest("") == list(SMALL.order)
    assert SMALL.suggest("klingons") == ["Klingon Empire"]
    assert SMALL.suggest("empire") == ["Klingon Empire", "Romulan Star Empire"]  # part of the name
    assert SMALL.suggest_list("klingons, ro") == ["Klingon Empire, Romulan Star Empire"]
    assert SMALL.suggest_list("Vulcan,") == [
        "Vulcan, Klingon Empire",
        "Vulcan, Romulan Star Empire",
        "Vulcan, Bajor",
        "Vulcan, Breen Confederacy",
    ]


def test_number_forms() -> None:
    assert number_forms("klingons") == ("klingons", "klingon")
    assert number_forms("gorn") == ("gorn", "gorns")
    assert number_forms("star empire") == ("star empire",)
    assert number_forms("") == ()
