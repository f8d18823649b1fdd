"""Turning what a player typed into a safe full-text query.

User input never reaches FTS5 as syntax: it is cut into words and each word is quoted,
so `"`, `*`, `-`, `NEAR`, `OR`, brackets and emoji are just text (or nothing).
"""

from __future__ import annotations

import re

MAX_TERMS = 12
MAX_TERM_LENGTH = 40
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def terms(text: str) -> list[str]:
    """The searchable words of `text`, in order, without repeats, bounded in number and size."""
    words = dict.fromkeys(w.casefold()[:MAX_TERM_LENGTH] for w in _WORD.findall(text[:2000]))
    return list(words)[:MAX_TERMS]


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_all(words: list[str]) -> str:
    """Every word must appear: `"klingon" "empire"`."""
    return " ".join(_quoted(w) for w in words)


def match_any(words: list[str]) -> str:
    """Any word may appear (ranked by how many and how rare): `"klingon" OR "empire"`."""
    return " OR ".join(_quoted(w) for w in words)
