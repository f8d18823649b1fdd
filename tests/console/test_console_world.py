"""The console reaches everything a member can: threads, every option type, earlier messages,
files, the owner's and game master's commands, and a server shaped from the command line."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from discord import AppCommandOptionType
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document
from rich.console import Console

from bot.config import Settings
from bot.console.app import DemoOptions, SlashCompleter, open_session, run_script
from bot.console.lines import LineError
from bot.console.places import Places
from bot.console.session import StepFailed
from bot.ops.cli import main
from bot.storage import error_reports


async def run(lines: list[str], tmp_path: Path) -> tuple[int, str]:
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)
    code = await run_script(Settings(database_path=tmp_path / "console.db"), lines, console)
    return code, out.getvalue()


CONVENE = ["/accord convene scenario:khitomer"]


async def test_a_conference_thread_is_announced_listed_and_entered(tmp_path: Path) -> None:
    lines = [*CONVENE, "threads", "in 1", "/accord status", "in #conference-hall", 'in "khitomer"', "threads"]
    code, transcript = await run(lines, tmp_path)
    assert code == 0, transcript
    opened = 'A thread opened: #conference-hall › Khitomer, 2293. Enter it with: in "Khitomer, 2293"'
    assert opened in transcript
    assert transcript.count("  [1] Khitomer, 2293") == 2  # from the channel, and from inside the thread
    assert "now in #conference-hall › Khitomer, 2293" in transcript
    assert "alice #conference-hall › Khitomer, 2293> /accord status" in transcript
    assert "╭─ Conference: Khitomer, 2293" in transcript.split("> /accord status")[1], (
        "the board, not a refusal"
    )
    assert "now in #conference-hall\n" in transcript


async def test_an_unknown_place_lists_the_channels_and_threads(tmp_path: Path) -> None:
    code, transcript = await run([*CONVENE, "in #holodeck"], tmp_path)
    assert code == 1
    assert (
        "no channel or thread '#holodeck'; there are #conference-hall, #lore-library, \"Khitomer, 2293\""
        in (transcript)
    )


async def test_members_channels_roles_files_numbers_and_yes_no_are_typed_as_text(tmp_path: Path) -> None:
    page = tmp_path / "talks.md"
    page.write_text("# Talks at Narendra\n\nA summit our players held.\n\n## Outcome\n\nA truce.\n")
    lines = [
        "as mod",
        '/config explain command:"accord start" member:@bob channel:#lore-library',
        "/config set setting:game.channels value:add channel:#lore-library",
        '/config set setting:gm_role role:@"Game Masters"',
        "/config area name:lore enabled:no",
        "!/lore entry topic:Kor",
        "/config area name:lore enabled:yes",
        f"/lore import file:{page} kind:event",
        "/lore timeline from_year:2290 to_year:2295",
    ]
    code, transcript = await run(lines, tmp_path)
    assert code == 0, transcript
    assert "can bob use /accord start in #lore-library?" in transcript
    assert "`game.channels` is now #lore-library." in transcript
    assert "`gm_role` is now @Game Masters." in transcript
    assert "turned off here by the moderators" in transcript
    assert "Talks at Narendra" in transcript
    timeline = transcript.split("/lore timeline")[1]
    assert "Timeline, 2290 to 2295" in timeline and "2293" in timeline  # from_year and to_year read


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "/config explain command:help member:picard",
            "member: no member 'picard'; there are owner, mod, gm",
        ),
        ("/config explain command:help channel:#bridge", "no channel or thread '#bridge'"),
        ("/config set setting:gm_role role:@Admirals", "role: no role '@Admirals'; there are Moderators"),
        ("/config area name:lore enabled:perhaps", "enabled takes true or false, not 'perhaps'"),
        ("/lore timeline from_year:soon", "from_year takes a whole number, not 'soon'"),
        ("/lore import file:/no/such/page.md kind:event", "no file at /no/such/page.md"),
    ],
)
async def test_an_option_value_that_names_nothing_says_what_would_fit(
    tmp_path: Path, line: str, message: str
) -> None:
    code, transcript = await run(["as mod", line], tmp_path)
    assert code == 1
    assert message in transcript


def test_numbers_are_read_or_refused() -> None:
    places = Places(SimpleNamespace(members={}, roles={}, channels={}))  # type: ignore[arg-type]
    number = SimpleNamespace(type=AppCommandOptionType.number, name="ratio")
    assert places.value(number, "0.25", None) == 0.25  # type: ignore[arg-type]
    with pytest.raises(LineError, match="ratio takes a number, not 'half'"):
        places.value(number, "half", None)  # type: ignore[arg-type]


async def test_messages_are_numbered_and_earlier_ones_stay_reachable(tmp_path: Path) -> None:
    lines = [
        "/lore entry topic:Kor",  # message 1: a pager with a menu
        "/about",  # message 2: private, no buttons: it does not hide message 1's
        "click Next",
        "select 3 Hectavious on 1",
        "history 2",
        "!click Next on 2",
    ]
    code, transcript = await run(lines, tmp_path)
    assert code == 1 and "line 6: message 2 has no button or menu" in transcript
    assert "── bot  · message 1" in transcript
    assert "── alice sees  (only you can see this)  · message 2" in transcript
    assert "Page 2 of 2" in transcript.split("> click Next")[1]
    assert "╭─ Hectavious" in transcript.split("> select 3 Hectavious on 1")[1]
    history = transcript.split("> history 2")[1].split("> !click")[0]
    assert "· message" in history and "[1] ◀ Previous" in history


async def test_a_lobby_button_is_pressed_from_inside_the_thread(tmp_path: Path) -> None:
    lines = [*CONVENE, 'in "Khitomer, 2293"', "as bob", 'click "Sit for Klingon Empire" on 1', "history 5"]
    code, transcript = await run(lines, tmp_path)
    assert code == 0, transcript
    assert "⚔️ Klingon Empire: @bob" in transcript
    assert "(started a thread: Khitomer, 2293)" in transcript


async def test_files_the_bot_sends_are_saved_and_their_paths_printed(tmp_path: Path) -> None:
    files = tmp_path / "files"
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)
    settings = Settings(database_path=tmp_path / "c.db")
    async with open_session(settings, console, DemoOptions(files=files)) as session:
        report = error_reports.ErrorReport(
            "0badc0de",
            session.env.now(),
            session.demo.guild.id,
            1,
            2,
            "/lore entry",
            "KeyError",
            "Trace\n" * 900,
        )
        await error_reports.record(session.env.bot.db, report)  # type: ignore[attr-defined]

        async def no_answers(_field: dict[str, object]) -> str:
            return ""

        await session.run("as owner", no_answers)
        await session.run("/owner error reference:0badc0de", no_answers)
        await session.run("as mod", no_answers)
        with pytest.raises(StepFailed, match="not visible to this user"):  # as in Discord: admins only
            await session.run("/owner error reference:0badc0de", no_answers)
    saved = files / "1-error-0badc0de.txt"
    assert f"file saved: {saved}" in out.getvalue()
    assert saved.read_text() == "Trace\n" * 900


async def test_completion_offers_members_channels_threads_roles_and_yes_no(tmp_path: Path) -> None:
    async with open_session(
        Settings(database_path=tmp_path / "c.db"), Console(file=io.StringIO())
    ) as session:
        completer = SlashCompleter(session)

        async def complete(text: str) -> list[str]:
            found = completer.get_completions_async(Document(text), CompleteEvent(completion_requested=True))
            return [c.text async for c in found]

        async def no_answers(_field: dict[str, object]) -> str:
            return ""

        await session.run(CONVENE[0], no_answers)
        assert await complete("/config explain command:help member:@b") == ["member:@bob"]
        assert await complete("/config explain command:help member:c") == ["member:@carol"]
        assert await complete("/config explain command:help channel:#l") == ["channel:#lore-library"]
        assert await complete('/config set setting:game.channels channel:#"Khi') == [
            'channel:#"Khitomer, 2293"'
        ]
        assert await complete("/config set setting:gm_role role:@G") == ['role:@"Game Masters"']
        assert await complete("/config area name:lore enabled:") == ["enabled:true", "enabled:false"]
        assert {"history", "threads"} <= set(await complete(""))


def test_the_server_is_shaped_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "crew.txt"
    script.write_text("as kira\n/about\nas alice\n")
    code = main(
        ["console", "--script", str(script), "--players", "dax,kira", "--guild-name", "Deep Space Nine"]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith("dax #conference-hall> as kira")
    assert "no demo member 'alice'; there are owner, mod, gm, dax, kira" in out


def test_bad_players_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["console", "--players", "dax,dax"]) == 1
    assert capsys.readouterr().err.strip() == "khitomer: --players lists a name twice"


async def test_the_guild_name_is_the_demo_servers(tmp_path: Path) -> None:
    options = DemoOptions(guild_name="Deep Space Nine")
    async with open_session(
        Settings(database_path=tmp_path / "c.db"), Console(file=io.StringIO()), options
    ) as s:
        assert s.demo.guild.name == "Deep Space Nine"
        assert s.env.bot.get_guild(s.demo.guild.id).name == "Deep Space Nine"  # type: ignore[attr-defined]


async def test_the_prompt_plays_threads_options_and_earlier_messages(tmp_path: Path) -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from bot.console.app import run_interactive

    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)
    typed = [
        *CONVENE,
        "threads",
        "in 1",
        "as bob",
        'click "Sit for Romulan" on 1',
        "as mod",
        "/config explain command:help member:@carol",
        "history 1",
    ]
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("\n".join(typed) + "\n")
        pipe.send_bytes(b"\x04")
        code = await run_interactive(Settings(database_path=tmp_path / "i.db"), console)
    transcript = out.getvalue()
    assert code == 0
    assert "[1] Khitomer, 2293" in transcript and "now in #conference-hall › Khitomer, 2293" in transcript
    assert "🦅 Romulan Star Empire: @bob" in transcript
    # asked in the thread: Khitomer's rules judge the thread, Discord's are its channel's
    assert "can carol use /help in #Khitomer, 2293?" in transcript
    assert "Discord: a thread follows the command settings of #conference-hall." in transcript


async def test_help_lists_the_console_commands_and_how_to_type_option_values(tmp_path: Path) -> None:
    code, transcript = await run(["help"], tmp_path)
    assert code == 0
    for usage in ("click N|LABEL [on M]", "history [N]", "threads", "in PLACE"):
        assert usage in transcript
    for syntax in ("member:bob or member:@bob", 'role:@"Game Masters"', "file:PATH", "flag:true"):
        assert syntax in transcript


async def test_the_prompt_saves_files_acts_as_the_owner_and_uses_the_shaped_server(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from bot.console.app import run_interactive
    from bot.storage import SqliteDatabase

    database = tmp_path / "i.db"
    db = await SqliteDatabase.open(database)
    when = datetime(2293, 1, 1, tzinfo=UTC)
    report = error_reports.ErrorReport("0badc0de", when, 1, 2, 3, "/lore entry", "KeyError", "Trace\n" * 10)
    await error_reports.record(db, report)
    await db.close()
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)
    options = DemoOptions(guild_name="Deep Space Nine", players=("dax", "kira"), files=tmp_path / "files")
    typed = ["as owner", "/owner error reference:0badc0de", "as kira", 'in "lore-library"', "/about"]
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("\n".join(typed) + "\n")
        pipe.send_bytes(b"\x04")
        code = await run_interactive(Settings(database_path=database), console, options=options)
    transcript = out.getvalue()
    saved = tmp_path / "files" / "1-error-0badc0de.txt"
    assert code == 0
    assert f"file saved: {saved}" in transcript and saved.read_text() == "Trace\n" * 10
    assert "now acting as kira" in transcript and "now in #lore-library" in transcript
    assert (
        "Server “Deep Space Nine”: channels #conference-hall, #lore-library; "
        "members owner, mod, gm, dax, kira (`as NAME` switches)."
    ) in transcript


async def test_a_form_answer_missing_from_a_script_is_named(tmp_path: Path) -> None:
    code, transcript = await run(
        ["# a moderator forgets the summary", "as mod", "/lore add kind:battle", "| T"], tmp_path
    )
    assert code == 1
    assert "the form needs “Summary" in transcript


async def test_a_picture_the_bot_draws_is_saved_as_a_png(tmp_path: Path) -> None:
    from PIL import Image

    files = tmp_path / "files"
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None, highlight=False)
    async with open_session(
        Settings(database_path=tmp_path / "c.db"), console, DemoOptions(files=files)
    ) as session:

        async def no_answers(_field: dict[str, object]) -> str:
            return ""

        await session.run("/treaty map year:2293", no_answers)
    (saved,) = files.glob("*-diplomatic-map.png")
    assert f"file saved: {saved}" in out.getvalue()
    with Image.open(saved) as image:
        assert image.format == "PNG" and image.width == 800
