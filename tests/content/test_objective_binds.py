"""An objective may name whom the article it wants or avoids binds: the Romulans at Khitomer want
no alliance between the Federation and the Klingons, an alliance that does not bind them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import ContentError
from bot.content.scenarios import canon_powers, canon_scenarios, load_scenarios_from

HEAD = 'key = "x"\ntitle = "X"\nplace = "p"\nbriefing = "b"\npowers = ["Klingon Empire", "Gorn Hegemony"]\n'
OBJECTIVE = '[[objectives]]\npower = "Klingon Empire"\nclause = "trade"\npoints = 1\ntext = "t"\n'


def test_the_romulans_at_khitomer_want_no_alliance_between_the_others() -> None:
    (romulan,) = [o for o in canon_scenarios()["khitomer"].objectives if o.power == "Romulan Star Empire"]
    assert not romulan.wants and romulan.binds == ("United Federation of Planets", "Klingon Empire")
    others = [o for o in canon_scenarios()["khitomer"].objectives if o.power != "Romulan Star Empire"]
    assert all(o.binds == () for o in others)  # their own power, as before


def test_binds_names_seated_powers(tmp_path: Path) -> None:
    (tmp_path / "ok.toml").write_text(HEAD + OBJECTIVE + 'binds = ["Gorn Hegemony", "Klingon Empire"]\n')
    (loaded,) = load_scenarios_from(tmp_path, canon_powers()).values()
    assert loaded.objectives[0].binds == ("Gorn Hegemony", "Klingon Empire")
    (tmp_path / "ok.toml").write_text(HEAD + OBJECTIVE + 'binds = ["Vulcan"]\n')
    with pytest.raises(ContentError, match=r"ok\.toml: objective binds 'Vulcan', who has no seat"):
        load_scenarios_from(tmp_path, canon_powers())
    (tmp_path / "ok.toml").write_text(HEAD + OBJECTIVE + 'binds = "Gorn Hegemony"\n')
    with pytest.raises(ContentError, match=r"ok\.toml: an objective's binds is a list of powers"):
        load_scenarios_from(tmp_path, canon_powers())
