"""Reading a field only where a question's concepts are (match_counted) finds exactly what
match finds over the field with every word written as the concept it counts for."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.lore_query import match, match_counted
from bot.services.lore_search import Question

WORDS = st.sampled_from(["klingon", "empir", "treati", "sign", "war", "peac", "the", "ship", "vessel"])


@given(
    terms=st.lists(WORDS, min_size=1, max_size=4),
    table=st.dictionaries(WORDS, WORDS, max_size=6),
    words=st.lists(WORDS, max_size=40),
)
def test_counted_words_match_as_the_mapped_ones(
    terms: list[str], table: dict[str, str], words: list[str]
) -> None:
    question = Question(terms, {t: {t: 1.0} for t in terms}, table)
    mapped = [table.get(w, w) for w in words]
    assert match_counted(terms, question.counted, words) == match(terms, mapped)
    assert question.names_any(words) == bool(set(mapped) & set(terms))


def test_a_phrase_through_synonyms_and_at_the_end() -> None:
    question = Question.of(["klingon", "ship"])  # "vessel" counts for "ship"
    found = question.match(["the", "klingon", "vessel"])
    assert found.phrase and found.found == {"klingon", "ship"} and found.window == 2
    cut = question.match(["ship", "klingon"])
    assert not cut.phrase and cut.window == 2
    assert question.match(["war", "peac"]) == match(["klingon", "ship"], ["war", "peac"])
