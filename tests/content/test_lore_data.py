"""Every lore file loads and links up, the seeds' names are all covered, in our own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import ContentError
from bot.content.lore import canon_lore, load_lore_from
from bot.content.treaties import canon_treaties
from bot.domain.lore import Kind
from bot.domain.references import normalise

# Every person, place, ship, battle, treaty, event and source the three seed documents name.
SEED_NAMES = [
    "Klingon–Romulan Alliance",
    "Romulan Star Empire",
    "Klingon Empire",
    "United Federation of Planets",
    "T'liss-class Bird-of-Prey",
    "Tal Praenax",
    "USS Enterprise (NCC-1701)",
    "Balance of Terror",
    "Colius",
    "Romulan Senate",
    "Treaty of Organia",
    "Errand of Mercy",
    "Nimbus III",
    "Nimbus III ambassadorial station",
    "Kor",
    "Hectavious",
    "Cloaking device",
    "D7-class battle cruiser",
    "Battle of Klach D'kel Brakt",
    "Tsi's'du",
    "Son'a",
    "Klingon augmentation virus",
    "Klingon High Council",
    "Khitomer Accords",
    "USS Wolff Wiki (source)",
    "Khitomer",
    "Khitomer Conference",
    "Praxis",
    "Explosion of Praxis",
    "Qo'noS",
    "Gorkon",
    "Spock",
    "Earth",
    "Camp Khitomer",
    "Khitomer conspiracy",
    "Curzon Dax",
    "Pardek",
    "Archanis Sector",
    "Klingon Neutral Zone",
    "Battle of Narendra III",
    "Narendra III",
    "USS Enterprise-C",
    "Gowron",
    "Federation Council",
    "Cardassia Prime",
    "Klingon invasion of Cardassia",
    "Dominion",
    "Cardassian Union",
    "Klingon withdrawal from the Khitomer Accords",
    "Reinstatement of the Khitomer Accords",
    "Second Khitomer Accords",
    "Second Khitomer Conference",
    "Tri-cobalt device",
    "Subspace weapons",
    "Evacuation protocol",
    "Conference system",
    "Second Federation–Klingon War",
    "Klingon–Cardassian War",
    "Dominion War",
    "The Price of Freedom (source)",
    "Khitomer Centennial",
    "Invicta Expedition",
    "USS Venture",
    "Assassination of Gorkon",
]


def test_every_entry_loads_with_what_it_needs() -> None:
    entries = canon_lore()
    assert len(entries) >= 40
    for entry in entries:
        assert entry.summary and entry.body and entry.sources, entry.key
        assert entry.kind in Kind


def test_every_name_from_the_seeds_has_an_entry() -> None:
    names = {normalise(n) for e in canon_lore() for n in (e.title, *e.aliases)}
    missing = [name for name in SEED_NAMES if normalise(name) not in names]
    assert not missing


def test_links_between_entries_are_plentiful_and_real() -> None:
    entries = canon_lore()
    keys = {e.key for e in entries}
    assert all(set(e.related) <= keys for e in entries)
    assert sum(len(e.related) for e in entries) >= 150


def test_each_treaty_links_to_its_lore_entry() -> None:
    keys = {e.key for e in canon_lore()}
    for treaty in canon_treaties():
        assert treaty.lore in keys, treaty.key


def test_the_disputed_date_is_flagged_and_both_sources_cited() -> None:
    entry = next(e for e in canon_lore() if e.key == "second-khitomer-accords")
    assert "disputed" in entry.summary.casefold() and "2372" in entry.body
    assert {s.tier.value for s in entry.sources} == {"licensed", "fan"}


ENTRY = """+++
title = "{title}"
kind = "{kind}"
aliases = [{aliases}]
related = [{related}]
summary = "A summary."
{sources}
+++

A body.
"""
SOURCE = '[[sources]]\ntitle = "A source"\ntier = "canon"'


def write(directory: Path, key: str, **values: str) -> None:
    fields = {
        "title": key.title(),
        "kind": "person",
        "aliases": "",
        "related": "",
        "sources": SOURCE,
        **values,
    }
    (directory / f"{key}.md").write_text(ENTRY.format(**fields))


def test_a_good_pair_loads(tmp_path: Path) -> None:
    write(tmp_path, "alpha", related='"beta"')
    write(tmp_path, "beta")
    assert [e.key for e in load_lore_from(tmp_path)] == ["alpha", "beta"]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"related": '"nowhere"'}, r"alpha\.md: related entry 'nowhere' does not exist"),
        ({"sources": ""}, r"alpha\.md: missing field 'sources'"),
        ({"title": ""}, r"alpha\.md: missing field 'title'"),
        ({"kind": "vibe"}, r"alpha\.md: kind 'vibe'"),
        ({"aliases": '"Beta"'}, r"the name 'beta' is already used by (alpha|beta)\.md"),
    ],
)
def test_a_bad_file_is_named(tmp_path: Path, values: dict[str, str], message: str) -> None:
    write(tmp_path, "alpha", **values)
    write(tmp_path, "beta")
    with pytest.raises(ContentError, match=message):
        load_lore_from(tmp_path)
