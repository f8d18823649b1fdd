"""A word typed one letter off shares a key with the word it means (bot/domain/name_grams.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.name_grams import name_keys, typed_keys

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=12)


def one_off(word: str, at: int, letter: str, how: int) -> str:
    at %= len(word)
    if how == 0:  # changed
        return word[:at] + letter + word[at + 1 :]
    if how == 1:  # added
        return word[:at] + letter + word[at:]
    if how == 2:  # dropped
        return word[:at] + word[at + 1 :]
    at = min(at, len(word) - 2)  # two swapped
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


@given(WORDS, st.integers(0, 11), st.sampled_from("abcdefghijklmnopqrstuvwxyz"), st.integers(0, 3))
def test_a_word_one_letter_off_shares_a_key(word: str, at: int, letter: str, how: int) -> None:
    typed = one_off(word, at, letter, how)
    stored = set(name_keys(f"battle of {word}"))
    assert any(set(keys) & stored for keys in typed_keys(f"battle of {typed}"))


def test_short_words_and_a_space_typed_away() -> None:
    assert "of" not in name_keys("battle of kor")  # too short to tell names apart
    assert "kor" in name_keys("battle of kor")
    assert ["telvenixvormek"] in typed_keys("telvenix vormek") and "telvenixvormek" in name_keys(
        "telvenix vormek"
    )
    assert set(typed_keys("telvenixvormek")[0]) & set(name_keys("telvenix vormek"))
