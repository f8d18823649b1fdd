"""What Discord would render in a text, as a test reads it: a small model of its Markdown.

`live_markup(text)` lists every construct Discord would draw instead of showing the characters
as typed: masked links, mentions, timestamps, emoji, headings, subtext, lists, quotes, spoilers,
code, emphasis, strike, bare URLs. It first applies Discord's escape rule (a backslash before
any ASCII punctuation shows that character as text), so an escaped character never counts.
The model errs on the strict side: a lone live `*` or `_` is reported even where Discord would
show it as typed, because text we escaped should have none.
"""

from __future__ import annotations

import re

_ESCAPED = re.compile(r"\\[^0-9A-Za-z\s]")
TEXT = "\ue000"  # stands for an escaped character: not markup, not a space, not a word character
_BREAK = "\n\r\u2028\u2029"
_LINE = rf"(?:\A|(?<=[{_BREAK}]))[^\S{_BREAK}]*"

CONSTRUCTS: dict[str, re.Pattern[str]] = {
    "masked link": re.compile(r"\[[^\]]*\]\("),
    "angle brackets (mention, channel, role, timestamp, emoji, command, autolink)": re.compile(r"<\S"),
    "@everyone or @here": re.compile(r"@(?:everyone|here)"),
    "bare URL": re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:/"),
    "emoji shortcode": re.compile(r":[A-Za-z0-9_+\-]+:"),
    "heading": re.compile(_LINE + r"#{1,3}\s"),
    "subtext": re.compile(_LINE + r"-#\s"),
    "list": re.compile(_LINE + r"(?:[-*+]|[0-9]+[.)])\s"),
    "block quote": re.compile(_LINE + r">"),
    "spoiler": re.compile(r"\|\|"),
    "code": re.compile(r"`"),
    "bold or italics": re.compile(r"\*"),
    "underline or italics": re.compile(r"_"),
    "strike": re.compile(r"~~"),
}


def neutral(text: str) -> str:
    """`text` with each escaped character replaced by TEXT (escapes read as Discord reads them)."""
    return _ESCAPED.sub(TEXT, text)


def live_markup(text: str) -> list[str]:
    """The kinds of markup Discord would render in `text`, with what matched: empty if none."""
    read = neutral(text)
    return [f"{kind}: {m.group()!r}" for kind, pattern in CONSTRUCTS.items() for m in pattern.finditer(read)]


def live_masked_links(text: str) -> list[str]:
    """Only the masked links: what a member could click without seeing where it leads."""
    return [m.group() for m in CONSTRUCTS["masked link"].finditer(neutral(text))]
