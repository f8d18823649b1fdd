from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.paging import ELLIPSIS, clamp_page, clip, paginate, tail

lines_strategy = st.lists(
    st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=80), max_size=60
)


@given(lines=lines_strategy, max_chars=st.integers(20, 500), max_lines=st.integers(1, 20))
def test_pages_respect_the_limits_and_keep_every_line_in_order(
    lines: list[str], max_chars: int, max_lines: int
) -> None:
    pages = paginate(lines, max_chars=max_chars, max_lines=max_lines)
    assert pages
    for page in pages:
        assert len(page) <= max_chars
        assert page.count("\n") < max_lines
    rebuilt = [line for page in pages for line in page.split("\n")] if lines else []
    assert rebuilt == [clip(line, max_chars) for line in lines]


def test_a_long_line_is_clipped_visibly() -> None:
    assert paginate(["x" * 50], max_chars=10, max_lines=5) == ["x" * 9 + ELLIPSIS]


def test_page_breaks_fall_between_lines() -> None:
    assert paginate(["aaaa", "bbbb", "cccc"], max_chars=9, max_lines=10) == ["aaaa\nbbbb", "cccc"]
    assert paginate(["a", "b", "c"], max_chars=100, max_lines=2) == ["a\nb", "c"]


def test_no_lines_is_one_empty_page() -> None:
    assert paginate([], max_chars=10, max_lines=3) == [""]


@given(st.integers(-10_000, 10_000), st.lists(st.integers(), max_size=30))
def test_clamped_pages_always_exist(index: int, pages: list[int]) -> None:
    clamped = clamp_page(index, pages)
    assert clamped == 0 if not pages else 0 <= clamped < len(pages)


@given(st.text(max_size=300), st.integers(1, 100))
def test_clip_and_tail_stay_within_the_limit(text: str, limit: int) -> None:
    for cut in (clip(text, limit), tail(text, limit)):
        assert len(cut) <= limit
        assert cut == text or cut.count(ELLIPSIS) >= 1
    assert tail("0123456789", 4) == ELLIPSIS + "789"


@pytest.mark.parametrize("bad", [0, -1])
def test_limits_must_be_positive(bad: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        paginate(["a"], max_chars=bad, max_lines=1)
    with pytest.raises(ValueError, match="positive"):
        clip("a", bad)
