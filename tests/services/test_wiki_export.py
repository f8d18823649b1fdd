"""MediaWiki XML exports read page by page, whatever the schema version."""

from __future__ import annotations

import io

import pytest

from bot.services.wiki_export import ExportError, ExportPage, read_export


def export(pages: str, schema: str = "0.11", siteinfo: str = "") -> bytes:
    xmlns = f' xmlns="http://www.mediawiki.org/xml/export-{schema}/"' if schema else ""
    return f'<mediawiki{xmlns} version="{schema}">{siteinfo}{pages}</mediawiki>'.encode()


def page(title: str, text: str, ns: str | None = "0", extra: str = "") -> str:
    namespace = f"<ns>{ns}</ns>" if ns is not None else ""
    return f"<page><title>{title}</title>{namespace}{extra}<revision><text>{text}</text></revision></page>"


SITEINFO = (
    "<siteinfo><namespaces><namespace key='0' /><namespace key='1'>Talk</namespace>"
    "<namespace key='10'>Template</namespace></namespaces></siteinfo>"
)


def read(data: bytes) -> list[ExportPage]:
    return list(read_export(io.BytesIO(data)))


@pytest.mark.parametrize("schema", ["0.10", "0.11", ""])
def test_articles_are_read_and_the_rest_skipped_with_reasons(schema: str) -> None:
    data = export(
        page("Kor", "'''Kor''' was a Klingon.")
        + page("Talk:Kor", "chat", ns="1")
        + page(
            "Kahless", "#REDIRECT [[Kahless the Unforgettable]]", extra="<redirect title='Kahless the U' />"
        )
        + page("Empty", "")
        + page("Template:Infobox", "{{{1}}}", ns=None),
        schema,
        SITEINFO,
    )
    pages = read(data)
    assert pages[0] == ExportPage("Kor", "'''Kor''' was a Klingon.")
    assert [(p.title, p.skip) for p in pages[1:]] == [
        ("Talk:Kor", "not an article (namespace 1: Talk)"),
        ("Kahless", "a redirect to Kahless the U"),
        ("Empty", "it has no text"),
        ("Template:Infobox", "not an article (namespace 10: Template)"),  # no <ns>: by its prefix
    ]


def test_the_latest_revision_is_read() -> None:
    data = export(
        "<page><title>Praxis</title><ns>0</ns><revision><text>old</text></revision>"
        "<revision><text>A moon that exploded.</text></revision></page>"
    )
    assert read(data)[0].text == "A moon that exploded."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body>not a wiki</body></html>", "not a MediaWiki XML export"),
        (b"<mediawiki><page><title>Cut", "not well-formed"),
        (b"", "not well-formed"),
    ],
)
def test_what_is_not_an_export_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        read(data)


def test_pages_are_counted_as_they_are_read() -> None:
    seen: list[int] = []
    pages = read_export(io.BytesIO(export(page("A", "a") + page("B", "b"))), lambda: seen.append(1))
    assert [p.title for p in pages] == ["A", "B"] and len(seen) == 2
