"""Ids and page numbers read from untrusted text: in range, or None, never an overflow later."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.ids import MAX_ID, parse_id, parse_number


def test_ids_fit_a_64_bit_column() -> None:
    assert parse_id("1") == 1 and parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id("0007") == 7
    for bad in ("0", str(MAX_ID + 1), "99999999999999999999", "", "-1", "+1", " 1", "١٢", "1e3"):
        assert parse_id(bad) is None, bad


def test_page_numbers_are_bounded() -> None:
    assert parse_number("0", 9999) == 0 and parse_number("9999", 9999) == 9999
    for bad in ("10000", "00001", "-1", "", "٣"):
        assert parse_number(bad, 9999) is None, bad


@given(st.text(max_size=30))
def test_any_text_gives_an_id_in_range_or_none(text: str) -> None:
    value = parse_id(text)
    assert value is None or (0 < value <= MAX_ID and int(text) == value)


@given(st.integers(min_value=-(2**70), max_value=2**70))
def test_a_written_integer_reads_back_exactly_when_in_range(number: int) -> None:
    assert parse_id(str(number)) == (number if 0 < number <= MAX_ID else None)
