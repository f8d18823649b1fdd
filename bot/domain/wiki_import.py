"""Turning a wiki page (Markdown or plain text) into a lore entry, headed sections kept."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InvalidInput
from .lore import MAX_SUMMARY, MAX_TITLE, clean_body, clean_title

_WIKI_CHROME = re.compile(r"^(jump to:.*|from .{1,60} wiki)$", re.IGNORECASE)
_EDIT_SUFFIX = re.compile(r"\s*\[?\bedit\]?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ImportedPage:
    title: str
    summary: str
    body: str


def _is_noise(line: str) -> bool:
    """Wiki chrome saved along with the page ("Jump to: navigation, search", "From X Wiki")."""
    return bool(_WIKI_CHROME.match(line.strip()))


def _is_heading(line: str, following: str) -> bool:
    stripped = line.strip()
    if stripped.startswith("#"):
        return True
    if not stripped or len(stripped) > 60 or stripped[-1] in ".!?,;:)\"”'" or stripped[0] in "•*-[":
        return False
    return bool(following.strip()) and len(stripped.split()) <= 8


def parse_page(text: str, fallback_title: str) -> ImportedPage:
    """The first short line (or the file name) is the title, the first paragraph the summary,
    and the rest the body with its headings as `## Heading`."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if not _is_noise(line)]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise InvalidInput("That file is empty.")
    title = fallback_title
    first = lines[0].strip().lstrip("#").strip()
    if len(first) <= MAX_TITLE and first and first[-1] not in ".!?":
        title = first
        lines.pop(0)
    out: list[str] = []
    for i, line in enumerate(lines):
        following = next((later for later in lines[i + 1 :] if later.strip()), "")
        if _is_heading(line, following) and line.strip().lstrip("#").strip().casefold() != title.casefold():
            heading = _EDIT_SUFFIX.sub("", line.strip().lstrip("#").strip()) or line.strip()
            out += ["", f"## {heading}", ""]
        else:
            out.append(line.strip())
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", "\n".join(out)) if p.strip()]
    summary_source = next((p for p in paragraphs if not p.startswith("## ")), "")
    if not summary_source:
        raise InvalidInput("I found no paragraph of text in that file to use as a summary.")
    summary = _first_sentences(summary_source, MAX_SUMMARY)
    body = "\n\n".join(paragraphs)
    return ImportedPage(clean_title(title), summary, clean_body(body))


def _first_sentences(paragraph: str, limit: int) -> str:
    text = " ".join(paragraph.split())
    if len(text) <= limit:
        return text
    cut = max(text.rfind(". ", 0, limit), text.rfind("! ", 0, limit), text.rfind("? ", 0, limit))
    return text[: cut + 1] if cut > 0 else text[: limit - 1] + "…"
