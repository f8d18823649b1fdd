from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import InvalidInput
from bot.domain.guild_config import SETTINGS, GuildConfig, normalise_value, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"), [("10m", 600), ("2d", 172_800), ("1h30m", 5400), (" 1D 12H ", 129_600)]
)
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "-5m", "10", "5 minutes", "0m", "59s", "31d", "1h-30m", "1x"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_duration(text)


@given(st.text(max_size=30))
def test_any_text_is_a_duration_or_a_clear_refusal(text: str) -> None:
    try:
        seconds = parse_duration(text)
    except InvalidInput as error:
        assert error.message
    else:
        assert 60 <= seconds <= 30 * 86_400


UNIT = {"d": 86_400, "h": 3600, "m": 60}
PARTS = st.lists(st.tuples(st.integers(0, 999), st.sampled_from("dhmDHM")), min_size=1, max_size=3)


@given(PARTS, st.sampled_from(["", " "]))
def test_a_well_formed_duration_is_its_seconds_or_refused_for_its_range(
    parts: list[tuple[int, str]], gap: str
) -> None:
    """Random text is almost never a duration; these always are, so the sums are checked."""
    text = gap.join(f"{number}{unit}" for number, unit in parts)
    total = sum(number * UNIT[unit.lower()] for number, unit in parts)
    if 60 <= total <= 30 * 86_400:
        assert parse_duration(text) == total
    else:
        with pytest.raises(InvalidInput, match="Durations run from 1m to 30d"):
            parse_duration(text)


def test_defaults_and_per_channel_overrides() -> None:
    config = GuildConfig({("answers.visibility", 0): "private", ("answers.visibility", 42): "public"})
    assert config.private_answers(7) and not config.private_answers(42)
    assert config.seconds("deadline.negotiation") == 3 * 86_400
    assert config.allowed_tiers() == {"canon", "licensed", "fan", "server"}
    assert GuildConfig({("lore.tiers", 0): "canon"}).allowed_tiers() == {"canon", "server"}


def test_every_default_is_valid_for_its_setting() -> None:
    """Each typed default passes the check a moderator's value passes, and stored that way it
    reads back, and shows, exactly as the untouched default does."""
    checked = []
    for item in SETTINGS.values():
        if item.default and item.kind.name in {"BOOL", "DURATION", "CHOICE"}:
            stored = GuildConfig({(item.name, 0): normalise_value(item, item.default)})
            assert stored.shown(item.name) == GuildConfig().shown(item.name), item.name
            if item.kind.name == "DURATION":
                assert stored.seconds(item.name) == parse_duration(item.default)
            else:
                assert stored.raw(item.name) == item.default
            checked.append(item.name)
    assert {"game.threads", "deadline.lobby", "reminder.lead", "answers.visibility"} <= set(checked)
