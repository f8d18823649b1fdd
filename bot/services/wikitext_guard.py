"""Wikitext made safe for mwparserfromhell: parsing stays linear in time whatever the page.

mwparserfromhell backtracks over a construct it cannot close (`{{`, `<ref>`, `{|`, `[https://…`
with no end, `<a ` with no `>`), reading the rest of the page again for each one: measured with
0.7.2, 2,000 unclosed `{{` in 10 KB take 1.3 s, 8,000 take 20 s, and 4,000 `<a ` (12 KB) 9 s.
So before the parser sees a page, one pass pairs every opener with its closer and neutralises
what is left unpaired (a `{{` becomes the text "{{", an unended tag's `<` the text "<", a stray
tag is dropped), drops comments, and counts the markup: a page with more than MAX_MARKUP pieces
could not fit in an entry anyway and is refused at once. What is left parses in linear time.

What the parser makes many nodes of counts as many pieces (measured with 0.7.2, each then
holding the GIL for seconds): a table's rows, cells and attributes (a 400 KB table of 36,000
cells: 2-3 s), a template's parameters (60,000 in one template: 2 s), a tag's attributes (550
tags of 450 in a megabyte: 7 s), every mark of a list item ("**** deep", 4,000 lines of forty:
9 s). Even within the limit, parsing holds the GIL for long stretches (the tokenizer is C):
callers parse in a worker process (bot/services/worker_process.py), not a thread.
"""

from __future__ import annotations

import re

from ..domain.errors import InvalidInput

MAX_MARKUP = 4_000  # links, templates, tags, tables, headings, list items… together
SINGLE_ONLY = frozenset({"br", "wbr", "hr", "meta", "link", "img"})  # never closed
RAW = frozenset(  # their contents are not wikitext: skipped to their end tag
    {"nowiki", "pre", "math", "syntaxhighlight", "source", "score", "timeline", "graph", "chem", "ce"}
)
_TOKEN = re.compile(
    r"<!--|\{\{|\}\}|\[\[|\]\]|^[ \t]*\{\||^[ \t]*\|\}"
    r"|<(/?)([A-Za-z][A-Za-z0-9]{0,30})(?=[\s/>])[^<>]{0,2000}?(/?)>"
    r"|<(?=/?[A-Za-z])"  # the start of a tag that never ends: the parser would retry it
    r"|\[(?=[A-Za-z][A-Za-z0-9+.-]{0,20}:|//)",  # an external link: [https://… label]
    re.MULTILINE,
)
# Markup the tokens above do not see, each a node of the parser's: headings, rules, entities,
# bare links, and each mark of a list item ("**#" is three; ";term:def" two). (Bold and italics
# are not parsed there: see bot.services.wikitext.)
_COUNTED = ("\n=", "\n;", "\n----", "&", "://")
_LIST_MARKS = re.compile(r"^[*#:;]+", re.MULTILINE)
# Markup inside a paired construct, found once it is paired: a table's rows, cells and headers
# (a line starting "|" or "!" but the end "|}", and "||", "!!") and attributes ("="); a
# template's parameters ("|"). With how a refusal names them.
_INNER = {
    "{|": (re.compile(r"^[ \t]*[|!](?!\})|\|\||!!|=", re.MULTILINE), "tables", "rows, cells and attributes"),
    "{{": (re.compile(r"\|"), "templates", "parameters"),
}
_DOUBLE_QUOTED = re.compile(r'"[^"]*"')
_CLOSER = {"}}": "{{", "]]": "[[", "|}": "{|"}
_NEUTRAL = {"{{": "&#123;&#123;", "[[": "&#91;&#91;", "{|": "&#123;|"}


class _Pairing:
    """The open constructs, innermost last, with a count of each kind for O(1) lookups."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, int, int]] = []  # (kind, start, end) of each opener
        self.open: dict[str, int] = {}
        self.edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
        self.spans: dict[str, list[tuple[int, int]]] = {}  # where each paired construct is
        self.raw_ends: dict[str, int] = {}  # where "</nowiki" and the like were last found

    def push(self, kind: str, start: int, end: int) -> None:
        self.stack.append((kind, start, end))
        self.open[kind] = self.open.get(kind, 0) + 1

    def close(self, kind: str, at: int) -> bool:
        """Pair the innermost `kind` opener with a closer ending `at`; openers inside it that
        never closed are unpaired."""
        if not self.open.get(kind):
            return False
        while True:
            found, start, end = self.stack.pop()
            self.open[found] -= 1
            if found == kind:
                self.spans.setdefault(kind, []).append((start, at))
                return True
            self.unpaired(found, start, end)

    def raw_end(self, lower: str, name: str, position: int) -> int:
        """Where `</name` is next found from `position` (-1: nowhere), each search reused while
        it is ahead, so a thousand unclosed <nowiki> do not each read the rest of the page."""
        known = self.raw_ends.get(name)
        if known is None or 0 <= known < position:
            known = self.raw_ends[name] = lower.find(f"</{name}", position)
        return known

    def unpaired(self, kind: str, start: int, end: int) -> None:
        self.edits.append((start, end, _NEUTRAL.get(kind, "")))

    def finish(self) -> None:
        for kind, start, end in self.stack:
            self.unpaired(kind, start, end)
        self.stack.clear()


def guard(text: str) -> str:
    """`text` with comments dropped and every construct the parser could not close made plain;
    InvalidInput when the page holds more markup than an entry could."""
    pairing = _Pairing()
    lower = text.lower()
    count = sum(text.count(mark) for mark in _COUNTED) + sum(map(len, _LIST_MARKS.findall(text)))
    position = 0
    line_end = bracket = -1  # where the next newline and "]" are, found once each (linear)
    while count <= MAX_MARKUP and (match := _TOKEN.search(text, position)) is not None:
        token, start, position = match.group(), match.start(), match.end()
        stripped = token.strip()
        count += 1
        if token == "<":
            pairing.edits.append((start, position, "&lt;"))
        elif token == "[":
            line_end = _next(text, "\n", position, line_end)
            bracket = _next(text, "]", position, bracket)
            if bracket >= line_end:  # no "]" before the line ends: the parser would retry it
                pairing.edits.append((start, position, "&#91;"))
        elif token == "<!--":
            end = text.find("-->", position)
            position = len(text) if end < 0 else end + 3
            pairing.edits.append((start, position, ""))
        elif stripped in _NEUTRAL:
            pairing.push(stripped, match.end() - len(stripped), match.end())
        elif stripped in _CLOSER:
            count -= pairing.close(_CLOSER[stripped], position)  # a pair counts once
        else:  # a tag, and each of its attributes (each is a node too)
            count += len(token.split()) - 1
            position, paired = _tag(match, text, lower, pairing)
            count -= paired
    inner = (
        {kind: _inside(text, pairing.spans.get(kind, []), _INNER[kind][0]) for kind in _INNER}
        if count <= MAX_MARKUP
        else {}
    )
    count += sum(inner.values())
    if count > MAX_MARKUP:
        raise InvalidInput(_refusal(count, inner))
    pairing.finish()
    return _apply(text, pairing.edits)


def _inside(text: str, spans: list[tuple[int, int]], piece: re.Pattern[str]) -> int:
    """How many `piece`s the spans hold (one inside another counted once, with it)."""
    pieces, reached = 0, 0
    for start, end in sorted(spans):
        if end > reached:
            pieces += sum(1 for _ in piece.finditer(text, max(start, reached), end))
            reached = end
    return pieces


def _refusal(count: int, inner: dict[str, int]) -> str:
    """Why a page is refused: where most of its markup is, when it is inside its tables or its
    templates."""
    for kind, pieces in inner.items():
        if pieces * 2 > count:
            _, where, what = _INNER[kind]
            return (
                f"That page's {where} have {pieces:,} {what}: more than the {MAX_MARKUP:,} pieces of"
                f" markup one entry can hold. Import it without its largest {where}, or split it."
            )
    return (
        f"That page has more than {MAX_MARKUP:,} links, templates, tags and other markup: "
        "more than one entry can hold. Import a shorter page, or split it."
    )


def _next(text: str, wanted: str, position: int, known: int) -> int:
    """Where `wanted` next occurs from `position` (len(text) if nowhere): `known` when it is
    still ahead, so each character is searched once however many tokens ask."""
    if known >= position:
        return known
    found = text.find(wanted, position)
    return len(text) if found < 0 else found


def _tag(match: re.Match[str], text: str, lower: str, pairing: _Pairing) -> tuple[int, bool]:
    """Pair one HTML-like tag: where scanning goes on (past a raw tag's contents), and whether
    it closed an opener."""
    closing, name, self_closing = match.group(1) == "/", match.group(2).lower(), match.group(3) == "/"
    start, end = match.start(), match.end()
    token = match.group()
    if token.count('"') % 2 or _DOUBLE_QUOTED.sub("", token).count("'") % 2:  # read past ">"
        pairing.edits.append((start, start + 1, "&lt;"))
        return end, False
    if closing:
        if pairing.close(f"<{name}", end):
            return end, True
        pairing.edits.append((start, end, ""))  # a stray end tag: nothing to close
        return end, False
    if self_closing or name in SINGLE_ONLY:
        return end, False
    pairing.push(f"<{name}", start, end)
    if name in RAW and len(lower) == len(text):
        close = pairing.raw_end(lower, name, end)
        if close >= 0:
            return close, False  # the end tag is read next and pairs with this opener
    return end, False


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    if not edits:
        return text
    parts: list[str] = []
    position = 0
    for start, end, replacement in sorted(edits):
        if start < position:  # inside a span already replaced (a comment)
            continue
        parts += [text[position:start], replacement]
        position = end
    parts.append(text[position:])
    return "".join(parts)
