"""A year typed short ("the Borg fight in 73") is read as the lore's year of that name: the
century the canon tells most of (issue #20, point 2: when and why questions give years as fans
type them). Counts here stand in for the canon's."""

from __future__ import annotations

import pytest

from bot.domain.lore_years import full_years

TOLD = {2373: 30, 2273: 2, 2267: 20, 2367: 25}


@pytest.mark.parametrize(
    ("question", "read"),
    [
        (
            "why was the enterprise kept off the borg fight in 73",
            "why was the enterprise kept off the borg fight in 2373",
        ),
        ("back in '67 who was chancellor", "back in 2367 who was chancellor"),
        ("what happened in 2373", "what happened in 2373"),  # a whole year stays
        # two figures that are no year: an age, an article, a year the lore never names
        ("he was 73 years old", "he was 73 years old"),
        ("article 73", "article 73"),
        ("what happened in 99", "what happened in 99"),
    ],
)
def test_a_short_year_is_the_lores_year_of_that_name(question: str, read: str) -> None:
    assert full_years(question, TOLD) == read


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("who captained the excelsior during st6", "who captained the excelsior in 2293"),
        ("what happened in star trek vi", "what happened in 2293"),
        ("klingons in st 2?", "klingons in 2285?"),
        ("who died in star trek 7", "who died in star trek 7"),  # not a film of the original crew
        ("first of the street", "first of the street"),
        # the film asked of, or a time before or after it: as typed
        ("what year is st6", "what year is st6"),
        ("after st6 who led the klingons", "after st6 who led the klingons"),
        ("what happened before star trek vi", "what happened before star trek vi"),
    ],
)
def test_a_film_of_the_original_crew_by_number_is_its_year(question: str, read: str) -> None:
    assert full_years(question, TOLD) == read
