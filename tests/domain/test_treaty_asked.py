"""What a question names of the treaties (bot/domain/treaty_asked.py): of two names overlapping,
the one begun first. "what does article 4 of the 2nd khitomer accords say" quoted the first
Accords' Article IV (humanitarian aid), named by "khitomer accords", longer than the second's
alias "2nd khitomer"."""

from __future__ import annotations

import pytest

from bot.content.treaties import canon_treaties
from bot.domain.treaty_asked import article_asked, named_as_a_time, treaty_named, without_ordinal


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("what does article 4 of the 2nd khitomer accords say", "khitomer_ii"),
        ("the second khitomer accords on prisoners", "khitomer_ii"),
        ("khitomer accords ii article 3", "khitomer_ii"),
        ("what does the khitomer accords say about embassies", "khitomer"),
        ("did the treaty of algeron ban cloaks", "algeron"),
        ("what is in the 2nd khitomer", "khitomer_ii"),
    ],
)
def test_the_treaty_a_question_names(question: str, key: str) -> None:
    found = treaty_named(canon_treaties(), question)
    assert found is not None and found.key == key, (question, found and found.key)


def test_a_question_naming_no_treaty_names_none() -> None:
    assert treaty_named(canon_treaties(), "who was gorkon") is None


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("article III?", 3),
        ("art. 2 of algeron", 2),
        ("who was kor", None),
        ("klingon romulan alliance first article?", 1),
        ("whats the 3rd article of khitomer", 3),
        ("the second khitomer accords", None),  # an ordinal of a treaty, not of an article
    ],
)
def test_the_article_a_question_names(question: str, number: int | None) -> None:
    assert article_asked(question) == number


def test_an_articles_ordinal_names_no_treaty() -> None:
    """ "The second article of the Vantrel Accord": "second" is no word of the Second Khitomer
    Accords' name there."""
    assert without_ordinal("the second article of the vantrel accord") == "the article of the vantrel accord"
    assert without_ordinal("the second khitomer accords") == "the second khitomer accords"


def test_a_treaty_named_after_after_says_when() -> None:
    khitomer = treaty_named(canon_treaties(), "the khitomer accords")
    assert khitomer is not None
    assert named_as_a_time(khitomer, "what became of the neutral zone after khitomer")
    assert named_as_a_time(khitomer, "what happened before the khitomer accords")
    assert not named_as_a_time(khitomer, "what did khitomer say after the war")
    assert not named_as_a_time(khitomer, "after khitomer, what does khitomer article 2 say")


def test_a_possessive_typed_without_its_apostrophe_names_the_treaty() -> None:
    found = treaty_named(canon_treaties(), "what do khitomers annexes cover")
    assert found is not None and found.name == "Khitomer Accords"
