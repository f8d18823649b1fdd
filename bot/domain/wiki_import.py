"""Turning a wiki page into a lore entry: its title, a one-paragraph summary and a Markdown body.

Pure and linear in time: every step walks the page's lines once, whatever they hold (a
megabyte of blank lines, one enormous line). Markdown keeps its formatting; a page saved as
plain text gets `## ` headings where its short lines head sections. Wikitext is turned into
Markdown by bot.services.wikitext (which needs a parser library) and assembled here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .errors import InvalidInput
from .lore import MAX_BODY, MAX_SUMMARY, MAX_TITLE, Years, clean_body, clean_title
from .lore_facts import Facts

LIST_MARK = "\x01"  # "\x01*" starts a list item in converted wikitext; markdown_paragraphs indents it
MAX_FACTIONS = 10
_CHROME = ("jump to:", "from ")  # "Jump to: navigation, search", "From Memory Beta, the wiki"
_BLANK_RUN = re.compile(r"\n\s*\n")
_QUOTES = re.compile(r"('{2,})")
_TOGGLES = {2: ("*",), 3: ("**",), 5: ("*", "**")}
_SWITCH = re.compile(r"__[A-Z]{2,20}__")  # __TOC__, __NOTOC__ …
_COPULA = (" is ", " was ", " are ", " were ")
_NOT_NAMES = frozenset({"it", "this", "that", "these", "those", "he", "she", "they", "there", "in", "on"})


@dataclass(frozen=True, slots=True)
class ImportedPage:
    title: str
    summary: str
    body: str
    years: Years = field(default_factory=Years)
    factions: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # keys of known entries the page links to
    facts: Facts = field(default_factory=Facts)  # its infobox's, or its closing `Born: 2340` lines

    @property
    def sections(self) -> int:
        return sum(line.startswith("#") for line in self.body.split("\n"))


def looks_like_wikitext(text: str) -> bool:
    """A .txt file holding wikitext rather than a page's text ('''bold''', [[links]], {{…}})."""
    head = text[:20_000]
    return "'''" in head or ("[[" in head and "]]" in head) or "{{" in head or "\n==" in f"\n{head}"


def parse_page(text: str, fallback_title: str, *, markdown: bool = False) -> ImportedPage:
    """A Markdown (or plain-text) page: a `# Heading` first line is the title (in plain text,
    any short first line), else as `assemble` finds it; the first paragraph is the summary,
    the rest the body. In plain text a short line before a paragraph heads a section; in
    Markdown only `#` lines do, and everything else is kept as written."""
    text = _BLANK_RUN.sub("\n\n", text.replace("\r\n", "\n"))
    lines = [line for line in text.split("\n") if not _is_chrome(line)]
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InvalidInput("That file is empty.")
    top = lines[first].strip()
    title = None
    if top.startswith("#") or (not markdown and len(top) <= MAX_TITLE and top[-1] not in ".!?"):
        title = top.lstrip("#").strip() or None
        first += 1
    paragraphs = _paragraphs(lines[first:], title, markdown)
    return assemble(paragraphs, title, fallback_title)


def assemble(
    paragraphs: Sequence[str],
    title: str | None,
    fallback_title: str,
    *,
    years: Years | None = None,
    factions: Sequence[str] = (),
    related: Sequence[str] = (),
    sources: Sequence[str] = (),
    facts: Facts | None = None,
) -> ImportedPage:
    """The entry from a page's paragraphs ("#" ones are headings): the title is `title`, else
    the bold name the first paragraph opens on, else its subject, else `fallback_title`; the
    first paragraph of text is the summary; sources become a closing "## Sources" list."""
    lead = next((p for p in paragraphs if not p.startswith("#") and _without_emphasis(p).strip()), "")
    if not lead:
        raise InvalidInput("I found no paragraph of text in that file to use as a summary.")
    summary = _first_sentences(_without_emphasis(lead[: MAX_SUMMARY * 4]), MAX_SUMMARY)
    name = title or _bold_name(lead) or _subject(_without_emphasis(lead[:300])) or fallback_title
    blocks = list(paragraphs)
    if sources:
        blocks += ["## Sources", "\n".join(f"- {source}" for source in sources)]
    factions = tuple(dict.fromkeys(f for f in factions if f))[:MAX_FACTIONS]
    return ImportedPage(
        clean_title(name[:MAX_TITLE]),
        summary,
        clean_body("\n\n".join(blocks)),
        years or Years(),
        factions,
        tuple(dict.fromkeys(related)),
        facts or Facts(),
    )


def markdown_paragraphs(text: str) -> list[str]:
    """Converted wikitext as paragraphs: bold and italic quotes become Markdown, list marks
    indented `- ` / `1. ` items, runs of blank lines one break; behaviour switches (__TOC__)
    are dropped."""
    lines: list[str] = []
    for raw in _BLANK_RUN.sub("\n\n", text).split("\n"):
        line = _SWITCH.sub("", raw) if "__" in raw else raw
        line = emphasis(line) if "''" in line else line
        marks = ""
        while line.startswith(LIST_MARK):
            marks += line[1:2]
            line = line[2:]
        line = line.strip()
        if marks and line:
            depth = "  " * (len(marks) - 1)
            kind = marks[-1]
            line = {"#": f"{depth}1. {line}", ";": f"**{line}**", ":": f"{depth}{line}"}.get(
                kind, f"{depth}- {line}"
            )
        lines.append(line.replace(LIST_MARK, ""))
    return _paragraphs(lines, None, markdown=True)


def emphasis(line: str) -> str:
    """One line's wikitext quotes as Markdown, read the way MediaWiki reads them: two
    apostrophes toggle italics, three bold, five both (when both come in odd numbers, one bold
    mark is an apostrophe before italics, as in a possessive); what is still open at the end
    of the line closes there."""
    out: list[str] = []
    opened: list[str] = []  # "*" italics, "**" bold, innermost last
    parts = _QUOTES.split(line)
    runs = [len(part) for part in parts[1::2]]
    if sum(r in (2, 5) for r in runs) % 2 and sum(r in (3, 4, 5) for r in runs) % 2 and 3 in runs:
        at = 2 * runs.index(3) + 1  # odd italics and odd bold: that bold is "'" and italics
        parts[at - 1 : at + 1] = [parts[at - 1] + "'", "''"]
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out += [part] if part else []
            continue
        run = len(part)
        if run == 4 or run > 5:  # the extra apostrophes are text
            out.append("'" * (run - (3 if run == 4 else 5)))
            run = 3 if run == 4 else 5
        both_open = run == 5 and "*" in opened and "**" in opened
        for mark in [m for m in reversed(opened) if m in _TOGGLES[5]] if both_open else _TOGGLES[run]:
            if out and out[-1] == mark and opened and opened[-1] == mark:
                out.pop()  # opened with nothing in it: no mark at all
                opened.pop()
            elif mark in opened:
                inner = opened[opened.index(mark) + 1 :]
                out += [*reversed(inner), mark, *inner]  # close what is inside, then reopen it
                opened.remove(mark)
            else:
                out.append(mark)
                opened.append(mark)
    for mark in reversed(opened):
        if out and out[-1] == mark:
            out.pop()
        else:
            out.append(mark)
    return "".join(out)


# --- the pieces ---------------------------------------------------------------------------------


def _is_chrome(line: str) -> bool:
    """Wiki chrome saved along with the page ("Jump to: navigation, search", "From X Wiki")."""
    stripped = line.strip()
    if not stripped or stripped[0] not in "JjFf" or len(stripped) > 80:
        return False
    folded = stripped.casefold()
    return folded.startswith(_CHROME[0]) or (folded.startswith(_CHROME[1]) and folded.endswith("wiki"))


def _paragraphs(lines: Sequence[str], title: str | None, markdown: bool) -> list[str]:
    """Blank lines end paragraphs; heading lines become their own "## " paragraphs. One pass:
    the next line of text after a candidate heading is found by a scan that never re-reads."""
    paragraphs: list[str] = []
    current: list[str] = []
    folded_title = title.casefold() if title else None
    size = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        size += len(stripped)
        if size > MAX_BODY:  # no need to read on: it cannot fit
            raise InvalidInput(f"The body can be at most {MAX_BODY:,} characters (this page has more).")
        heading = _heading(stripped, lines, i, markdown) if stripped else None
        if not stripped or heading is not None:
            if current:
                paragraphs.append("\n".join(current))
                current = []
            if heading and heading.lstrip("#").strip().casefold() != folded_title:
                paragraphs.append(heading)
            continue
        current.append(line.rstrip() if markdown else stripped)
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _heading(stripped: str, lines: Sequence[str], i: int, markdown: bool) -> str | None:
    """`## Name` when the line heads a section, else None."""
    if stripped.startswith("#"):
        level = len(stripped) - len(stripped.lstrip("#"))
        name = stripped[level:].strip()
        if 1 <= level <= 6 and name and stripped[level] == " ":
            return f"{'#' * max(level, 2)} {_without_edit(name)}"
        return None
    if markdown or len(stripped) > 60 or stripped[-1] in ".!?,;:)\"”'" or stripped[0] in "•*-[":
        return None
    if len(stripped.split()) > 8:
        return None
    following = i + 1  # the next line of text: each run of blank lines is read once overall
    while following < len(lines) and not lines[following].strip():
        following += 1
    return f"## {_without_edit(stripped)}" if following < len(lines) else None


def _without_edit(heading: str) -> str:
    """A heading saved from a wiki without its edit link: "History Edit" -> "History"."""
    folded = heading.casefold()
    for suffix in ("[edit]", "edit"):
        if folded.endswith(suffix) and len(heading) > len(suffix):
            before = heading[: -len(suffix)]
            if not before[-1].isalnum():
                return before.rstrip(" [") or heading
    return heading


def _without_emphasis(text: str) -> str:
    """Markdown's and wikitext's bold and italic marks dropped."""
    return _QUOTES.sub("", text).replace("**", "").replace("__", "").replace("*", "")


def _bold_name(lead: str) -> str | None:
    """The bold name a wiki page's lead opens on: "**Kor** was…", "The **Khitomer Accords** were…"."""
    start = lead.find("**", 0, 40)
    end = lead.find("**", start + 2, start + 2 + MAX_TITLE) if start >= 0 else -1
    name = " ".join(lead[start + 2 : end].replace("*", "").split()) if end > 0 else ""
    return name if name and not name.endswith(":") else None  # "**Born:** 2240" names nothing


def _subject(lead: str) -> str | None:
    """The name a first sentence is about: "The Klingon-Romulan Alliance was…" -> that name."""
    cut = min((i for i in (lead.find(c) for c in _COPULA) if i > 0), default=-1)
    words = lead[:cut].split() if cut > 0 else []
    if words[:1] in (["The"], ["the"]):
        words = words[1:]
    if not 0 < len(words) <= 8 or words[0].casefold() in _NOT_NAMES or not words[0][:1].isupper():
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or w in {"of", "the", "and", "de", "von"} for w in words):
        return None
    return " ".join(words)


def _first_sentences(paragraph: str, limit: int) -> str:
    text = " ".join(paragraph.split())
    if len(text) <= limit:
        return text
    cut = max(text.rfind(". ", 0, limit), text.rfind("! ", 0, limit), text.rfind("? ", 0, limit))
    return text[: cut + 1] if cut > 0 else text[: limit - 1] + "…"
