"""The citation finder's edges that the corpus (test_citation_corpus.py) does not spell out."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.content.treaties import canon_treaties
from bot.domain.citations import find_citations

TREATIES = canon_treaties()


def cited(text: str) -> list[str]:
    return [f"{c.treaty.key}:{c.selection.compact()}" for c in find_citations(text, TREATIES)]


@given(st.text(max_size=400))
def test_any_text_is_read_without_error(text: str) -> None:
    for citation in find_citations(text, TREATIES):
        assert 0 <= citation.start < len(text)


@given(
    st.lists(
        st.sampled_from(["Article", "II", "of", "the", "Khitomer", "Accords", ",", "–", "IV", "and", "KA"])
    )
)
def test_word_salad_of_reference_parts_is_read_without_error(parts: list[str]) -> None:
    find_citations(" ".join(parts), TREATIES)


def test_where_each_citation_starts_is_where_it_was_written() -> None:
    text = "First, Treaty of Algeron art. 2; then Article IV of the Khitomer Accords."
    found = find_citations(text, TREATIES)
    assert [text[c.start :].split()[0] for c in found] == ["Treaty", "Article"]


def test_a_longer_name_wins_unless_it_leaves_numbers_dangling() -> None:
    assert cited("The Khitomer Accords II came later.") == []  # a mention of the Second Accords
    assert cited("Khitomer Accords II–IV, please.") == ["khitomer:2-4"]
    assert cited("Khitomer Accords II, Article 3.") == ["khitomer_ii:3"]


def test_initials_count_only_in_capitals_and_with_articles() -> None:
    assert cited("KA II–IV") == ["khitomer:2-4"]
    assert cited("ka ii-iv") == []
    assert cited("KA is what my friends call me") == []


def test_a_pronoun_after_a_list_comma_is_not_article_one() -> None:
    assert cited("Treaty of Algeron, Article 2, I think.") == ["algeron:2"]
    assert cited("Treaty of Algeron, Articles 2, I") == ["algeron:2,1"]  # in the order asked


def test_articles_of_something_else_are_nobodys() -> None:
    assert cited("The Khitomer Accords are fine. Article 2 of my contract is not.") == []
    assert cited("The Khitomer Accords are fine. Article 2 is not.") == ["khitomer:2"]
