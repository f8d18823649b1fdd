"""The README walkthrough's solo conference: carol alone against the bot's delegations, in the
offline console, with its simulated clock (issue #23 §1)."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from bot.config import Settings
from bot.console.app import run_script
from tests.console.test_console import walkthrough

SOLO = "# alone against the bot"


async def test_the_walkthrough_plays_a_solo_conference_against_delegations(tmp_path: Path) -> None:
    lines = walkthrough()
    assert any(line.startswith(SOLO) for line in lines), "the walkthrough has its solo conference"
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)
    code = await run_script(Settings(database_path=tmp_path / "console.db"), lines, console)
    transcript = out.getvalue()
    assert code == 0, transcript
    solo = transcript.split("> as carol\n", 1)[1]  # the console does not echo comments
    filled = solo.split('> click "Fill the free seats with delegations"', 1)[1].split("> click", 1)[0]
    assert "🦅 Romulan Star Empire: delegation (a player who sits here takes over)" in filled
    assert "[5] Fill the free seats with delegations (disabled)" in filled
    waited = solo.split("> wait 5m\n", 1)[1].split("> /accord support", 1)[0]
    assert "5m pass" in waited and "tables Article 1 (non-aggression)" in waited
    assert "Article 1 (non-aggression) — on the table" in waited
    # the Federation asks every power on the station to renounce force: the Romulans will not,
    # beside the Klingons, so only the warships bargain carol supports reaches the accord
    assert "Binds: United Federation of Planets, Klingon Empire, Romulan Star Empire" in waited
    assert "Oppose: Romulan Star Empire" in waited
    end = solo.split("> click Sign\n", 1)[1]
    assert "🦅 Romulan Star Empire — delegation: signed" in end
    assert "🖖 United Federation of Planets — delegation: not a party: no article binds it" in end
    assert "**Nimbus III, 2267** is ratified. Signed by Klingon Empire, Romulan Star Empire." in end
    assert "Played by the bot's delegations: Romulan Star Empire, United Federation of Planets." in end
    assert (
        "❌ United Federation of Planets: Get every power on the station to renounce force. — 0 of 3" in end
    )
    assert "**Scores:** Klingon Empire 0, Romulan Star Empire 5, United Federation of Planets 0" in end
    assert "**Reputation:** @carol +1" in end
    assert transcript.rstrip().endswith("**Reputation:** @carol +1"), "the walkthrough ends with the scores"
