"""Issue #20, point 4, for the entries of people: the summary opens by saying who the person was
("Kor was a Klingon general and Dahar Master who…"), the card carries a role, and the body names
its doer in each paragraph's first words instead of "he" or "she", so any sentence can stand
alone as an answer line."""

from __future__ import annotations

import re

from bot.content.lore import canon_lore
from bot.domain.lore import Kind, LoreEntry

_IDENTITY = re.compile(r"(?:,[^,]{1,40},)?\s+(?:is|was)\b")  # "Worf, son of Mogh, is"
_PRONOUN = re.compile(r"^(?:he|she|his|her|him|they|their|it|its)\b", re.I)


def people() -> list[LoreEntry]:
    return [e for e in canon_lore() if e.kind is Kind.PERSON]


def says_who(entry: LoreEntry) -> bool:
    """The summary opens with the person's name (title or alias, "the" allowed) and is/was."""
    summary = entry.summary.casefold()
    for name in (entry.title, *entry.aliases):
        for head in (name.casefold(), "the " + name.casefold()):
            if summary.startswith(head) and _IDENTITY.match(summary[len(head) :]):
                return True
    return False


def pronoun_openings(entry: LoreEntry) -> list[str]:
    return [p.strip()[:40] for p in entry.body.split("\n\n") if _PRONOUN.match(p.strip())]


def test_every_persons_summary_says_who_they_were_and_the_card_has_a_role() -> None:
    entries = people()
    assert len(entries) >= 66
    assert [(e.key, e.summary[:50]) for e in entries if not says_who(e)] == []
    assert [e.key for e in entries if not e.facts.get("role")] == []


def test_no_paragraph_of_a_persons_body_opens_with_a_pronoun() -> None:
    assert [(e.key, pronoun_openings(e)) for e in people() if pronoun_openings(e)] == []


def test_the_checks_see_a_summary_or_paragraph_that_hides_its_subject() -> None:
    kor = next(e for e in people() if e.key == "kor")
    assert says_who(kor) and not pronoun_openings(kor)
    hidden = LoreEntry(
        key=kor.key,
        title=kor.title,
        kind=kor.kind,
        summary="In fan lore, Kor negotiated the alliance.",
        body="Kor held Organia.\n\nHe died in 2375.",
        sources=kor.sources,
    )
    assert not says_who(hidden)
    assert pronoun_openings(hidden) == ["He died in 2375."]


def years_outside_the_card(entry: LoreEntry) -> list[int]:
    """Years the role names or the person died in that the card's Years do not cover (an undated
    card shows no Years to contradict)."""
    if not entry.years:
        return []
    said = [int(y) for y in re.findall(r"\b2[0-4]\d\d\b", str(entry.facts.get("role") or ""))]
    if isinstance(entry.facts.get("died"), int):
        said.append(entry.facts.get("died"))
    start, end = entry.years.start, entry.years.end or entry.years.start
    return [y for y in said if not (start or 0) <= y <= (end or 9999)]


def test_a_persons_years_cover_their_role_and_their_death() -> None:
    """Gowron's card read "Years: 2372–2373" beside "chancellor … from 2367 to 2375"."""
    assert [(e.key, years_outside_the_card(e)) for e in people() if years_outside_the_card(e)] == []
