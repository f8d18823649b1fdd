"""Factions as players and moderators type them, resolved to the names lore files entries under.

One vocabulary (domain.accords.names.Names) for every use: /lore timeline resolves its option
strictly (an unknown or ambiguous name is refused, naming what would do) and autocompletes from
it; a moderator's entry or an imported page files its factions leniently ("Klingon" -> Klingon
Empire, "feds" -> United Federation of Planets), keeping a faction nobody knows as typed, so a
server's own entries appear in the faction timelines beside canon.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from ..content.lore import canon_lore
from ..domain.accords.names import Names, fold, number_forms
from ..domain.lore import Kind
from .accords import power_aliases

MIN_PREFIX = 4  # filed silently: "Klin" is a start of a name; "K" or "Ro" is not enough to guess


@cache
def faction_names() -> Names:
    """The factions canon lore files entries under and the powers of data/powers.toml, A to Z,
    each with the aliases of its own lore entry and of data/powers.toml."""
    aliases: dict[str, list[str]] = {f: [] for e in canon_lore() for f in e.factions}
    for entry in canon_lore():
        if entry.kind is Kind.FACTION and entry.title in entry.factions:  # the faction itself
            aliases.setdefault(entry.title, []).extend(entry.aliases)
    for power, more in power_aliases().items():
        aliases.setdefault(power, []).extend(more)
    return Names.of({name: aliases[name] for name in sorted(aliases)}, noun="faction")


@cache
def _parts_of_factions() -> dict[str, str]:
    """Faction entries that are part of a faction (House of Duras, Tal Shiar), by title and alias:
    filed under their own title, but not offered as timelines of their own."""
    return {
        key: entry.title
        for entry in canon_lore()
        if entry.kind is Kind.FACTION and entry.title not in entry.factions
        for name in (entry.title, *entry.aliases)
        if (key := fold(name))
    }


def faction_named(typed: str, server_factions: Iterable[str] = ()) -> str:
    """The faction `typed` names, among canon's and a server's own, or InvalidInput saying why."""
    return faction_names().adding(server_factions).resolve(typed)


def filed_under(faction: str) -> frozenset[str]:
    """The folded names an entry may file `faction` under: its name, aliases and demonyms."""
    return faction_names().forms(faction) or frozenset(number_forms(fold(faction)))


def resolve_faction(typed: str) -> str:
    """The known faction `typed` names (exactly, by an alias or demonym, or by the unique start of
    a name), else `typed` itself with its spacing tidied."""
    typed = " ".join(typed.split())
    names = faction_names()
    found = names.candidates(typed, starts=False)
    if not found and (part := _parts_of_factions().get(fold(typed))):
        return part
    if not found and len(fold(typed)) >= MIN_PREFIX:
        found = names.candidates(typed)
    return found[0] if len(found) == 1 else typed


def resolve_factions(typed: Iterable[str]) -> tuple[str, ...]:
    """Each faction resolved, blanks dropped, each once, in the order given."""
    return tuple(dict.fromkeys(resolve_faction(t) for t in typed if t.strip()))
