"""The reference grammar: every valid reference parses right; anything else is a clear refusal."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.content.treaties import canon_treaties
from bot.domain.errors import KhitomerError
from bot.domain.numerals import from_roman, number_span, to_roman
from bot.domain.references import (
    BadReference,
    Selection,
    describe,
    parse_articles,
    parse_reference,
    resolve_treaty,
    select_articles,
)

TREATIES = canon_treaties()
WITH_ARTICLES = [t for t in TREATIES if t.articles]


@given(st.integers(1, 3999))
def test_roman_numerals_round_trip(n: int) -> None:
    assert from_roman(to_roman(n)) == n
    assert from_roman(to_roman(n).lower()) == n


@pytest.mark.parametrize("bad", ["", "IIII", "IC", "VV", "ABC", "MMMM"])
def test_malformed_roman_numerals(bad: str) -> None:
    assert from_roman(bad) is None


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("III", (3,)),
        ("3", (3,)),
        ("Art. III", (3,)),
        ("Article 3", (3,)),
        ("§ III", (3,)),
        ("II-IV", (2, 3, 4)),
        ("2–4", (2, 3, 4)),
        ("2 to 4", (2, 3, 4)),
        ("IV-II", (2, 3, 4)),
        ("I, III, V-VI", (1, 3, 5, 6)),
        ("Articles I and III", (1, 3)),
        ("art. 1; art. 2", (1, 2)),
        ("iii, i, iii", (3, 1)),
    ],
)
def test_article_specs(text: str, numbers: tuple[int, ...]) -> None:
    assert parse_articles(text) == Selection(numbers)


@pytest.mark.parametrize("text", ["all", "ALL", " all "])
def test_all(text: str) -> None:
    assert parse_articles(text).everything


@pytest.mark.parametrize(
    "text", ["", "Article", "II-", "I,", "one", "0", "1000", "II III", "I - - II", "x" * 300]
)
def test_bad_specs_are_refused_in_words(text: str) -> None:
    with pytest.raises(BadReference):
        parse_articles(text)


NAMES = {
    "khitomer": [
        "Khitomer Accords",
        "khitomer",
        "KHITOMER ACCORDS",
        "First Khitomer Accords",
        "Kitomer Accords",
    ],
    "khitomer_ii": ["Khitomer II", "second khitomer", "Second Khitomer Accords", "Khitomer 2"],
    "kra": ["KRA", "Klingon-Romulan Alliance", "klingon romulan alliance", "Klingon–Romulan Aliance"],
    "organia": ["Treaty of Organia", "organia"],
}


@pytest.mark.parametrize(("key", "name"), [(k, n) for k, names in NAMES.items() for n in names])
def test_names_resolve(key: str, name: str) -> None:
    assert resolve_treaty(name, TREATIES).key == key


def test_an_unknown_treaty_lists_what_there_is() -> None:
    with pytest.raises(KhitomerError, match="Khitomer Accords"):
        resolve_treaty("Treaty of Tholia", TREATIES)


@pytest.mark.parametrize(
    ("text", "key", "numbers"),
    [
        ("Khitomer Accords, Article III", "khitomer", (3,)),
        ("khitomer ii art. 2-4", "khitomer_ii", (2, 3, 4)),
        ("KRA § I, III, IV-V", "kra", (1, 3, 4, 5)),
        ("Khitomer III", "khitomer", (3,)),
        ("Khitomer, II", "khitomer", (2,)),
        ("Khitomer Accords, Article I, III", "khitomer", (1, 3)),
        ("Kitomer Accords Art. 2", "khitomer", (2,)),
    ],
)
def test_whole_references(text: str, key: str, numbers: tuple[int, ...]) -> None:
    treaty, selection = parse_reference(text, TREATIES)
    assert (treaty.key, selection.numbers) == (key, numbers)


def test_a_bare_name_means_every_article() -> None:
    treaty, selection = parse_reference("Khitomer II", TREATIES)
    assert treaty.key == "khitomer_ii" and selection.everything
    assert len(select_articles(treaty, selection)) == 5


def test_a_missing_article_says_what_exists() -> None:
    treaty = resolve_treaty("Khitomer Accords", TREATIES)
    with pytest.raises(
        BadReference, match=r"The Khitomer Accords have Articles I–VI; there is no Article IX\."
    ):
        select_articles(treaty, parse_articles("IX"))


def test_a_treaty_without_articles_says_so() -> None:
    treaty, selection = parse_reference("Treaty of Organia, Article I", TREATIES)
    with pytest.raises(BadReference, match="record no articles of the Treaty of Organia"):
        select_articles(treaty, selection)


# --- properties ---------------------------------------------------------------------------

PREFIXES = ["", "Art. ", "Article ", "art ", "§ ", "Articles "]
SEPARATORS = ["-", "–", " to ", "..", " - "]


@st.composite
def valid_references(draw: st.DrawFn) -> tuple[str, str, tuple[int, ...]]:
    treaty = draw(st.sampled_from(WITH_ARTICLES))
    name = draw(st.sampled_from([treaty.name, *treaty.aliases]))
    count = len(treaty.articles)
    pieces: list[str] = []
    numbers: list[int] = []
    for _ in range(draw(st.integers(1, 3))):
        low = draw(st.integers(1, count))
        high = draw(st.integers(low, count))
        show = to_roman if draw(st.booleans()) else str
        if low == high:
            pieces.append(show(low))
        else:
            pieces.append(f"{show(low)}{draw(st.sampled_from(SEPARATORS))}{show(high)}")
        numbers.extend(range(low, high + 1))
    spec = draw(st.sampled_from(PREFIXES)) + draw(st.sampled_from([", ", " and ", "; "])).join(pieces)
    glue = draw(st.sampled_from([", ", ": ", ", Article ", " Art. "]))
    if glue.endswith("Art. ") or glue.endswith("Article "):
        spec = spec.removeprefix(next((p for p in PREFIXES if p and spec.startswith(p)), ""))
    return f"{name}{glue}{spec}", treaty.key, tuple(dict.fromkeys(numbers))


@given(valid_references())
def test_every_valid_reference_parses_to_its_articles(case: tuple[str, str, tuple[int, ...]]) -> None:
    text, key, numbers = case
    treaty, selection = parse_reference(text, TREATIES)
    assert treaty.key == key, text
    assert selection.numbers == numbers, text
    assert [a.number for a in select_articles(treaty, selection)] == list(numbers)


@given(st.text(max_size=300))
def test_any_string_parses_or_raises_the_domains_own_error(text: str) -> None:
    for attempt in (lambda: select_articles(*parse_reference(text, TREATIES)), lambda: parse_articles(text)):
        try:
            attempt()
        except KhitomerError as error:  # the only error allowed, and it must read as a sentence
            message = error.message
            assert message
            assert len(message) < 400


@given(st.lists(st.integers(1, 60), min_size=1, max_size=20, unique=True))
def test_compact_selections_parse_back(numbers: list[int]) -> None:
    selection = Selection(tuple(numbers))
    assert parse_articles(selection.compact()) == selection


@given(st.lists(st.integers(1, 50), min_size=1, max_size=10))
def test_number_span_lists_each_number_once(numbers: list[int]) -> None:
    span = number_span(numbers)
    covered: list[int] = []
    for part in span.split(", "):
        low, _, high = part.partition("–")
        a, b = from_roman(low), from_roman(high or low)
        assume(a is not None and b is not None)
        covered.extend(range(a, b + 1))  # type: ignore[operator]
    assert covered == sorted(set(numbers)), "each number once, in order"


def test_describe() -> None:
    treaty = resolve_treaty("khitomer", TREATIES)
    assert describe(parse_articles("2-4"), treaty) == "Articles II–IV"
    assert describe(parse_articles("III"), treaty) == "Article III"
    assert describe(parse_articles("all"), treaty) == "Articles I–VI"
