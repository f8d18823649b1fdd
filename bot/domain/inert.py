"""Text someone typed, made inert for Discord: shown exactly as typed, nothing in it renders.

Every layer that puts a player's words (a title, an article, a power or setting name typed in
an option, a nickname) into a message, an embed or a refusal sends them through `inert`. It
puts a backslash before each character Discord could read as markup, and Discord shows `\\X`
as `X` for any ASCII punctuation X, so the reader sees what was typed and `shown` (Discord's
reading of those escapes) gives the typed text back, character for character.

Escaped everywhere: the backslash itself, `*` `_` `~` `|` and backticks (emphasis, strike,
spoilers, code), `[` `]` (masked links: every bracket, not only a line's first), `<` (mentions,
channels, roles, timestamps, custom emoji, command links, `<https://…>`) and `@` (`@everyone`,
`@here`). A `:` before a non-space (`:emoji:` shortcodes, `https://` and every other scheme, so
a bare URL neither links nor unfurls). At a line's start, after any spaces: `#` (headings,
`-#` subtext), `>` (quotes), `-` `+` `=` and the `.` or `)` after a number (lists). Pure: the
standard library only, so bot/domain, services, ui, cogs and the console may all import it.
"""

from __future__ import annotations

import re

# Line breaks as Discord's (JavaScript) `^` sees them, and spaces that are not one.
_BREAK = "\n\r\u2028\u2029"
_ANYWHERE = re.compile(r"[\\*_~|`\[\]<@]|:(?=\S)")
_LINE_START = re.compile(rf"(?:\A|(?<=[{_BREAK}]))([^\S{_BREAK}]*[0-9]*)([#>\-+=.)])")
_ESCAPE = re.compile(r"\\([^0-9A-Za-z\s])")  # Discord's escape rule: `\X` shows X


def inert(text: str) -> str:
    """`text` for a Discord message, embed or refusal: it reads as typed, and nothing in it is
    emphasis, code, a spoiler, a heading, a list, a quote, a link, a mention, a timestamp or
    an emoji. `shown(inert(text)) == text` for every text."""
    escaped = _ANYWHERE.sub(r"\\\g<0>", text)
    return _LINE_START.sub(r"\1\\\2", escaped)


def shown(text: str) -> str:
    """What Discord displays for the escapes in `text`: each `\\X` (X punctuation) as `X`."""
    return _ESCAPE.sub(r"\1", text)


def quoted(text: str, limit: int = 80) -> str:
    """Typed text inside a sentence (a refusal that echoes an option): in single quotes, inert,
    cut to `limit` characters (an ellipsis marks the cut) before escaping, so no escape is split."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{inert(text)}'"


def cut(text: str, limit: int) -> str:
    """Inert text cut to at most `limit` characters without leaving half an escape at the end
    (a lone trailing backslash would show, or escape what the caller puts after it)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    trailing = len(head) - len(head.rstrip("\\"))
    return head[:-1] if trailing % 2 else head
