"""Issue #22, defect 2, in the console: player text the bot escaped reads as typed there too,
and a mention someone typed stays text instead of becoming a member's name."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from bot.config import Settings
from bot.console.app import run_script

TYPED = "[a](https://a.ex) [b](https://e.x/y) <@123456789012345678> *now*"


async def test_a_refusal_echoing_typed_links_and_a_mention_reads_as_typed(tmp_path: Path) -> None:
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)
    line = f"!/lore entry topic:'{TYPED}'"
    code = await run_script(Settings(database_path=tmp_path / "console.db"), [line], console)
    assert code == 0, out.getvalue()
    assert f"I know nothing called '{TYPED}'." in out.getvalue()
