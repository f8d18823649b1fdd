"""`khitomer import-wiki EXPORT.xml --guild ID` as an operator runs it, on exports built here."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.ops import import_wiki as import_wiki_module
from tests.services.test_wiki_export import export, page
from tests.test_cli import assert_one_line_error, khitomer

GUILD = "123456789012345678"
SITEINFO = "<siteinfo><namespaces><namespace key='1'>Talk</namespace></namespaces></siteinfo>"
WIKI = export(
    page(
        "Battle of Zeta Draconis",
        "{{Infobox battle|date=2380–2381|combatant1=[[Klingon Empire|Klingons]]|combatant2=feds}}\n"
        "The '''Battle of Zeta Draconis''' was a border skirmish near [[Praxis]].&lt;ref&gt;Campaign log"
        "&lt;/ref&gt;\n== Opening ==\nThe fleets met at dawn.",
    )
    + page(
        "Zeta", "#REDIRECT [[Battle of Zeta Draconis]]", extra="<redirect title='Battle of Zeta Draconis'/>"
    )
    + page("Talk:Zeta", "chat", ns="1")
    + page("Praxis", "'''Praxis''' was a moon.")
    + page("Zeta Fleet", "The fleet of our campaign."),
    siteinfo=SITEINFO,
)


def rows(database: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(database) as conn:
        return conn.execute(
            "SELECT guild_id, title, year_start, year_end, factions, summary, body"
            " FROM lore_entries ORDER BY id"
        ).fetchall()


def test_a_wiki_is_imported_with_a_summary_and_a_second_run_updates(tmp_path: Path) -> None:
    (tmp_path / "wiki.xml").write_bytes(WIKI)
    done = khitomer("import-wiki", "wiki.xml", "--guild", GUILD, cwd=tmp_path, DATABASE_PATH="k.db")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Imported 2, updated 0, skipped 3 (server {GUILD}).",
        "  skipped Zeta: a redirect to Battle of Zeta Draconis",
        "  skipped Talk:Zeta: not an article (namespace 1: Talk)",
        "  skipped Praxis: 'Praxis' is already the name of the entry 'Praxis'. Pick another.",
    ]
    assert "[##############################] 100%  5 pages" in done.stderr  # the progress bar
    battle, fleet = rows(tmp_path / "k.db")
    assert battle == (
        int(GUILD),
        "Battle of Zeta Draconis",
        2380,
        2381,
        '["Klingon Empire", "United Federation of Planets"]',
        "The Battle of Zeta Draconis was a border skirmish near Praxis.",
        "The **Battle of Zeta Draconis** was a border skirmish near Praxis.\n\n## Opening\n\n"
        "The fleets met at dawn.\n\n## Sources\n\n- Campaign log",
    )
    assert fleet[1] == "Zeta Fleet"

    again = khitomer("import-wiki", "wiki.xml", "--guild", GUILD, cwd=tmp_path, DATABASE_PATH="k.db")
    assert again.stdout.startswith(f"Imported 0, updated 2, skipped 3 (server {GUILD}).")
    assert len(rows(tmp_path / "k.db")) == 2, "a second run updates instead of adding twice"


def test_bad_arguments_and_files_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "page.xml").write_bytes(b"<html><body>a web page</body></html>")
    (tmp_path / "wiki.xml").write_bytes(WIKI)
    cases = [
        (("page.xml", "--guild", GUILD), "not a MediaWiki XML export"),
        (("missing.xml", "--guild", GUILD), "no file at missing.xml"),
        (("wiki.xml", "--guild", "my-server"), "--guild takes a server ID"),
    ]
    for args, message in cases:
        done = khitomer("import-wiki", *args, cwd=tmp_path, DATABASE_PATH="k.db")
        assert_one_line_error(done, message)
    assert not (tmp_path / "k.db").exists() or rows(tmp_path / "k.db") == []


def test_start_up_is_set_aside_from_garbage_collection_before_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole wiki's pages make many full collections; none need walk start-up's objects (issue #21)."""
    happened: list[str] = []
    monkeypatch.setattr(import_wiki_module, "set_start_up_aside", lambda: happened.append("set aside") or 1)
    importing = import_wiki_module.import_export

    async def import_export(*args: Any, **kwargs: Any) -> Any:
        happened.append("pages")
        return await importing(*args, **kwargs)

    monkeypatch.setattr(import_wiki_module, "import_export", import_export)
    (tmp_path / "wiki.xml").write_bytes(WIKI)
    said = import_wiki_module.import_wiki(
        Settings(database_path=tmp_path / "k.db"), tmp_path / "wiki.xml", GUILD, "event"
    )
    assert said.startswith("Imported 2, updated 0, skipped 3")
    assert happened == ["set aside", "pages"]
