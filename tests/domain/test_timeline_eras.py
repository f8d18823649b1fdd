"""A timeline cut into eras: at the widest gaps in the years, only as often as a picture needs
to stay readable at Discord's preview size, each era named by its years."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.content.lore import canon_lore
from bot.domain.pictures.timeline_eras import Era, eras
from bot.domain.pictures.timeline_layout import MAX_HEIGHT, Dated, layout_timeline
from tests.domain.test_timeline_layout import assert_readable, dated_sets, measure


def canon_dated() -> list[Dated]:
    out = []
    for entry in canon_lore():
        start = entry.years.start if entry.years.start is not None else entry.years.end
        if start is None or entry.kind.value == "source":
            continue
        end = entry.years.end if entry.years.end is not None else start
        out.append(Dated(entry.title, start, max(start, end), entry.factions[0] if entry.factions else ""))
    return out


def height(era: Era) -> int:
    return layout_timeline(era.entries, {}, "Timeline", measure, era.years).height


def test_the_canon_timeline_falls_into_eras_at_its_gaps() -> None:
    found = eras(canon_dated(), measure)
    names = [era.name for era in found]
    assert names[0] == "2151–2161"  # Enterprise's years: 84 years pass before the next entry
    assert names[1].startswith("2245")
    assert all("/" not in name for name in names)
    assert all(height(era) <= MAX_HEIGHT for era in found)
    assert 8 <= len(found) <= 18, names  # cut by what fits, not thirty to a picture (six)
    assert sum(len(era.entries) for era in found) == len(canon_dated())


def test_an_era_that_fits_is_one_picture_and_a_span_ends_it_when_it_ends_before_the_next() -> None:
    entries = [
        Dated("Klaang", 2151, 2151, ""),
        Dated("Archer", 2151, 2161, ""),
        Dated("Praxis", 2293, 2293, ""),
    ]
    found = eras(entries, measure)
    assert [(era.name, era.years) for era in found] == [("2151–2293", (2151, 2293))]
    crowded = [
        *entries,
        *(Dated(f"Event of the crowded year, number {i}", 2293, 2293, "") for i in range(30)),
    ]
    first, *rest = eras(crowded, measure)
    assert first.name == "2151–2161" and first.years == (2151, 2161)  # Archer's last year
    assert [era.name for era in rest] == ["2293"] + ["2293, continued"] * (len(rest) - 1)
    assert len(rest) >= 2 and all(era.years == (2293, 2293) for era in rest)


def test_a_window_cuts_the_years_of_the_eras() -> None:
    entries = [Dated("Rura Penthe", 2152, 2293, ""), Dated("Praxis", 2293, 2293, "")]
    (era,) = eras(entries, measure, (2266, 2300))
    assert era.years == (2266, 2293) and era.name == "2266–2293"


@settings(max_examples=80, deadline=None)
@given(dated_sets(), st.booleans())
def test_eras_share_out_every_entry_in_order_each_readable(entries: list[Dated], crowd: bool) -> None:
    if crowd:
        entries = entries + [Dated(f"Crowd {i}", entries[0].start, entries[0].start, "") for i in range(25)]
    found = eras(entries, measure)
    assert sorted(map(repr, (d for era in found for d in era.entries))) == sorted(map(repr, entries))
    for a, b in itertools.pairwise(found):
        assert a.years[1] <= b.years[0] and a.years[0] <= a.years[1]
        assert a.years[1] < b.years[0] or a.years[0] == a.years[1] == b.years[0]  # one year, continued
    for era in found:
        layout = layout_timeline(era.entries, {}, "Timeline", measure, era.years)
        assert_readable(layout)
        assert layout.height <= MAX_HEIGHT or len(era.entries) == 1
        assert all(era.years[0] <= max(d.start, era.years[0]) <= era.years[1] for d in era.entries)
