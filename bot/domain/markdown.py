"""Lore text as Discord reads its Markdown: highlight marks, cuts and rendering in one place.

Text is read as pieces: code spans, links `[label](url)`, autolinks `<https://…>`, bare URLs,
backslash escapes, emphasis delimiter runs (`*`, `_`, `~~`, `||`), highlight marks and plain
text. Delimiters are paired the way they nest; one left unpaired is shown escaped. Marks go on
words of plain text (a link's label included) and never inside a URL, a link's target, a code
span or bold (already bold). A cut for length closes what it leaves open and reopens what it
starts inside, so no `*`, `**`, `_` or `[` is left unbalanced.

Moderators' text (trusted=False) keeps emphasis and lists, but mentions, `<t:…>` timestamps,
`<@…>`, custom emoji and headings are shown as text, and a link shows where it leads:
`label (<https://url>)`, clickable; only http(s) becomes a link. Brackets that are not part of
a link read here are escaped, so no masked link forms (issue #22: one around or after another).
Used by bot/ui/lore_pages and bot/services/lore_search. Pure: the standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

MARK_START, MARK_END = "\x02", "\x03"  # around a matched word, until rendered as bold
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
ELLIPSIS = "…"

_PIECE = re.compile(
    r"(?P<code>``[^\n]+?``|`[^`\n]+`)"
    r"|(?P<link>\[(?P<label>[^\[\]\n]*)\]\((?P<target>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\))"
    r"|(?P<auto><https?://[^\s<>]+>)"
    r"|(?P<url>https?://[^\s<>*`\x02\x03]*[^\s<>.,:;!?\"')\]*_~|\\\x02\x03])"  # a closing . or ) is text
    r"|(?P<escape>\\[^\sA-Za-z0-9\x02\x03])"
    r"|(?P<mark>[\x02\x03])"
    r"|(?P<delim>\*+|_+|~~|\|\|)"
    # plain text runs to the next special character, past an "h" that opens no URL (many pieces
    # fewer than stopping at every "h")
    r"|(?P<text>(?:[^`\[<h\\\x02\x03*_~|]|h(?!ttps?://))[^`\[<h\\\x02\x03*_~|]*"
    r"(?:h(?!ttps?://)[^`\[<h\\\x02\x03*_~|]*)*|[\s\S])"
)
_HTTP = re.compile(r"https?://\S+\Z")
_MENTION = re.compile(r"@(everyone|here|[!&]?[0-9]{17,20})")
_ANGLED = re.compile(r"<(?=[@#:/]|t:|a:)")  # mentions, channels, emoji, commands, timestamps
_BRACKET = re.compile(r"[\[\]]")  # outside a link we read: with a `(` after it Discord may see one
_LINE_START = re.compile(r"^([ \t]*)(#|-#)", re.MULTILINE)  # a heading or subtext line
_MARKS_APART = re.compile(f"{MARK_END}([ \t]+){MARK_START}")


@dataclass(slots=True)
class Piece:
    kind: str  # one of the group names above
    text: str
    start: int = 0
    pairs: list[tuple[int, int]] = field(default_factory=list)  # (other piece, characters paired)
    bold: bool = False  # inside ** (a mark there adds nothing)

    @property
    def char(self) -> str:
        return "m" if self.kind == "mark" else self.text[0]


def pieces(text: str) -> list[Piece]:
    """`text` as pieces, delimiters and marks paired."""
    found: list[Piece] = []
    for m in _PIECE.finditer(text):
        kind = m.lastgroup or "text"
        value = m.group()
        if kind == "delim" and len(value) > 3:
            kind = "run"  # "****": no emphasis; shown escaped, so a mark beside it stays a mark
        if kind == "text" and found and found[-1].kind == "text":
            found[-1].text += value
        else:
            found.append(Piece(kind, value, m.start()))
    _pair(found, text)
    return found


def _pair(found: list[Piece], text: str) -> None:
    """Pair delimiters as they nest; a run of three opens italics outside bold (as Discord
    reads `***a** b*`). A mark is a pair of its own and never opens inside bold or a mark."""
    stack: list[tuple[int, str, int]] = []  # (piece, char, size), innermost last
    for i, piece in enumerate(found):
        piece.bold = any(c == "*" and n == 2 for _, c, n in stack)
        marking = any(c == "m" for _, c, _ in stack)
        if piece.kind == "mark":
            if piece.text == MARK_START and not piece.bold and not marking:
                stack.append((i, "m", 1))
            elif piece.text == MARK_END and marking:
                _close(found, stack, next(at for at, e in enumerate(stack) if e[1] == "m"), i)
            continue
        if piece.kind != "delim":
            continue
        char, size = piece.char, len(piece.text)
        end = piece.start + size
        before = text[piece.start - 1] if piece.start else " "
        after = text[end] if end < len(text) else " "
        can_open = can_close = True  # **, __, ~~ and || pair whatever is around them
        if text[piece.start : end] == "_":  # italics: only around words, not inside one
            can_open = not before.isalnum() and not after.isspace()
            can_close = not after.isalnum() and not before.isspace()
        elif text[piece.start : end] in ("*", "***"):  # italics open before a word, close after one
            can_open, can_close = not after.isspace(), not before.isspace()
        if not (can_open or can_close):
            piece.kind = "text"  # as Discord reads it too: shown as typed, no escape needed
            continue
        at = _closing(stack, char, size) if can_close else None
        if at is not None:
            _close(found, stack, at, i)
        elif can_open and not (marking and char == "*" and size >= 2):
            stack += [(i, char, 1), (i, char, 2)] if size == 3 else [(i, char, size)]


def _closing(stack: list[tuple[int, str, int]], char: str, size: int) -> int | None:
    """Where in the stack the openers a closing run of `size` ends begin: the innermost ones
    adding up to it, else the innermost of its size (what is inside it stays unpaired)."""
    total, at = 0, len(stack)
    while at > 0 and stack[at - 1][1] == char and total < size:
        at -= 1
        total += stack[at][2]
    if total == size:
        return at
    return next((j for j in range(len(stack) - 1, -1, -1) if stack[j][1:] == (char, size)), None)


def _close(found: list[Piece], stack: list[tuple[int, str, int]], at: int, i: int) -> None:
    """Pair stack[at:] with piece i. What opened inside and is still open stays unpaired (a
    delimiter shown escaped, a mark dropped)."""
    closer = found[i]
    whole = sum(n for _, c, n in stack[at:] if c == closer.char) == len(closer.text)
    for j, (opener, char, size) in reversed(list(enumerate(stack[at:]))):
        if char != closer.char or not (whole or j == 0):
            continue
        found[opener].pairs.append((i, size))
        closer.pairs.append((opener, size))
    del stack[at:]


def mark(text: str, wanted: Callable[[str], bool], limit: int = 240, word: re.Pattern[str] = WORD) -> str:
    """`text` with each word `wanted` says yes to between MARK_START and MARK_END (outside URLs,
    link targets, code and bold; neighbours as one), cut to about `limit` characters around the
    first one."""
    return cut(_MARKS_APART.sub(r"\1", _marked(text, wanted, word)), limit)


_PLAIN = re.compile(r"[`\[<\\*_~|\x02\x03]|https?://")  # none of these: the text is one plain piece


def _marked(text: str, wanted: Callable[[str], bool], word: re.Pattern[str]) -> str:
    if not _PLAIN.search(text):  # most of our prose: no need to read it as pieces
        return word.sub(lambda m: MARK_START + m[0] + MARK_END if wanted(m[0]) else m[0], text)
    out: list[str] = []
    for piece in pieces(text):
        if piece.kind == "text" and not piece.bold:
            out.append(word.sub(lambda m: MARK_START + m[0] + MARK_END if wanted(m[0]) else m[0], piece.text))
        elif piece.kind == "link" and not piece.bold:
            label, target = piece.text[1:].split("](", 1)
            out.append("[" + _marked(label, wanted, word) + "](" + target)
        else:
            out.append(piece.text)
    return "".join(out)


def cut(text: str, limit: int) -> str:
    """`text` cut to about `limit` characters (starting near its first mark when that lies
    late), at a space, never inside a link, URL or code span, emphasis closed and reopened."""
    if len(text) <= limit:
        return text
    first = text.find(MARK_START)
    begin = max(0, first - limit // 3) if first > limit // 2 else 0
    if begin:
        space = text.find(" ", begin, first)
        begin = space + 1 if space >= 0 else begin
    end = min(len(text), begin + limit - 2)
    if end < len(text):
        space = text.rfind(" ", begin, end + 1)
        end = space if space > begin + limit // 2 else end
    found = pieces(text)
    kept: list[str] = []
    opened: list[str] = []  # reopened at the start, innermost first
    closing: list[str] = []  # closed at the end, outermost first
    for i, piece in enumerate(found):
        stop = piece.start + len(piece.text)
        if stop <= begin or piece.start >= end:
            continue
        if piece.start < begin or stop > end:
            if piece.kind == "text":
                kept.append(piece.text[max(0, begin - piece.start) : end - piece.start])
            continue  # a link, URL, code span or delimiter is whole or not at all
        kept.append(piece.text)
        for other, size in piece.pairs:  # a closer's pairs: innermost first
            if other < i and found[other].start < begin:
                opened.append(MARK_START if piece.kind == "mark" else piece.char * size)
        for other, size in reversed(piece.pairs):  # an opener's: outermost first
            if other > i and found[other].start >= end:
                closing.append(MARK_END if piece.kind == "mark" else piece.char * size)
    head = ELLIPSIS if begin else ""
    tail = ELLIPSIS if end < len(text) else ""
    return head + "".join(reversed(opened)) + "".join(kept).strip() + "".join(reversed(closing)) + tail


def render(text: str, *, trusted: bool) -> str:
    """Discord Markdown for lore text: marks as bold, unpaired delimiters escaped, links with
    their destination visible; moderators' text (trusted=False) also loses mentions,
    timestamps, emoji and headings (shown as typed)."""
    found = pieces(text.replace(MARK_START + MARK_END, ""))
    kept = "".join(_cleaned(p) for p in found if p.kind != "mark" or p.pairs)
    if len(kept) != len(text):  # stray marks out (in code, a URL, unpaired), then read again
        found = pieces(kept)
    out: list[str] = []
    for i, piece in enumerate(found):
        kind, value = piece.kind, piece.text
        if kind == "text":
            value += "\\" if value.endswith("\\") else ""  # a lone \ must not escape what follows
            if not trusted:
                value = _MENTION.sub("@\u200b\\1", _BRACKET.sub(r"\\\g<0>", _ANGLED.sub(r"\\<", value)))
            out.append(value)
        elif kind == "link":
            link = _link(value, trusted)
            apart = out and out[-1].endswith("*") and link.startswith("*")  # `*` + `**label`
            out.append("\u200b" + link if apart else link)
        elif kind == "run":
            out.append("".join("\\" + c for c in value))
        elif kind == "mark":
            out.append(_mark_shown(found, i) if piece.pairs else "")
        elif kind == "delim":
            paired = sum(size for _, size in piece.pairs)
            left = "".join("\\" + c for c in value[paired:])
            closes = any(other < i for other, _ in piece.pairs)
            out.append(value[:paired] + left if closes else left + value[:paired])
        else:  # code, URLs, escapes: as written, never marked inside
            out.append(value)
    result = _settled("".join(out))
    return result if trusted else _LINE_START.sub(r"\1\\\2", result)


def _settled(text: str) -> str:
    """Rendering can move a delimiter beside a word (a link shown as its label), which Discord
    then pairs differently: what reads unpaired now is escaped, until nothing does."""
    for _ in range(3):
        found = pieces(text)
        loose = [p for p in found if p.kind == "delim" and sum(n for _, n in p.pairs) < len(p.text)]
        if not loose:
            break
        for piece in reversed(loose):
            escaped = "".join("\\" + c for c in piece.text)
            text = text[: piece.start] + escaped + text[piece.start + len(piece.text) :]
    return text


def _mark_shown(found: list[Piece], i: int) -> str:
    """A mark as bold; a zero-width space keeps it apart from a closing `*` before it or an
    opening one after it (`*a***b**` would read as other runs)."""
    near = found[i - 1] if found[i].text == MARK_START else found[i + 1] if i + 1 < len(found) else None
    if near is None or near.kind != "delim" or near.char != "*" or not near.pairs:
        return "**"
    apart = (near.pairs[0][0] < i - 1) if found[i].text == MARK_START else (near.pairs[0][0] > i + 1)
    return ("\u200b**" if found[i].text == MARK_START else "**\u200b") if apart else "**"


def _cleaned(piece: Piece) -> str:
    """A piece without the marks that cannot show: in code, a URL or a link's target."""
    if piece.kind in ("mark", "text"):
        return piece.text
    if piece.kind == "link":
        label, target = piece.text[1:-1].split("](", 1)
        return f"[{label}]({_unmarked(target)})"
    return _unmarked(piece.text)


def _unmarked(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


def _link(value: str, trusted: bool) -> str:
    label, target = value[1:-1].split("](", 1)
    if _HTTP.match(target):
        shown = render(label, trusted=trusted).strip()
        bare = _unmarked(label).strip()
        return f"<{target}>" if not shown or bare == target else f"{shown} (<{target}>)"
    return "\\[" + render(label, trusted=trusted) + "\\](" + render(target, trusted=trusted) + ")"


def unbalanced(text: str) -> list[str]:
    """What rendered text leaves unpaired: delimiters not escaped, marks (for tests: nothing)."""
    return [
        p.text
        for p in pieces(text)
        if p.kind == "mark" or (p.kind == "delim" and sum(n for _, n in p.pairs) < len(p.text))
    ]
