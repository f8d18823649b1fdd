"""A MediaWiki page as Markdown, read with mwparserfromhell (a parser made for wikitext).

Links become their labels (and `related` when they name an entry the server knows), headings
stay headings (`## Heading`), an infobox's years, factions and usual fields (born, signed,
place…) become the entry's facts (bot.domain.wiki_infobox), `<ref>` and citation templates
become source lines, tables become lines of text, bold and italics become Markdown. Other
templates, files, categories and comments are left out. The page first passes
bot.services.wikitext_guard, which keeps parsing linear in time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from ..domain.lore import Years
from ..domain.lore_facts import Facts
from ..domain.wiki_import import LIST_MARK, emphasis, markdown_paragraphs
from ..domain.wiki_infobox import facts_from_infobox, infobox_facts
from .wikitext_guard import guard

_LIST_MARKS = re.compile(re.escape(LIST_MARK) + ".?", re.DOTALL)
_NO_BRACKETS = str.maketrans("[]", "()")  # a link's label holds none (they would end it)
Lookup = Callable[[str], str | None]  # a name -> the key of the entry it names, if any

HIDDEN_NAMESPACES = frozenset({"file", "image", "media", "category"})
HIDDEN_TAGS = frozenset(
    {"references", "gallery", "math", "timeline", "graph", "imagemap", "inputbox", "includeonly",
     "templatedata", "score", "categorytree", "hiero", "chem", "ce", "section"}
)  # fmt: skip
RAW_TAGS = frozenset({"nowiki", "pre", "code", "syntaxhighlight", "source", "tt", "kbd", "samp"})
# Templates that only dress their first parameter: {{nowrap|text}} reads as "text".
DRESSING = frozenset(
    {"nowrap", "nobr", "small", "big", "smaller", "larger", "em", "strong", "w", "wp", "e", "ep",
     "episode", "film", "movie", "quote", "abbr", "sic", "highlight"}
)  # fmt: skip
INFOBOX_PREFIXES = ("infobox", "sidebar")  # Fandom's "Infobox …", Memory Alpha's "Sidebar …"


@dataclass(frozen=True, slots=True)
class Converted:
    paragraphs: tuple[str, ...]  # the page's text as Markdown, headings ("## …") on their own
    years: Years
    factions: tuple[str, ...]
    related: tuple[str, ...]  # keys of known entries the page links to, in order
    sources: tuple[str, ...]  # its <ref> and citations, as lines of text
    facts: Facts  # what its infobox's usual fields say (born, signed, place…)


def convert(wikitext: str, known: Lookup | None = None) -> Converted:
    """The page as Markdown with its facts; InvalidInput when it holds more markup than an entry
    could (see wikitext_guard)."""
    # Bold and italics are read line by line in bot.domain.wiki_import instead: the parser
    # backtracks over quotes left open inside a tag or template (1,000 of them: 3 s).
    code = mwparserfromhell.parse(guard(wikitext), skip_style_tags=True)
    writer = _Writer(known or (lambda _name: None))
    paragraphs = tuple(markdown_paragraphs(writer.render(code)))
    years, factions = facts_from_infobox(writer.infobox)
    return Converted(
        paragraphs,
        years,
        factions,
        tuple(dict.fromkeys(writer.related)),
        tuple(dict.fromkeys(emphasis(source) for source in writer.sources)),
        infobox_facts(writer.infobox),
    )


class _Writer:
    def __init__(self, known: Lookup) -> None:
        self.known = known
        self.related: list[str] = []
        self.sources: list[str] = []
        self.infobox: list[tuple[str, str]] = []  # (parameter, value as text) of infoboxes

    def render(self, code: Wikicode | None) -> str:
        return "".join(self.node(node) for node in code.nodes) if code is not None else ""

    def line(self, code: Wikicode | None) -> str:
        """`code` on one line, as a cell or a source is: list marks and breaks become spaces."""
        return " ".join(_LIST_MARKS.sub(" ", self.render(code)).split())

    def node(self, node: Node) -> str:
        if isinstance(node, Text):
            return str(node.value)
        if isinstance(node, Wikilink):
            return self.link(node)
        if isinstance(node, ExternalLink):
            return self.external(node)
        if isinstance(node, Heading):
            return f"\n{'#' * min(max(node.level, 2), 4)} {self.line(node.title)}\n"
        if isinstance(node, Tag):
            return self.tag(node)
        if isinstance(node, Template):
            return self.template(node)
        if isinstance(node, HTMLEntity):
            return node.normalize()
        if isinstance(node, Argument):
            return self.render(node.default)
        return ""  # comments and anything unknown

    def link(self, node: Wikilink) -> str:
        target = " ".join(str(node.title).split())
        shown = self.render(node.text) if node.text is not None else None
        lead_colon = target.startswith(":")
        target = target.lstrip(":")
        prefix, colon, _rest = target.partition(":")
        if colon and not lead_colon:
            namespace = prefix.strip().casefold()
            if namespace in HIDDEN_NAMESPACES or (shown is None and len(namespace) <= 3):
                return ""  # an image, a category, or a link to the same page in another language
        page, _hash, section = target.partition("#")
        if page and (key := self.known(page)) is not None:
            self.related.append(key)
        return shown if shown is not None else (page or section)

    def external(self, node: ExternalLink) -> str:
        """A web link stays a link, as Markdown `[label](url)` (shown with its destination, see
        bot/domain/markdown.py); anything but http(s) is only its label."""
        url, label = str(node.url).strip(), self.line(node.title).translate(_NO_BRACKETS)
        if not url.casefold().startswith(("http://", "https://")):
            return label or url
        return f"[{label}]({url})" if label and "(" not in url and ")" not in url else url

    def template(self, node: Template) -> str:
        name = " ".join(str(node.name).replace("_", " ").split()).casefold()
        if name.startswith(INFOBOX_PREFIXES) or "infobox" in name:
            for param in node.params:
                key = " ".join(str(param.name).replace("_", " ").split()).casefold()
                self.infobox.append((key, self.render(param.value)))
            return ""
        if name.startswith("cite") or name == "citation":
            source = self.citation(node)
            if source:
                self.sources.append(source)
            return ""
        if name in DRESSING and node.params:
            return self.render(node.params[0].value)
        if name == "lang" and len(node.params) >= 2:
            return self.render(node.params[1].value)
        return ""

    def citation(self, node: Template) -> str:
        """A {{cite …}} template as "Title, Work (Year)", with whichever of those it has."""
        values = {" ".join(str(p.name).split()).casefold(): self.line(p.value) for p in node.params}
        title = values.get("title") or values.get("episode") or values.get("url", "")
        work = values.get("work") or values.get("series") or values.get("publisher") or values.get("website")
        year = values.get("year") or values.get("date")
        text = ", ".join(part for part in (title, work) if part)
        return f"{text} ({year})" if text and year else text

    def tag(self, node: Tag) -> str:
        markup = str(node.wiki_markup or "")
        name = str(node.tag).strip().casefold()
        if name in ("li", "dt", "dd") and markup:
            return LIST_MARK + markup[-1]
        if name == "br":
            return "\n"
        if name == "ref":
            if not node.self_closing:
                text = self.line(node.contents)
                if text:
                    self.sources.append(text)
            return ""
        if name == "table":
            return self.table(node)
        if name in HIDDEN_TAGS or node.contents is None:
            return ""
        if name in RAW_TAGS:
            return (
                f"`{node.contents.strip()}`" if "\n" not in str(node.contents).strip() else str(node.contents)
            )
        return self.render(node.contents)

    def table(self, node: Tag) -> str:
        """One line a row, cells joined by " · ", header cells bold, the caption first. Each cell
        is read once: a table inside it is in it (read twice, tables 25 deep took 2^25 reads)."""
        rows: list[list[str]] = [[]]
        for child in node.contents.nodes if node.contents is not None else []:
            if not isinstance(child, Tag):
                continue
            if str(child.tag).casefold() == "tr":
                cells = [c for c in child.contents.nodes if isinstance(c, Tag)] if child.contents else []
                rows.append([self.cell(c, self.line(c.contents)) for c in cells])
                continue
            text = self.line(child.contents)
            if text.startswith("+") and str(child.wiki_markup or "") == "|":  # "|+ caption"
                caption = text[1:].strip()  # the parser reads it as a cell starting "+"
                rows[-1:] = [[f"*{caption}*" if caption else ""], *rows[-1:]]
            else:
                rows[-1].append(self.cell(child, text))
        lines = [" · ".join(c for c in row if c) for row in rows]
        return "\n\n" + "\n".join(line for line in lines if line) + "\n\n"

    def cell(self, node: Tag, text: str) -> str:
        return f"**{text}**" if text and str(node.tag).casefold() == "th" else text
