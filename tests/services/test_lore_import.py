"""Wiki files and exports into a server's lore: formats, titles, factions, re-runs."""

from __future__ import annotations

import io

import pytest

from bot.domain.errors import InvalidInput
from bot.domain.inert import shown
from bot.domain.lore import Kind, Years
from bot.services import lore_import
from bot.services.factions import resolve_faction, resolve_factions
from bot.services.lore import LoreService
from bot.services.lore_bulk import import_export
from bot.services.lore_import import draft_of, known_entries, read_file
from bot.storage import lore as store
from tests.services.test_wiki_export import export, page

GUILD = 4242


@pytest.mark.parametrize(
    ("typed", "resolved"),
    [
        ("Klingon", "Klingon Empire"),
        ("feds", "United Federation of Planets"),
        ("romulans", "Romulan Star Empire"),
        ("  the   Dominion ", "Dominion"),
        ("house of duras", "House of Duras"),
        ("Kzinti Patriarchy", "Kzinti Patriarchy"),  # unknown: kept as typed
        ("Ro", "Ro"),  # too short to guess from
    ],
)
def test_factions_resolve_to_the_names_lore_files_entries_under(typed: str, resolved: str) -> None:
    assert resolve_faction(typed) == resolved


def test_factions_are_resolved_once_each() -> None:
    assert resolve_factions(["Klingons", "Klingon Empire", " ", "Feds"]) == (
        "Klingon Empire",
        "United Federation of Planets",
    )


def no_links(name: str) -> str | None:
    return None


@pytest.mark.parametrize(
    ("name", "data", "title"),
    [
        ("notes.md", b"# Praxis Incident\n\nA **moon** exploded.", "Praxis Incident"),
        ("kor.txt", b"'''Kor''' was a ''Klingon''.\n\n== Life ==\nHe fought.", "Kor"),
        ("kor.wiki", b"{{Infobox|born=2240}}\n'''Kor''' was a Klingon.", "Kor"),
        ("saved.txt", b"The Organian Treaty was a peace. It was imposed.", "Organian Treaty"),
        ("export.xml", export(page("Organian Peace Treaty", "It was imposed.")), "Organian Peace Treaty"),
    ],
)
def test_each_kind_of_file_is_titled_from_the_page(name: str, data: bytes, title: str) -> None:
    assert read_file(data, name, no_links).title == title


def test_a_markdown_file_keeps_its_formatting_and_wikitext_becomes_markdown() -> None:
    assert read_file(b"# T\n\nA **moon** *exploded*.", "t.md", no_links).body == "A **moon** *exploded*."
    page_ = read_file(b"'''Kor''' was a ''Klingon''.\n\n== Life ==\nHe fought.", "kor.txt", no_links)
    assert page_.body == "**Kor** was a *Klingon*.\n\n## Life\n\nHe fought."
    assert page_.summary == "Kor was a Klingon."


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.pdf", b"%PDF", "Import takes a wiki page"),
        ("latin.txt", "Qo'noS \xe9".encode("latin-1"), "not UTF-8"),
        ("two.xml", export(page("A", "a") + page("B", "b")), "holds 2 articles; `/lore import` takes one"),
        ("none.xml", export(page("Talk:A", "a", ns="1")), "no article to import (Talk:A: not an article"),
        ("web.xml", b"<html></html>", "I could not read that export"),
    ],
)
def test_files_that_cannot_be_imported_say_why(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_file(data, name, no_links)
    assert message in shown(refused.value.message)  # as a member reads it: a page's title is escaped


def test_an_infobox_gives_years_and_resolved_factions() -> None:
    text = b"{{Infobox battle|date=2380-2381|combatant1=Klingons|combatant2=[[Feds]]}}\nThe fight was short."
    draft = draft_of(read_file(text, "zeta.wiki", no_links), Kind.BATTLE)
    assert draft.years == Years(2380, 2381)
    assert draft.factions == ("Klingon Empire", "United Federation of Planets")


WIKI = export(
    page("Battle of Zeta Draconis", "A skirmish near [[Praxis]] and [[Nowhere]].\n== Opening ==\nDawn.")
    + page("Zeta Fleet", "The fleet that fought at [[Battle of Zeta Draconis|Zeta]].")
    + page("Praxis", "'''Praxis''' is canon already.")
    + page("Talk:Zeta", "chat", ns="1"),
    siteinfo="<siteinfo><namespaces><namespace key='1'>Talk</namespace></namespaces></siteinfo>",
)


async def test_an_export_is_imported_and_a_second_run_updates(lore_service: LoreService) -> None:
    first = await import_export(lore_service, GUILD, io.BytesIO(WIKI), Kind.EVENT)
    assert (first.imported, first.updated) == (2, 0)
    assert first.skipped == [
        ("Praxis", "'Praxis' is already the name of the entry 'Praxis'. Pick another."),
        ("Talk:Zeta", "not an article (namespace 1: Talk)"),
    ]
    again = await import_export(lore_service, GUILD, io.BytesIO(WIKI), Kind.EVENT)
    assert (again.imported, again.updated, len(again.skipped)) == (0, 2, 2)
    entries = {e.title: e for e in await store.in_guild(lore_service.db, GUILD)}
    assert sorted(entries) == ["Battle of Zeta Draconis", "Zeta Fleet"]
    assert (
        entries["Battle of Zeta Draconis"].body
        == "A skirmish near Praxis and Nowhere.\n\n## Opening\n\nDawn."
    )
    assert await store.in_guild(lore_service.db, GUILD + 1) == []  # only the server named


async def test_links_are_matched_against_canon_and_the_servers_own_lore(lore_service: LoreService) -> None:
    await import_export(lore_service, GUILD, io.BytesIO(WIKI), Kind.EVENT)
    text = "[[Zeta Fleet|The fleet]] saw [[praxis]] and [[Nowhere]]."
    known = await known_entries(lore_service, GUILD, text)
    page_ = read_file(text.encode(), "x.wiki", known.lookup)
    assert [known.titles[key] for key in page_.related] == ["Zeta Fleet", "Praxis"]
    elsewhere = await known_entries(lore_service, GUILD + 1, "[[Zeta Fleet]] and [[Praxis]].")
    assert read_file(b"[[Zeta Fleet]] and [[Praxis]].", "x.wiki", elsewhere.lookup).related == ("praxis",)


async def test_an_import_never_reads_the_servers_names_whole(lore_service: LoreService) -> None:
    """A page's links are looked up by name in the server's index (reading every name per page
    made an import slow down as the server grew: issue #21); every process reads the same index."""
    pages = "".join(
        page(f"Outpost {n}", f"A listening post, number {n}, beside [[Outpost {n - 1}]].") for n in range(40)
    )
    read: list[str] = []
    await lore_service.db.trace(read.append)
    try:
        summary = await import_export(lore_service, GUILD, io.BytesIO(export(pages)), Kind.PLACE)
    finally:
        await lore_service.db.trace(None)
    assert summary.imported == 40
    assert not [sql for sql in read if "FROM lore_entries WHERE guild_id = ? ORDER BY" in sql]
    assert not [sql for sql in read if "FROM lore_names WHERE scope = ? AND name >=" in sql]
    last = await lore_service.find(GUILD, "Outpost 39")
    assert [e.title for e in await lore_service.related(last)] == ["Outpost 38"]  # its link, found by name
    assert [n.title for n in await lore_service.suggest(GUILD, "Outpost 39")][:1] == ["Outpost 39"]


async def test_a_pages_links_are_looked_up_without_normalising_canon_again(
    lore_service: LoreService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/lore import runs known_entries on the loop: canon's thousand-odd names are normalised once
    per process, not for every page (10-50 ms of the loop each time)."""
    await import_export(lore_service, GUILD, io.BytesIO(WIKI), Kind.EVENT)
    await known_entries(lore_service, GUILD, "[[Praxis]]")
    normalised: list[str] = []
    real = lore_import.normalise

    def counted(name: str) -> str:
        normalised.append(name)
        return real(name)

    monkeypatch.setattr(lore_import, "normalise", counted)
    text = "[[Zeta Fleet|The fleet]] saw [[praxis]] and [[Nowhere]]."
    known = await known_entries(lore_service, GUILD, text)
    assert len(normalised) <= 10
    page_ = read_file(text.encode(), "x.wiki", known.lookup)
    assert [known.titles[key] for key in page_.related] == ["Zeta Fleet", "Praxis"]
