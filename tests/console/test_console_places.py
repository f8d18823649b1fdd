"""`in NAME` when names repeat: a rematch's thread is numbered, and where several threads answer
to a name, the console enters the one whose conference is running, else the newest."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

from rich.console import Console

from bot.config import Settings
from bot.console.app import run_script
from bot.console.places import Places


async def run(lines: list[str], tmp_path: Path) -> tuple[int, str]:
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)
    code = await run_script(Settings(database_path=tmp_path / "console.db"), lines, console)
    return code, out.getvalue()


async def test_in_a_name_enters_the_rematchs_thread_while_its_conference_runs(tmp_path: Path) -> None:
    lines = [
        "/accord convene scenario:khitomer",
        'in "Khitomer, 2293"',
        "/accord host abandon",
        "click Abandon it",
        "in #conference-hall",
        "/accord rematch",
        "in khitomer",
        "/accord status",
        'in "Khitomer, 2293"',
        "threads",
    ]
    code, transcript = await run(lines, tmp_path)
    assert code == 0, transcript
    assert (
        'A thread opened: #conference-hall › Khitomer, 2293 (2). Enter it with: in "Khitomer, 2293 (2)"'
        in (transcript)
    )
    entered = transcript.split("> in khitomer\n")[1]
    assert entered.startswith(
        "now in #conference-hall › Khitomer, 2293 (2) (the running conference's, of 2 threads"
    )
    assert "╭─ Conference: Khitomer, 2293 (2)" in entered.split("> in")[0]
    # The exact name still finds the first, finished one.
    assert "now in #conference-hall › Khitomer, 2293\n" in transcript.split("Khitomer, 2293 (2)> in")[1]
    assert "  [1] Khitomer, 2293\n  [2] Khitomer, 2293 (2)" in transcript


def thread(ident: int, name: str) -> SimpleNamespace:
    return SimpleNamespace(id=ident, name=name, is_thread=True)


def test_of_threads_named_alike_the_live_one_is_entered_else_the_newest() -> None:
    older, newer = thread(11, "Talks: Klingon Empire & Romulan Star Empire"), thread(12, "")
    newer.name = older.name
    hall = SimpleNamespace(id=1, name="conference-hall", is_thread=False, threads=[newer, older])
    places = Places(SimpleNamespace(channels={"conference-hall": hall}))  # type: ignore[arg-type]
    named = "talks: klingon empire & romulan star empire"
    assert places.find(named, hall).id == 12  # nothing running there: the newest
    assert places.find(named, hall, live={11}).id == 11  # the one a running conference sits in
    assert places.find("talks", hall, live={11}).id == 11  # by the start of its name too
    assert places.find(named, hall, live={99}).id == 12
