"""Factions as moderators type them, resolved to the names canon lore files them under.

"Klingon" -> Klingon Empire, "feds" -> United Federation of Planets: so a server's own entries
appear in the faction timelines beside canon. A faction nobody knows is kept as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from ..content.lore import canon_lore
from ..domain.errors import InvalidInput
from ..domain.lore import Kind
from ..domain.references import normalise
from .accords import any_power_named, power_aliases

MIN_PREFIX = 4  # "Klin" is a start of a name; "K" or "Ro" is not enough to guess


@cache
def _exact() -> dict[str, str]:
    """Every known way to name a faction (normalised) -> the name lore files it under: the
    factions canon entries belong to, faction entries by title and alias, then the powers of
    data/powers.toml by name and alias."""
    names: dict[str, str] = {}
    lore = canon_lore()
    for entry in lore:
        for faction in entry.factions:
            names.setdefault(normalise(faction), faction)
    for entry in lore:
        if entry.kind is Kind.FACTION:
            for name in (entry.title, *entry.aliases):
                names.setdefault(normalise(name), entry.title)
    for power, aliases in power_aliases().items():
        for name in (power, *aliases):
            names.setdefault(normalise(name), power)
    names.pop("", None)
    return names


def resolve_faction(typed: str) -> str:
    """The known faction `typed` names (exactly, by an alias, or by the unique start of a power's
    name), else `typed` itself with its spacing tidied."""
    typed = " ".join(typed.split())
    known = _exact().get(normalise(typed))
    if known is not None:
        return known
    if len(normalise(typed)) >= MIN_PREFIX:
        try:
            return any_power_named(typed)
        except InvalidInput:
            pass  # unknown or ambiguous: kept as typed
    return typed


def resolve_factions(typed: Iterable[str]) -> tuple[str, ...]:
    """Each faction resolved, blanks dropped, each once, in the order given."""
    return tuple(dict.fromkeys(resolve_faction(t) for t in typed if t.strip()))
