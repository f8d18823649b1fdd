"""data/delegations.toml: a stance for every power, towards every other, grounded in the lore, and
lines that read as sentences whatever fills them."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from bot.content import ContentError
from bot.content.delegations import canon_stances, load_stances
from bot.content.scenarios import canon_powers
from bot.domain.accords import Clause
from bot.domain.accords.delegation import KINDS, PLACEHOLDERS_OF_ARTICLES

DATA = Path(__file__).resolve().parents[2] / "data" / "delegations.toml"
SAMPLE = {
    "power": "Klingon Empire",
    "article": 12,
    "clause": "technology transfer",
    "author": "United Federation of Planets",
    "other": "Romulan Star Empire",
    "parties": "the Klingon Empire and the Gorn Hegemony",
    "subject": "warp coils",
    "giver": "the Gorn Hegemony",
    "receiver": "the Klingon Empire",
}


def fields(line: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(line) if name is not None}


def test_every_power_has_a_stance_towards_every_other() -> None:
    stances, powers = canon_stances(), canon_powers()
    assert set(stances) == set(powers)
    for name, stance in stances.items():
        assert stance.power == name
        assert set(stance.towards) == set(powers) - {name}
        assert all(-2 <= v <= 2 for v in stance.towards.values())
        assert stance.proposes, name


def test_the_stances_follow_the_lore() -> None:
    s = canon_stances()
    ke, rse, ufp = "Klingon Empire", "Romulan Star Empire", "United Federation of Planets"
    assert s[rse].towards[ke] == -2 and s[ke].towards[rse] == -2  # Khitomer, 2346: blood
    assert s[ke].towards[ufp] >= 1 and s[ufp].towards[ke] >= 1  # allies since the Accords
    assert s[rse].towards[ufp] < 0  # the Neutral Zone
    assert s[ke].withdraws and s[rse].withdraws  # the Empire left the Accords in 2372
    assert not s[ufp].withdraws


@pytest.mark.parametrize("power", sorted(canon_powers()))
def test_every_line_reads_as_a_sentence_whatever_fills_it(power: str) -> None:
    stance = canon_stances()[power]
    assert set(stance.lines) == set(KINDS)
    for kind, lines in stance.lines.items():
        assert len(lines) >= 3 and len(set(lines)) == len(lines), (power, kind)
        for line in lines:
            said = line.format(**{name: SAMPLE[name] for name in KINDS[kind]})
            bare = line.format(**dict.fromkeys(KINDS[kind], ""))
            assert said.strip() and "{" not in said and "}" not in said, line
            assert len(bare.split()) >= 4 and said[0].isupper() and said[-1] in ".!?", line


def test_every_clause_has_an_article_text_and_each_subject_clause_a_subject() -> None:
    for stance in canon_stances().values():
        for clause in Clause:
            text = stance.articles[clause]
            assert fields(text) <= PLACEHOLDERS_OF_ARTICLES[clause], (clause, text)
            assert text.format(**SAMPLE).rstrip().endswith("."), text
        for clause in (Clause.TECHNOLOGY_TRANSFER, Clause.TERRITORY, Clause.WEAPONS_BAN, Clause.NEUTRAL_ZONE):
            assert stance.subjects[clause].strip()


def test_the_stances_are_loaded_once() -> None:
    assert canon_stances() is canon_stances()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('power = "Gorn Hegemony"', 'power = "Vulcan"', "'Vulcan' is not a power"),
        ('"Gorn Hegemony" = ', '"Vulcan" = ', "towards 'Vulcan'"),
        ("= -2", "= -3", "from -2 to 2"),
        ("withdraws = false", 'withdraws = "no"', "withdraws is true or false"),
        ('proposes = ["', 'proposes = ["bribery", "', "unknown clause 'bribery'"),
        ("support = [", 'support = ["The {planet} agrees.", ', "{planet}"),
        ("support = [", 'support = ["{article}", ', "a sentence"),
        ("refuse = [", "refusal = [", "no refuse lines"),
    ],
)
def test_a_bad_file_is_named(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = DATA.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "delegations.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError, match=rf"delegations\.toml.*{message}"):
        load_stances(path, canon_powers())


def test_a_power_without_a_stance_is_named(tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    path = tmp_path / "delegations.toml"
    start = text.index("[[delegations]]", text.index('power = "Sheliak Corporate"') - 200)
    path.write_text(text[:start], encoding="utf-8")
    with pytest.raises(ContentError, match=r"delegations\.toml: no stance for Sheliak Corporate"):
        load_stances(path, canon_powers())
