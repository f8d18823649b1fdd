"""The offline console: scripts, refusals, rendering, forms and completion."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from rich.console import Console

from bot.config import Settings
from bot.console.app import SlashCompleter, open_session, run_script
from bot.ops.cli import main

ROOT = Path(__file__).resolve().parents[2]


def walkthrough() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(
        r"<!-- walkthrough:start -->\n```text\n(.*?)```\n<!-- walkthrough:end -->", readme, re.S
    )
    assert block is not None, "the README walkthrough block is missing"
    return block.group(1).splitlines()


async def run(lines: list[str], tmp_path: Path) -> tuple[int, str]:
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None, highlight=False)
    code = await run_script(Settings(database_path=tmp_path / "console.db"), lines, console)
    return code, out.getvalue()


async def test_the_readme_walkthrough_runs_green(tmp_path: Path) -> None:
    lines = walkthrough()
    assert len([line for line in lines if line.lstrip("!").startswith("/")]) >= 8
    code, transcript = await run(lines, tmp_path)
    assert code == 0, transcript
    assert "Khitomer Accords — Articles II–IV" in transcript
    assert "The Klingon–Romulan Alliance has Articles I–V; there is no Article IX." in transcript
    assert "Battle of Zeta Draconis (server lore)" in transcript
    # the conference, in its own thread, with a game master named by a moderator
    assert (
        'A thread opened: #conference-hall › Khitomer, 2293. Enter it with: in "Khitomer, 2293"' in transcript
    )
    assert "gm sees  (only you can see this)" in transcript.split("!/accord start")[1].split("> as mod")[0]
    assert "Negotiations are open" in transcript.split("> /accord start\n")[1].split("> as alice")[0]
    assert "**Khitomer, 2293** is ratified." in transcript
    assert "Signed 2293 at Camp Khitomer by Klingon Empire (alice); United Federation of" in transcript


def test_the_walkthrough_runs_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "walk.txt"
    script.write_text("\n".join(walkthrough()))
    assert main(["console", "--script", str(script), "--db", str(tmp_path / "k.db")]) == 0
    assert "Articles II–IV" in capsys.readouterr().out
    assert (tmp_path / "k.db").exists(), "--db keeps the database"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["/lore entry topic:Kor", "/teleport to:Qonos"], "line 2: unknown command /teleport"),
        (["warp 9"], "line 1: unknown command 'warp'"),
        (["/lore entry planet:Praxis"], "/lore entry has no option 'planet'"),
        (["/lore entry topic:Tribbles"], "line 1: the bot refused that"),
        (["!/lore entry topic:Praxis"], "expected the bot to refuse that"),
        (["click 1"], "there is no button or menu on the last message"),
        (["as picard"], "no demo member 'picard'"),
        (["/lore timeline from_year:soon"], "from_year takes a whole number"),
    ],
)
async def test_a_failing_line_stops_the_script_with_a_clear_line(
    tmp_path: Path, lines: list[str], message: str
) -> None:
    code, transcript = await run([*lines, "/about"], tmp_path)
    assert code == 1
    assert message in transcript
    assert "About Khitomer" not in transcript, "nothing runs after the failure"


def test_an_unknown_command_exits_non_zero_from_the_command_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    script = tmp_path / "bad.txt"
    script.write_text("/lore entry topic:Praxis\n/warp speed:9\n")
    assert main(["console", "--script", str(script)]) == 1
    assert "line 2: unknown command /warp" in capsys.readouterr().out


async def test_an_embed_renders_with_title_fields_footer_and_numbered_components(tmp_path: Path) -> None:
    code, transcript = await run(["/lore entry topic:Kor"], tmp_path)
    assert code == 0
    assert "╭─ Kor " in transcript
    assert "Years: 2267–2375" in transcript and "Factions: Klingon Empire" in transcript
    assert "Page 1 of 2" in transcript
    assert "[1] ◀ Previous (disabled)" in transcript and "[2] Next ▶" in transcript
    assert "[3] ▾ Related entries…: hectavious (Hectavious)" in transcript


async def test_a_paged_answer_turns_by_number_and_by_label(tmp_path: Path) -> None:
    code, transcript = await run(["/lore entry topic:Kor", "click 2", "click Previous"], tmp_path)
    assert code == 0
    assert "Page 2 of 2" in transcript and transcript.rindex("Page 1 of 2") > transcript.index("Page 2 of 2")


async def test_ephemeral_replies_are_marked(tmp_path: Path) -> None:
    code, transcript = await run(["/about"], tmp_path)
    assert code == 0 and "alice sees  (only you can see this)" in transcript


async def test_a_form_is_asked_field_by_field(tmp_path: Path) -> None:
    lines = [
        "as mod",
        "/lore add kind:event",
        "| The Long Night",
        "| ",
        "| 2290-2291",
        "| A dark winter.",
        "| Cold.",
    ]
    code, transcript = await run(lines, tmp_path)
    assert code == 0, transcript
    assert "── form: New server lore" in transcript
    assert "1. Title" in transcript and "5. Body (Markdown; ## for headings) (optional)" in transcript
    assert "Years (2293 or 2267-2271): 2290-2291" in transcript
    assert "Added **The Long Night**" in transcript


async def test_completion_of_commands_options_and_autocomplete_values(tmp_path: Path) -> None:
    async with open_session(
        Settings(database_path=tmp_path / "c.db"), Console(file=io.StringIO())
    ) as session:
        completer = SlashCompleter(session)

        async def complete(text: str) -> list[str]:
            found = completer.get_completions_async(Document(text), CompleteEvent(completion_requested=True))
            return [c.text async for c in found]

        assert "/lore" in await complete("/lo")
        assert "entry" in await complete("/lore e")
        assert await complete("/treaty quote tr") == ["treaty:"]
        values = await complete("/treaty quote treaty:khit")
        assert values[:2] == ["treaty:khitomer", "treaty:khitomer_ii"]
        articles = await complete("/treaty quote treaty:khitomer article:")
        assert "article:all" in articles and "article:III" in articles
        kinds = await complete("/lore add kind:")
        assert "kind:battle" in kinds


async def test_interactive_errors_never_end_the_session_and_ctrl_d_leaves(tmp_path: Path) -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from bot.console.app import run_interactive

    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None, highlight=False)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("warp 9\n/lore entry topic:Tribbles\nas carol\n/lore entry topic:Kor\n")
        pipe.send_bytes(b"\x04")  # Ctrl-D
        code = await run_interactive(Settings(database_path=tmp_path / "i.db"), console)
    transcript = out.getvalue()
    assert code == 0
    assert "unknown command 'warp'" in transcript
    assert "I know nothing called 'Tribbles'" in transcript
    assert "now acting as carol" in transcript and "╭─ Kor " in transcript


def test_the_console_prints_no_log_chatter(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    script = tmp_path / "one.txt"
    script.write_text("/about\n")
    env = {k: v for k, v in os.environ.items() if k != "LOG_LEVEL"} | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--script", str(script)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("alice #conference-hall> /about")
    assert "WARNING" not in done.stdout + done.stderr
