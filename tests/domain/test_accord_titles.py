"""Conference titles stay distinct in a server: numbered after the highest taken, within
Discord's 100 characters, and always inside the range storage reads them by."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.accords.titles import MAX_TITLE, distinct_title, family, unnumbered


def in_family(title: str, of: str) -> bool:
    base, low, high = family(of)
    return title == base or low <= title < high


def test_a_free_title_is_kept_and_a_taken_one_is_numbered() -> None:
    assert distinct_title("Khitomer, 2293", []) == "Khitomer, 2293"
    assert distinct_title("Khitomer, 2293", ["Khitomer, 2293"]) == "Khitomer, 2293 (2)"
    taken = ["Khitomer, 2293", "Khitomer, 2293 (2)", "Khitomer, 2293 (9)"]
    assert distinct_title("Khitomer, 2293", taken) == "Khitomer, 2293 (10)"
    assert distinct_title("Khitomer, 2293 (2)", taken) == "Khitomer, 2293 (10)", "a rematch of the 2nd"
    assert distinct_title("  Khitomer,\n2293 ", ["Khitomer, 2293"]) == "Khitomer, 2293 (2)"
    assert distinct_title("Khitomer, 2293 (3)", []) == "Khitomer, 2293 (3)", "a typed number is a name"


def test_only_the_titles_family_counts() -> None:
    taken = ["Khitomer, 2293", "Khitomer, 2293 rematch (7)", "Khitomer (5)"]
    assert distinct_title("Khitomer, 2293", taken) == "Khitomer, 2293 (2)"
    assert unnumbered("Talks (0)") == ("Talks (0)", 1) and unnumbered("(2)") == ("(2)", 1)


def test_a_long_title_is_shortened_to_fit_and_its_shortened_forms_count() -> None:
    long = "A" * 98 + " B"
    second = distinct_title(long, [long])
    assert second == "A" * 96 + " (2)" and len(second) == MAX_TITLE
    assert distinct_title(long, [long, second]) == "A" * 96 + " (3)"
    assert distinct_title(second, [long, second]) == "A" * 96 + " (3)"
    cut_at_a_space = "A" * 95 + " BCDE"
    assert distinct_title(cut_at_a_space, [cut_at_a_space]) == "A" * 95 + " (2)"


titles = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=MAX_TITLE).filter(
    lambda t: t.strip() != ""
)


@given(titles, st.integers(min_value=1, max_value=12))
def test_repeated_conferences_of_one_title_all_differ_fit_and_stay_in_their_range(title: str, n: int) -> None:
    taken: list[str] = []
    for _ in range(n):
        fresh = distinct_title(title, taken)
        assert fresh not in taken
        assert 1 <= len(fresh) <= MAX_TITLE and fresh == " ".join(fresh.split())
        assert in_family(fresh, title), (fresh, family(title))
        taken.append(fresh)
    # a rematch of any of them goes on with the next number
    assert distinct_title(taken[-1], taken) not in taken
