"""Imports of adversarial megabyte pages against a linear floor, at two sizes, in one run.

The cases are the test suite's own (tests/domain/test_wiki_import.py: Markdown and plain text;
tests/services/test_wikitext.py: wikitext through mwparserfromhell and its guard). Each is parsed
at a quarter of its size and whole: linear code takes about four times as long for four times
the text. The floor is one regular-expression pass over the same text.

    python bench/wiki_import.py
"""

from __future__ import annotations

import contextlib
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the test suite's cases

from bot.domain.errors import InvalidInput
from bot.domain.wiki_import import parse_page
from bot.services.lore_import import read_file
from tests.domain.test_wiki_import import ADVERSARIAL as PAGES
from tests.services.test_wikitext import ADVERSARIAL as WIKITEXT
from tests.services.test_wikitext import known

WORDS = re.compile(r"\w+")


def seconds(work: object, text: str) -> float:
    started = time.perf_counter()
    with contextlib.suppress(InvalidInput):
        work(text)  # type: ignore[operator]
    return time.perf_counter() - started


def floor(text: str) -> float:
    started = time.perf_counter()
    sum(1 for _ in WORDS.finditer(text))
    return time.perf_counter() - started


def report(name: str, text: str, work: object) -> None:
    quarter, whole = seconds(work, text[: len(text) // 4]), seconds(work, text)
    print(f"  {name[:38]:38} {whole * 1000:8.1f} ms   ×{whole / max(quarter, 1e-6):5.1f} for 4× the text"
          f"   {whole / floor(text):7.1f}× a regex pass")  # fmt: skip


def main() -> None:
    print("Markdown and plain-text pages, 1 MB each:")
    for name, text in PAGES.items():
        report(name, text, lambda t: parse_page(t, "x", markdown=True))
    print("Wikitext pages (mwparserfromhell behind its guard), about 1 MB each:")
    for name, text in WIKITEXT.items():
        report(name, text, lambda t: read_file(t.encode(), "page.wiki", known))


if __name__ == "__main__":
    main()
