"""A year typed short, as fans type it ("the Borg fight in 73", "back in '67"): read as the year of
the lore's centuries that the lore tells most of (2373, not 2273, when the canon holds more of
2373). Pure: the standard library."""

from __future__ import annotations

import re
from collections.abc import Mapping

# Two figures after a word of time, or after an apostrophe: "in 73", "back in '67", "by '75"
_SHORT = re.compile(
    r"(?:\b(?:in|of|by|since|until|till|before|after|around|from)\s+'?|(?<![\w'’])['’])(\d{2})\b"
)
CENTURIES = (21, 22, 23, 24)  # the lore's story runs from the 2150s to the 2400s
# The films of the original crew by number ("during st6", "star trek vi"): the year each is set in
FILMS = {1: 2273, 2: 2285, 3: 2285, 4: 2286, 5: 2287, 6: 2293}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_FILM = re.compile(  # said of a time ("during st6"), not asked of ("what year is st6", "after st6")
    r"\s+(?:during|in|at the time of)\s+(?:st|star trek)\s?([1-6]|i{1,3}|iv|vi?)\b", re.I
)


def full_years(question: str, told: Mapping[int, int]) -> str:
    """`question` with each short year written whole: the century whose year `told` (how many
    times the lore names each year) holds most; a short year the lore names in no century stays.
    A film of the original crew by its number, said of a time, is the year it is set in ("during
    st6": in 2293)."""

    def whole(found: re.Match[str]) -> str:
        short = int(found.group(1))
        counts = {century * 100 + short: told.get(century * 100 + short, 0) for century in CENTURIES}
        year = max(counts, key=lambda one: counts[one])
        if not counts[year]:
            return found.group(0)
        opening = found.group(0)[: found.start(1) - found.start(0)].rstrip("'’")
        return f"{opening}{year}"

    return _FILM.sub(_film_year, _SHORT.sub(whole, question))


def _film_year(found: re.Match[str]) -> str:
    number = found.group(1).casefold()
    return f" in {FILMS[int(number) if number.isdigit() else _ROMAN[number]]}"
