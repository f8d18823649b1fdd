"""The console's clock moves (`wait 2h`), form fields take several lines, and `click LABEL`
reaches past a private reply to the public message with that button (issue #23, 2.8)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from rich.console import Console

from bot.config import Settings
from bot.console.app import SlashCompleter, open_session, run_script


async def run(lines: list[str], tmp_path: Path) -> tuple[int, str]:
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)
    code = await run_script(Settings(database_path=tmp_path / "console.db"), lines, console)
    return code, out.getvalue()


def after(transcript: str, line: str) -> str:
    """What the console printed for `line` (up to the next prompt)."""
    said = transcript.split(f"> {line}\n", 1)[1]
    return said.split("\nalice #", 1)[0].split("\nbob #", 1)[0].split("\nmod #", 1)[0]


SEATED = [
    "as mod",
    "/config set setting:game.threads value:off",
    "/config set setting:deadline.lobby value:10m",
    "/config set setting:deadline.negotiation value:2h",
    "as alice",
    "/accord convene scenario:khitomer",
    "click Sit for Klingon",
    "as bob",
    "click Sit for Romulan",
    "as alice",
]


async def test_wait_moves_the_clock_past_a_deadline_a_reminder_and_the_end(tmp_path: Path) -> None:
    lines = [*SEATED, "wait 30s", "wait 10m", "wait 1h", "wait 1h30m"]
    code, transcript = await run(lines, tmp_path)
    assert code == 0, transcript
    quiet = after(transcript, "wait 30s")
    assert "30s pass: it is now 2026-01-01 00:00 UTC." in quiet
    assert "nothing new" in quiet
    lobby_ends = after(transcript, "wait 10m")
    assert "10m pass: it is now 2026-01-01 00:10 UTC." in lobby_ends
    assert "Khitomer, 2293**: Time is up for the lobby: negotiations are open." in lobby_ends
    assert "── bot (edited)  · message" in lobby_ends and "Phase: negotiation" in lobby_ends, "the board"
    reminder = after(transcript, "wait 1h")
    assert "negotiation ends in 1h." in reminder and "@alice" in reminder and "<@" not in reminder
    assert "Time is up" not in reminder
    end = after(transcript, "wait 1h30m")
    assert "1h 30m pass: it is now 2026-01-01 02:40 UTC." in end
    assert "Time is up for negotiation: no article was agreed" in end
    assert "failed: no accord was ratified." in end


async def test_wait_shows_what_happened_in_a_thread_and_where(tmp_path: Path) -> None:
    lines = [*SEATED[:1], *SEATED[2:], "wait 11m"]
    code, transcript = await run(lines, tmp_path)
    assert code == 0, transcript
    said = after(transcript, "wait 11m")
    assert "in #conference-hall › Khitomer, 2293:" in said
    assert said.index("in #conference-hall › Khitomer, 2293:") < said.index("Time is up for the lobby")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("wait soon", "wait takes a duration such as 30s, 10m, 2h, 1d or 1h30m, not 'soon'"),
        ("wait 2 hours", "wait takes a duration such as 30s, 10m, 2h, 1d or 1h30m, not '2 hours'"),
        ("wait", "usage: wait DURATION (30s, 10m, 2h, 1d or 1h30m)"),
        ("wait 0s", "wait takes from 1s to 30d"),
        ("wait 31d", "wait takes from 1s to 30d"),
    ],
)
async def test_a_bad_duration_is_refused_with_a_clear_line(tmp_path: Path, line: str, message: str) -> None:
    code, transcript = await run([line, "/about"], tmp_path)
    assert code == 1
    assert f"line 1: {message}" in transcript
    assert "pass: it is now" not in transcript


async def test_wait_is_in_the_help_and_completes(tmp_path: Path) -> None:
    code, transcript = await run(["help"], tmp_path)
    assert code == 0
    assert "wait DURATION" in transcript and "move the clock on" in transcript
    async with open_session(
        Settings(database_path=tmp_path / "c.db"), Console(file=io.StringIO())
    ) as session:
        found = SlashCompleter(session).get_completions_async(
            Document("wa"), CompleteEvent(completion_requested=True)
        )
        assert [c.text async for c in found] == ["wait"]


LONG_NIGHT = [
    "as mod",
    "/lore add kind:event",
    "| The Long Night",
    "| ",
    "| 2290-2291",
    "| A dark winter on Qo'noS.",
    "| The cold came early, \\",
    "| and stayed.\\",
    "| \\",
    "| ## Aftermath\\",
    "| The spring was late.",
    '/lore entry topic:"The Long Night"',
    "click Next",
]


async def test_a_paragraph_field_takes_several_lines_in_a_script(tmp_path: Path) -> None:
    code, transcript = await run(LONG_NIGHT, tmp_path)
    assert code == 0, transcript
    assert (
        "5. Body (Markdown; ## for headings) (optional) — several lines: end a line with \\ to go on"
        in transcript
    )
    assert "3. Years (2293 or 2267-2271) (optional)\n" in transcript, "a one-line field says nothing more"
    assert "  Body (Markdown; ## for headings): The cold came early, \\\n  … and stayed.\\\n" in transcript
    body = after(transcript, "click Next")
    assert "│ The cold came early,  " in body and "│ and stayed.  " in body, "two lines, as typed"
    assert "│ **Aftermath**  " in body and "## Aftermath" not in body, "the heading became a heading"
    assert "│ The spring was late.  " in body


async def test_a_paragraph_field_takes_several_lines_at_the_prompt(tmp_path: Path) -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from bot.console.app import run_interactive

    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("".join(line.removeprefix("| ") + "\n" for line in LONG_NIGHT))
        pipe.send_bytes(b"\x04")  # Ctrl-D
        code = await run_interactive(Settings(database_path=tmp_path / "i.db"), console)
    transcript = out.getvalue()
    assert code == 0
    assert "Added **The Long Night**" in transcript
    body = transcript.split("Page 1 of 2")[-1]
    assert "│ and stayed.  " in body and "│ **Aftermath**  " in body and "│ The spring was late.  " in body


async def test_click_by_label_after_a_private_reply_finds_the_public_message(tmp_path: Path) -> None:
    lines = ["/accord convene scenario:khitomer", "/help", "click Sit for Klingon", "/lore entry topic:Kor"]
    code, transcript = await run([*lines, "as bob", "click Sit for Romulan"], tmp_path)
    assert code == 0, transcript
    assert "alice sees  (only you can see this)" in after(transcript, "/help")
    assert "Klingon Empire: @alice" in after(transcript, "click Sit for Klingon")
    assert "Romulan Star Empire: @bob" in after(transcript, "click Sit for Romulan")


async def test_another_members_private_reply_is_not_theirs_to_click(tmp_path: Path) -> None:
    code, transcript = await run(["/help", "as bob", "click Next"], tmp_path)
    assert code == 1
    assert "line 3: no button labelled 'Next' on a message bob can see" in transcript
