"""Powers and factions named as players type them: the one resolver behind every option that
names one (/lore timeline, /treaty map, /accord ...), its autocomplete and its refusals.

A name is found by, in this order: its own name; an alias or a demonym, singular or plural
("feds", "klingon", "romulans"); the unique start of any of those ("kling", "rom"). Case,
accents, punctuation and a leading "the" never matter (references.normalise).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..errors import InvalidInput
from ..inert import inert, quoted
from ..references import normalise

fold = normalise  # how names are compared, here and where data/powers.toml is checked
LISTED = 15  # an unknown name is answered with at most this many valid ones


def number_forms(folded: str) -> tuple[str, ...]:
    """A one-word name and its other number: "klingons" <-> "klingon", "vulcan" <-> "vulcans"."""
    if not folded or " " in folded:
        return (folded,) if folded else ()
    if folded.endswith("s") and not folded.endswith("ss") and len(folded) > 3:
        return folded, folded[:-1]
    return folded, folded + "s"


@dataclass(frozen=True, slots=True)
class Names:
    """The names one option accepts: each canonical name, in order, with its folded names."""

    noun: str
    order: tuple[str, ...]
    folded: Mapping[str, tuple[str, ...]]  # canonical -> its own folded name, then its aliases'

    @classmethod
    def of(cls, names: Mapping[str, Iterable[str]], noun: str = "power") -> Names:
        """`names`: each canonical name -> its aliases (demonyms' other number is derived)."""
        return cls(noun, tuple(names), {c: _folded(c, aliases) for c, aliases in names.items()})

    def among(self, chosen: Sequence[str]) -> Names:
        """Only `chosen` (a conference's seats), in that order, keeping their aliases."""
        return Names(self.noun, tuple(chosen), {c: self.folded.get(c) or _folded(c, ()) for c in chosen})

    def adding(self, more: Iterable[str]) -> Names:
        """With `more` (a server's own factions), each that is not already a way to name one."""
        known = {f for c in self.order for f in self.forms(c)}
        extra: dict[str, tuple[str, ...]] = {}
        for name in more:
            if (key := fold(name)) and key not in known:
                known.add(key)
                extra[name] = _folded(name, ())
        return Names(self.noun, (*self.order, *extra), {**self.folded, **extra})

    def forms(self, name: str) -> frozenset[str]:
        """Every folded way to name `name` exactly: it, its aliases, their other number."""
        return frozenset(f for n in self.folded.get(name, ()) for f in number_forms(n))

    def candidates(self, text: str, *, starts: bool = True) -> list[str]:
        """What `text` may mean: its exact name, else the ones it is an alias or demonym of, else
        (with `starts`) those one of whose names it starts."""
        wanted = fold(text)
        if not wanted:
            return []
        levels: tuple[Callable[[str], bool], ...] = (
            lambda c: self.folded[c][:1] == (wanted,),
            lambda c: wanted in self.forms(c),
            lambda c: starts and any(n.startswith(wanted) for n in self.folded[c]),
        )
        for matches in levels:
            if found := [c for c in self.order if matches(c)]:
                return found
        return []

    def resolve(self, text: str, *, seats: bool = False) -> str:
        """The one name `text` means, or InvalidInput naming the candidates or some valid names.
        `seats`: these are a conference's seats (the refusal says so)."""
        typed = " ".join(text.split())
        if not fold(typed):
            raise InvalidInput(f"Name a {self.noun}: {self._listing()}.")
        found = self.candidates(typed)
        if len(found) == 1:
            return found[0]
        if found:
            raise InvalidInput(f"{quoted(typed)} could be {_either(found)}: say which.")
        if seats:
            listing = ", ".join(inert(name) for name in self.order)
            raise InvalidInput(
                f"No {self.noun} {quoted(typed)} sits at this conference. The seats are: {listing}."
            )
        raise InvalidInput(
            f"There is no {self.noun} called {quoted(typed)}. The {self.noun}s are: {self._listing()}."
            + self._guess(typed)
        )

    def suggest(self, text: str, limit: int = 25) -> list[str]:
        """Autocomplete: the names `text` may mean, best first, then those it is part of."""
        wanted = fold(text)
        if not wanted:
            return list(self.order[:limit])
        starting = (c for c in self.order if any(n.startswith(wanted) for n in self.folded[c]))
        within = (c for c in self.order if any(wanted in n for n in self.folded[c]))
        return list(dict.fromkeys([*self.candidates(text), *starting, *within]))[:limit]

    def suggest_list(self, text: str, limit: int = 25) -> list[str]:
        """Autocomplete for a comma-separated list: the names before the last comma, resolved where
        they can be, followed by each suggestion for the last one not already named."""
        *before, last = text.split(",")
        head = [self._tidy(part) for part in before if part.strip()]
        return [", ".join([*head, s]) for s in self.suggest(last) if s not in head][:limit]

    def _tidy(self, part: str) -> str:
        found = self.candidates(part)
        return found[0] if len(found) == 1 else " ".join(part.split())

    def _listing(self) -> str:
        names = [inert(name) for name in self.order]  # a server's factions are typed names
        if len(names) <= LISTED:
            return ", ".join(names)
        shown = LISTED - 2
        return f"{', '.join(names[:shown])} and {len(names) - shown} more"

    def _guess(self, typed: str) -> str:
        by_name = {f: c for c in self.order for f in self.forms(c)}
        close = difflib.get_close_matches(fold(typed), list(by_name), n=3, cutoff=0.75)
        guesses = list(dict.fromkeys(by_name[f] for f in close))
        return f" Did you mean {_either(guesses)}?" if guesses else ""


def _folded(name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k for n in (name, *aliases) if (k := fold(n))))


def _either(typed: Sequence[str]) -> str:
    names = [inert(name) for name in typed]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def resolve_powers(text: str, names: Names) -> list[str]:
    """A comma- (or "and"-) separated list of names, each resolved, in the order given, once."""
    parts = [p for chunk in text.replace(" and ", ",").replace(";", ",").split(",") if (p := chunk.strip())]
    return list(dict.fromkeys(names.resolve(part, seats=True) for part in parts))
