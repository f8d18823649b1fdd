"""What a wiki page's infobox says, as an entry's years, factions and facts.

The infobox arrives as (parameter, value as text) pairs, parameters folded to lower case with
single spaces (bot.services.wikitext reads them). Years are every year its date fields name,
first to last; factions the items of its affiliation, parties, belligerents… fields; facts
(bot.domain.lore_facts) the usual fields under their usual names: born, died, signed, place or
location, signatories, commander, successor, cause. A value that makes no fact (a birth year
of "unknown") is left out: an import takes what a page gives, it does not argue with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .errors import InvalidInput
from .lore import MAX_TITLE, Kind, Years
from .lore_facts import MAX_LIST, Facts, parse_facts
from .wiki_import import LIST_MARK, MAX_FACTIONS, _without_emphasis

_LINK = re.compile(r"\[([^\]\n]*)\]\(https?://[^)\s]*\)")  # [label](url): a web link's label
_YEAR = re.compile(r"(?<![\w.,])\d{4}(?!\w|[.,]\d)")  # 2293, not stardate 41153.7
YEAR_FIELDS = ("year", "date", "signed", "founded", "established", "began", "ended", "born", "died")
FACTION_FIELDS = (
    "faction", "affiliation", "allegiance", "government", "side", "part", "signator", "combatant",
    "belligerent", "power", "member", "owner", "operator",
)  # fmt: skip
# Infobox parameters (exactly, or with a number after: commander1) -> the fact they give.
FACT_FIELDS: dict[str, str] = {
    "born": "born", "birth": "born", "birth date": "born", "date of birth": "born", "birth year": "born",
    "died": "died", "death": "died", "death date": "died", "date of death": "died", "death year": "died",
    "signed": "signed", "date signed": "signed", "signing date": "signed", "signing": "signed",
    "place": "place", "location": "location",
    "signatories": "signatories", "signatory": "signatories", "signers": "signatories",
    "signer": "signatories", "parties": "signatories",
    "commander": "commander", "commanders": "commander", "commanding officer": "commander",
    "captain": "commander", "leader of": "leader_of", "successor": "successor", "cause": "cause",
    "built by": "by", "builder": "by",
}  # fmt: skip
YEAR_FACTS = frozenset({"born", "died", "signed"})
PLACED_KINDS = frozenset({Kind.EVENT, Kind.TREATY, Kind.BATTLE})  # where they happened: "place"


def facts_from_infobox(pairs: Iterable[tuple[str, str]]) -> tuple[Years, tuple[str, ...]]:
    """An infobox's years (every year its date fields name: first to last) and factions (the
    items of its affiliation, parties, belligerents… fields)."""
    found: list[int] = []
    factions: list[str] = []
    for name, value in pairs:
        if any(word in name for word in YEAR_FIELDS):
            found += [int(year) for year in _YEAR.findall(value[:500])]
        elif any(name.startswith(word) for word in FACTION_FIELDS):
            factions += _items(value)
    if not found:
        return Years(), tuple(dict.fromkeys(factions))[:MAX_FACTIONS]
    low, high = min(found), max(found)
    return Years(low, high if high != low else None), tuple(dict.fromkeys(factions))[:MAX_FACTIONS]


def infobox_facts(pairs: Iterable[tuple[str, str]]) -> Facts:
    """The facts an infobox's usual fields give: the first year of born, died and signed, the
    names of signatories, the text of the others (fields of one fact, numbered 1, 2…, joined)."""
    gathered: dict[str, list[str]] = {}
    for name, value in pairs:
        fact = FACT_FIELDS.get(name.rstrip("0123456789 "))
        if fact is None:
            continue
        if fact == "signatories":
            gathered.setdefault(fact, []).extend(_items(value))
        elif text := ", ".join(_lines(value)):
            gathered.setdefault(fact, []).append(text)
    raw: dict[str, Any] = {}
    for fact, texts in gathered.items():
        distinct = list(dict.fromkeys(texts))
        given: int | str | list[str] | None
        if fact in YEAR_FACTS:
            years = [year for text in texts for year in _YEAR.findall(text[:500])]
            given = int(years[0]) if years else None
        else:
            given = distinct[:MAX_LIST] if fact == "signatories" else ", ".join(distinct)
        if given and _allowed(fact, given):
            raw[fact] = given
    return parse_facts(raw)


def for_kind(facts: Facts, kind: Kind) -> Facts:
    """An infobox's place or location under the name that suits the entry: where an event,
    treaty or battle happened is its place; where anything else is, its location."""
    wanted, other = ("place", "location") if kind in PLACED_KINDS else ("location", "place")
    if facts.get(wanted) is not None or facts.get(other) is None:
        return facts
    raw = facts.as_dict()
    raw[wanted] = raw.pop(other)
    return parse_facts(raw)


def _lines(value: str) -> list[str]:
    """A value's lines and list items, without emphasis."""
    lines = (
        " ".join(_without_emphasis(_LINK.sub(r"\1", line).lstrip("*#:; ")).split())
        for line in value.replace(LIST_MARK, "\n").split("\n")
    )
    return [line for line in lines if line]


def _items(value: str) -> list[str]:
    """A value's names: one per list item, line, comma or semicolon, without emphasis."""
    items = []
    for item in value.replace(LIST_MARK, "\n").replace(";", "\n").replace(",", "\n").split("\n"):
        item = " ".join(_without_emphasis(_LINK.sub(r"\1", item).lstrip("*#:; ")).split())
        if 0 < len(item) <= MAX_TITLE:
            items.append(item)
    return items


def _allowed(fact: str, value: Any) -> bool:
    try:
        parse_facts({fact: value})
    except InvalidInput:
        return False
    return True
