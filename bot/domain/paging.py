"""Split lines of text into pages that fit a Discord limit, never cutting a line silently."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """Shorten `text` to at most `limit` characters, marking the cut with an ellipsis."""
    if limit < 1:
        raise ValueError("limit must be positive")
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def tail(text: str, limit: int) -> str:
    """The last `limit` characters of `text` (where a traceback says what broke)."""
    if limit < 1:
        raise ValueError("limit must be positive")
    return text if len(text) <= limit else ELLIPSIS + text[len(text) - (limit - 1) :]


def paginate(lines: Iterable[str], *, max_chars: int, max_lines: int) -> list[str]:
    """Pack lines into pages of at most `max_lines` lines and `max_chars` characters.

    A single line longer than a page is clipped with an ellipsis (the only cut), so
    every line appears, in order, on exactly one page. Always returns at least one page.
    """
    if max_chars < 1 or max_lines < 1:
        raise ValueError("page limits must be positive")
    pages: list[list[str]] = [[]]
    size = 0
    for raw in lines:
        line = clip(raw, max_chars)
        page = pages[-1]
        needed = len(line) + (1 if page else 0)
        if page and (len(page) >= max_lines or size + needed > max_chars):
            pages.append([])
            page, size, needed = pages[-1], 0, len(line)
        page.append(line)
        size += needed
    return ["\n".join(page) for page in pages]


def clamp_page(index: int, pages: Sequence[object]) -> int:
    """A page index that exists, whatever index a (possibly forged) button asked for."""
    return max(0, min(index, len(pages) - 1)) if pages else 0


def split_text(text: str, limit: int) -> list[str]:
    """Cut `text` into pieces of at most `limit` characters, at spaces where possible."""
    if limit < 1:
        raise ValueError("limit must be positive")
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def pack_blocks(blocks: Iterable[str], *, max_chars: int, separator: str = "\n\n") -> list[str]:
    """Pack whole blocks (an article, a search hit) into pages; a block too big for one page
    is split across pages at spaces. Nothing is dropped. Always at least one page."""
    if max_chars < 1:
        raise ValueError("page limits must be positive")
    pages: list[str] = []
    current = ""
    for block in blocks:
        for piece in split_text(block, max_chars):
            joined = f"{current}{separator}{piece}" if current else piece
            if current and len(joined) > max_chars:
                pages.append(current)
                current = piece
            else:
                current = joined
    pages.append(current)
    return pages


def chunk(items: Sequence[T], size: int) -> list[list[T]]:
    """`items` in runs of `size` (the last may be shorter); at least one (maybe empty) run."""
    if size < 1:
        raise ValueError("size must be positive")
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or [[]]
