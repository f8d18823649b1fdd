from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import ContentError
from bot.content.scenarios import canon_powers, canon_scenarios, load_scenarios_from


def test_the_four_scenarios_load() -> None:
    scenarios = canon_scenarios()
    assert set(scenarios) == {"nimbus_iii", "khitomer", "second_khitomer", "open_conference"}
    assert scenarios["nimbus_iii"].year == 2267 and scenarios["khitomer"].year == 2293
    assert scenarios["second_khitomer"].year == 2368 and len(scenarios["second_khitomer"].powers) == 8
    assert scenarios["open_conference"].objectives == ()
    for key in ("nimbus_iii", "khitomer", "second_khitomer"):
        assert scenarios[key].objectives, key


def test_every_power_has_an_emblem_and_a_colour() -> None:
    for power in canon_powers().values():
        assert power.emblem and 0 <= power.colour <= 0xFFFFFF


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('key = "x"\ntitle = "X"\nplace = "p"\nbriefing = "b"\npowers = ["Klingon Empire"]', "two to eight"),
        (
            'key = "x"\ntitle = "X"\nplace = "p"\nbriefing = "b"\npowers = ["Vulcan", "Klingon Empire"]',
            "unknown powers",
        ),
        (
            'key = "x"\ntitle = "X"\nplace = "p"\npowers = ["Klingon Empire", "Gorn Hegemony"]',
            "missing field 'briefing'",
        ),
        (
            'key = "x"\ntitle = "X"\nplace = "p"\nbriefing = "b"\n'
            'powers = ["Klingon Empire", "Gorn Hegemony"]\n[[objectives]]\npower = "Klingon Empire"\n'
            'clause = "bribery"\npoints = 1\ntext = "t"',
            "unknown clause",
        ),
    ],
)
def test_a_bad_scenario_is_named(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "bad.toml").write_text(body)
    with pytest.raises(ContentError, match=rf"bad\.toml.*{message}"):
        load_scenarios_from(tmp_path, canon_powers())
