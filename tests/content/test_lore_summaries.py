"""Issue #20, point 4: the first clause of a canon entry's summary says what the thing is, naming
it first ("The Tal Praenax was, in fan lore, a Romulan prototype…"), so the answer line of a "what
is X" reads as an answer. People's entries are checked by their own pass."""

from __future__ import annotations

import re

from bot.content.lore import canon_lore
from bot.domain.lore import Kind, LoreEntry

_VERB = re.compile(r"(?:is|was|are|were)\b|,\s*(?:also called|or)\b")


def names(entry: LoreEntry) -> list[str]:
    """How a summary may name its entry: title (without a qualifier such as "(planet)"), aliases,
    and the people of a "Klingon species" entry ("Klingons")."""
    title = re.sub(r"\s*\([^)]*\)$", "", entry.title).strip('"')
    found = [entry.title, title, *entry.aliases]
    if title.endswith(" species"):
        found.append(title.removesuffix(" species") + "s")
    return found


def opens_with_what_it_is(entry: LoreEntry) -> bool:
    summary = entry.summary.lstrip('"*').casefold()
    for name in names(entry):
        for article in ("", "the ", "a "):
            head = (article + name).casefold()
            if not summary.startswith(head):
                continue
            rest = summary[len(head) :].lstrip('"*').lstrip()
            rest = re.sub(r"^(?:\([^)]*\)|of [0-9–-]+)\s*", "", rest)  # "(NCC-1701)", "of 2256–2257"
            rest = re.sub(
                r"^(?:class|warbird|battle cruiser)\s+", "", rest
            )  # "The D7-class battle cruiser is"
            if _VERB.match(rest):
                return True
    return False


def test_every_summary_but_a_persons_opens_by_saying_what_its_entry_is() -> None:
    entries = [e for e in canon_lore() if e.kind is not Kind.PERSON]
    assert len(entries) >= 100
    assert [(e.key, e.summary[:60]) for e in entries if not opens_with_what_it_is(e)] == []


def test_the_check_refuses_a_summary_that_opens_on_something_else() -> None:
    entry = next(e for e in canon_lore() if e.key == "tal-praenax")
    assert opens_with_what_it_is(entry)
    moved = LoreEntry(
        key=entry.key,
        title=entry.title,
        kind=entry.kind,
        summary="In fan lore, the Tal Praenax was a Romulan prototype.",
        body=entry.body,
        sources=entry.sources,
    )
    assert not opens_with_what_it_is(moved)
