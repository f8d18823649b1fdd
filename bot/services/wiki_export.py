"""Reading a MediaWiki XML export (Special:Export or a database dump) one page at a time.

Streamed with xml.etree.ElementTree.iterparse, so a dump of any size is read in constant
memory, and namespace-agnostic: the export schema's version (export-0.10, 0.11…) does not
matter. Each page comes with its latest revision's wikitext, or with the reason it is not an
article to import (a redirect, a talk or template page…).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from .lazy import ElementTree

MAIN_NAMESPACE = "0"


@dataclass(frozen=True, slots=True)
class ExportPage:
    title: str
    text: str
    skip: str | None = None  # why it is not imported, or None for an article


class ExportError(ValueError):
    """The file is not a MediaWiki XML export (or is cut short)."""


def _local(tag: str) -> str:
    """A tag without its namespace: {http://www.mediawiki.org/xml/export-0.11/}page -> page."""
    return tag.rsplit("}", 1)[-1]


def _child(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    return next((child for child in element if _local(child.tag) == name), None)


def _text(element: ElementTree.Element | None) -> str:
    return (element.text or "") if element is not None else ""


def check_export(source: IO[bytes]) -> None:
    """ExportError unless `source` opens like a MediaWiki export; it is rewound either way."""
    try:
        for _event, element in ElementTree.iterparse(source, events=("start",)):
            if _local(element.tag) != "mediawiki":
                raise ExportError("that is not a MediaWiki XML export (no <mediawiki> root)")
            return
        raise ExportError("that file is empty")
    except ElementTree.ParseError as error:
        raise ExportError(f"the XML is not well-formed ({error})") from None
    finally:
        source.seek(0)


def read_export(source: IO[bytes], on_page: Callable[[], None] | None = None) -> Iterator[ExportPage]:
    """Every page of the export in `source`, in order; ExportError when it is not an export.
    `on_page` is called after each page is read (for a progress bar)."""
    namespaces: dict[str, str] = {}  # "talk" -> "1", from <siteinfo>, for exports without <ns>
    labels: dict[str, str] = {}  # "1" -> "Talk"
    seen_root = False
    try:
        for event, element in ElementTree.iterparse(source, events=("start", "end")):
            name = _local(element.tag)
            if event == "start":
                if not seen_root and name != "mediawiki":
                    raise ExportError("that is not a MediaWiki XML export (no <mediawiki> root)")
                seen_root = True
                continue
            if name == "namespace":
                if element.text and element.text.strip():
                    namespaces[element.text.strip().casefold()] = element.get("key", "")
                    labels[element.get("key", "")] = element.text.strip()
            elif name == "page":
                yield _page(element, namespaces, labels)
                element.clear()  # constant memory however long the dump
                if on_page is not None:
                    on_page()
    except ElementTree.ParseError as error:
        raise ExportError(f"the XML is not well-formed ({error})") from None
    if not seen_root:
        raise ExportError("that file is empty")


def _page(page: ElementTree.Element, namespaces: dict[str, str], labels: dict[str, str]) -> ExportPage:
    title = " ".join(_text(_child(page, "title")).split())
    namespace = _text(_child(page, "ns")).strip()
    if not namespace:  # older exports: the namespace is the title's prefix
        prefix, colon, _rest = title.partition(":")
        namespace = namespaces.get(prefix.strip().casefold(), MAIN_NAMESPACE) if colon else MAIN_NAMESPACE
    revisions = [child for child in page if _local(child.tag) == "revision"]
    text = _text(_child(revisions[-1], "text")) if revisions else ""  # the latest revision
    if not title:
        return ExportPage("(untitled)", "", "it has no title")
    if namespace != MAIN_NAMESPACE:
        kind = labels.get(namespace, "")
        return ExportPage(title, "", f"not an article (namespace {namespace}{f': {kind}' if kind else ''})")
    redirect = _child(page, "redirect")
    if redirect is not None or text.lstrip()[:9].casefold() == "#redirect":
        target = redirect.get("title", "") if redirect is not None else ""
        return ExportPage(title, "", f"a redirect{f' to {target}' if target else ''}")
    if not text.strip():
        return ExportPage(title, "", "it has no text")
    return ExportPage(title, text)
