"""SERVER_DATA_GRACE: how long a server's data outlives the bot's removal (issue #24)."""

from __future__ import annotations

import pytest

from bot.config import DEFAULT_SERVER_DATA_GRACE, ConfigError, load_settings


def test_thirty_days_unless_set() -> None:
    assert DEFAULT_SERVER_DATA_GRACE == 30 * 86_400
    assert load_settings({}).server_data_grace == 30 * 86_400


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("30d", 30 * 86_400), ("12h", 12 * 3_600), ("1d12h", 36 * 3_600), (" 7D ", 7 * 86_400), ("90m", 5_400)],
)
def test_a_duration_in_days_hours_or_minutes(typed: str, seconds: int) -> None:
    assert load_settings({"SERVER_DATA_GRACE": typed}).server_data_grace == seconds


@pytest.mark.parametrize("typed", ["30", "a month", "0d", "30 days", "400d", "-1d", "1d-2h"])
def test_anything_else_is_one_line_naming_the_variable(typed: str) -> None:
    with pytest.raises(ConfigError, match="SERVER_DATA_GRACE") as refused:
        load_settings({"SERVER_DATA_GRACE": typed})
    assert "\n" not in str(refused.value)
    assert "1h" in str(refused.value) and "365d" in str(refused.value)
