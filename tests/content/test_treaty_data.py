"""Every treaty file loads, holds the facts of the sources, and is in our own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import ContentError
from bot.content.lore import canon_lore
from bot.content.treaties import canon_treaties, load_treaties_from
from bot.domain.references import normalise
from bot.domain.treaties import SourceTier, Treaty


def by_key() -> dict[str, Treaty]:
    return {t.key: t for t in canon_treaties()}


def all_text(treaty: Treaty) -> str:
    parts = [treaty.name, treaty.summary, treaty.date_text, treaty.place, *treaty.notes]
    parts += [a.title + " " + a.text for a in treaty.articles]
    parts += [e.text for e in treaty.history] + [p.name + " " + " ".join(p.signed_by) for p in treaty.parties]
    return " ".join(parts)


def test_the_canon_treaties_load() -> None:
    expected = {"khitomer", "khitomer_ii", "kra", "organia", "algeron", "armens", "federation-cardassian"}
    assert set(by_key()) == expected
    for treaty in canon_treaties():
        assert treaty.sources, treaty.key
        assert treaty.guild_id is None


def test_first_khitomer_accords() -> None:
    t = by_key()["khitomer"]
    assert t.numbers == (1, 2, 3, 4, 5, 6)
    assert t.year == 2293 and "Khitomer" in t.place
    kinds = {(e.year, e.kind) for e in t.history}
    assert {(2372, "withdrawn"), (2373, "reinstated"), (2393, "anniversary")} <= kinds
    assert {p.name for p in t.parties} == {"United Federation of Planets", "Klingon Empire"}
    assert any(s.tier is SourceTier.CANON for s in t.sources) and any(
        s.tier is SourceTier.FAN for s in t.sources
    )


def test_second_khitomer_accords() -> None:
    t = by_key()["khitomer_ii"]
    assert t.year == 2368
    text = all_text(t).casefold()
    for fact in ("subspace", "tri-cobalt", "mass destruction", "prisoners of war", "civilians", "complaint"):
        assert fact in text, fact
    for war in ("Second Federation–Klingon War", "Klingon–Cardassian War", "Dominion War"):
        assert war in all_text(t)
    assert any("Disputed" in note for note in t.notes), "the 2368 date versus the 2372 withdrawal is flagged"
    assert any(s.tier is SourceTier.LICENSED and "1999" in s.detail for s in t.sources)


def test_klingon_romulan_alliance() -> None:
    t = by_key()["kra"]
    assert (t.year, t.status, t.place) == (2267, "dissolved", "Nimbus III")
    assert any(e.year == 2271 and e.kind == "dissolved" for e in t.history)
    text = all_text(t)
    for fact in ("Kor", "Hectavious", "twelve D7", "cloaking", "intelligence", "schematics"):
        assert fact in text, fact


def test_organia_says_no_more_than_the_sources() -> None:
    t = by_key()["organia"]
    assert t.articles == ()
    assert any("No article" in note for note in t.notes)


GOOD = """
key = "{key}"
name = "{name}"
aliases = [{aliases}]
summary = "s"
date = "2300"
place = "p"
status = "in force"
[[parties]]
name = "A"
[[articles]]
number = {number}
title = "t"
text = "x"
[[sources]]
title = "src"
tier = "{tier}"
"""


def write(directory: Path, stem: str, **overrides: str) -> None:
    values = {"key": stem, "name": stem.title(), "aliases": "", "number": "1", "tier": "canon", **overrides}
    (directory / f"{stem}.toml").write_text(GOOD.format(**values))


def test_a_good_file_loads(tmp_path: Path) -> None:
    write(tmp_path, "alpha")
    assert [t.key for t in load_treaties_from(tmp_path)] == ["alpha"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"tier": "rumour"}, "tier"),
        ({"number": "2"}, "numbered"),
        ({"name": ""}, "'name'"),
    ],
)
def test_a_bad_file_is_named(tmp_path: Path, overrides: dict[str, str], message: str) -> None:
    write(tmp_path, "alpha", **overrides)
    with pytest.raises(ContentError, match=rf"alpha.toml.*{message}"):
        load_treaties_from(tmp_path)


def test_a_source_is_required(tmp_path: Path) -> None:
    (tmp_path / "beta.toml").write_text(
        GOOD.split("[[sources]]")[0].format(key="beta", name="Beta", aliases="", number="1", tier="canon")
    )
    with pytest.raises(ContentError, match=r"beta.toml.*source"):
        load_treaties_from(tmp_path)


def test_duplicate_aliases_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "alpha", aliases='"Pact"')
    write(tmp_path, "beta", aliases='"pact"')
    with pytest.raises(ContentError, match="pact"):
        load_treaties_from(tmp_path)


def test_broken_toml_is_named(tmp_path: Path) -> None:
    (tmp_path / "gamma.toml").write_text("key = \n")
    with pytest.raises(ContentError, match=r"gamma\.toml"):
        load_treaties_from(tmp_path)


def test_a_treaty_is_known_in_the_lore_by_all_its_names() -> None:
    """ "The Sheliak treaty" names the Treaty of Armens in /treaty quote; a lore question naming it
    must find its lore entry too. A name another entry holds ("Khitomer", the planet) stays that
    entry's."""
    named: dict[str, set[str]] = {}
    for entry in canon_lore():
        for name in (entry.title, *entry.aliases):
            named.setdefault(normalise(name), set()).add(entry.key)
    for treaty in canon_treaties():
        if treaty.lore is None:
            continue
        for name in (treaty.name, *treaty.aliases):
            holders = named.get(normalise(name), set())
            assert treaty.lore in holders or holders, f"{treaty.name}: no lore entry is named {name!r}"
