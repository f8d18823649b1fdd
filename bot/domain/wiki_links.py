"""Wiki-style lore links in a member's message: `[[Praxis]]`, `[[Praxis|the moon]]`.

A link's name is what stands before `|` (after it is only the text the writer showed), without a
`#section`, its spaces tidied. Not links: an empty name, one longer than MAX_NAME characters or
across lines, brackets escaped with a backslash, and anything inside code (`…` or ```…```), where
a member shows how a link is written. Each name counts once (any case), in the order first linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_NAME = 100  # characters: /lore entry takes a topic of up to 200; a name is far shorter
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
_LINK = re.compile(r"(?<!\\)\[\[([^\[\]\n]{1,400}?)\]\]")


@dataclass(frozen=True, slots=True)
class WikiLink:
    name: str  # what to look up
    shown: str  # the words the writer showed (the name, unless `[[name|words]]`)
    start: int  # where the link begins in the message


def wiki_links(text: str) -> list[WikiLink]:
    """Every lore link in `text`, in order, each name once."""
    masked = _CODE.sub(lambda code: " " * len(code.group()), text)  # offsets stay where they were
    found: dict[str, WikiLink] = {}
    for match in _LINK.finditer(masked):
        name, _, shown = match.group(1).partition("|")
        name = " ".join(name.partition("#")[0].split())
        if not name or len(name) > MAX_NAME:
            continue
        found.setdefault(name.casefold(), WikiLink(name, " ".join(shown.split()) or name, match.start()))
    return list(found.values())


def first_links(text: str, limit: int) -> tuple[list[WikiLink], int]:
    """The first `limit` links of `text`, and how many more it holds."""
    links = wiki_links(text)
    return links[:limit], max(0, len(links) - limit)
