"""Facts written as the closing lines of a body (`Born: 2340`), as the lore form and Markdown
imports take them, and written back the same way."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import InvalidInput
from bot.domain.lore_facts import (
    FACTS,
    MAX_FACT,
    MAX_LIST,
    YEAR_RANGE,
    Facts,
    facts_as_lines,
    facts_from_lines,
    parse_facts,
    with_fact_lines,
)


def test_closing_fact_lines_become_facts_and_leave_the_body() -> None:
    body, facts = facts_from_lines(
        "## Opening\nThe fleets met at dawn.\n\n"
        "Born: 2340\nrole: a Romulan commander\nSIGNED: 2401\nPlace: Starbase 12\n"
        "Signatories: Klingon Empire, Romulan Free State\n\n"
    )
    assert body == "## Opening\nThe fleets met at dawn."
    assert facts.as_dict() == {
        "role": "a Romulan commander",
        "born": 2340,
        "signed": 2401,
        "place": "Starbase 12",
        "signatories": ["Klingon Empire", "Romulan Free State"],
    }


@pytest.mark.parametrize(
    ("line", "name", "value"),
    [
        ("Carried out by: the crew of the Enterprise", "by", "the crew of the Enterprise"),
        ("by: Kor", "by", "Kor"),
        ("Commanded by: Captain Picard", "commander", "Captain Picard"),
        ("Leader of: the Klingon Defence Force", "leader_of", "the Klingon Defence Force"),
        ("leader_of: House Mogh", "leader_of", "House Mogh"),
        ("Led: House Mogh", "leader_of", "House Mogh"),
        ("- **Cause:** the explosion of Praxis", "cause", "the explosion of Praxis"),
        ("**Died**: 2372", "died", 2372),
        ("* Location:   in orbit of  Qo'noS ", "location", "in orbit of Qo'noS"),
        ("Role: a captain: decorated twice", "role", "a captain: decorated twice"),
    ],
)
def test_labels_are_fact_names_or_card_labels_in_any_case(line: str, name: str, value: object) -> None:
    body, facts = facts_from_lines(f"Some text.\n{line}")
    assert body == "Some text." and facts.get(name) == value


def test_only_the_closing_block_counts() -> None:
    text = "Born: 2340\n\nHe served on the Gorkon.\nOutcome: a draw."
    assert facts_from_lines(text) == (text, Facts())
    body, facts = facts_from_lines("Born: 2340\n\nDied: 2381")  # blank lines inside the block
    assert body == "" and facts.as_dict() == {"born": 2340, "died": 2381}
    assert facts_from_lines("") == ("", Facts())


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Born: soon", "The fact line `Born: soon` at the end of the body: the fact 'born' is a year"),
        ("Signed: 99999", "out of range"),
        ("Role:", "needs some text"),
        ("Signatories: ,", "is a list of names"),
        ("Place: " + "x" * (MAX_FACT + 1), "at most 200 characters"),
    ],
)
def test_a_bad_fact_line_is_refused_naming_the_line(line: str, message: str) -> None:
    with pytest.raises(InvalidInput, match="at the end of the body") as refused:
        facts_from_lines(f"The battle.\n{line}")
    assert message in refused.value.message


def test_a_fact_given_twice_is_refused() -> None:
    with pytest.raises(InvalidInput, match="'Born' is given twice"):
        facts_from_lines("Born: 2340\nborn: 2341")


def test_facts_are_written_back_as_closing_lines() -> None:
    facts = parse_facts({"born": 2340, "by": "Kor", "signatories": ["A", "B"]})
    assert facts_as_lines(facts) == "Born: 2340\nSignatories: A, B\nCarried out by: Kor"
    assert with_fact_lines("The body.", facts) == f"The body.\n\n{facts_as_lines(facts)}"
    assert with_fact_lines("The body.", Facts()) == "The body."
    assert with_fact_lines("", facts) == facts_as_lines(facts)


# --- round trip: facts -> lines -> facts ------------------------------------------------------

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1,
    max_size=MAX_FACT,
).filter(lambda text: bool(text.strip()))
_NAME = _TEXT.map(lambda text: text.replace(",", " ")).filter(lambda text: bool(text.strip()))


def _value(name: str) -> st.SearchStrategy[object]:
    kind = FACTS[name].kind
    if kind is int:
        return st.integers(*YEAR_RANGE)
    if kind is list:
        return st.lists(_NAME, min_size=1, max_size=MAX_LIST)
    return _TEXT


_FACTS = st.lists(st.sampled_from(list(FACTS)), unique=True).flatmap(
    lambda names: st.fixed_dictionaries({name: _value(name) for name in names})
)
_BODY = st.lists(
    st.text(st.characters(whitelist_categories=("L", "N", "Zs")), min_size=1, max_size=40).map(
        lambda text: text.strip() + "."
    ),
    max_size=5,
).map("\n".join)


@given(raw=_FACTS, body=_BODY)
def test_facts_round_trip_through_lines(raw: dict[str, object], body: str) -> None:
    facts = parse_facts(raw)
    assert facts_from_lines(with_fact_lines(body, facts)) == (body.strip(), facts)
