"""What a question asking which ship wants of an answer line: a ship named ("the IKS Rotarran",
"a Bird-of-Prey"), not a sentence that only says "his ships". Read by
bot/services/lore_question.py (pure: the standard library)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+)?(?:ship|starship|vessel|warship|flagship)s?\b"
    r"|\bname\s+of\s+(?:\S+\s+){0,2}?(?:ship|starship|vessel|warship|flagship)\b",
    re.I,
)
_PREFIXED = re.compile(r"\b(?:USS|IKS|IRW|RRW|ISS|ECS|HMS)\s+\*?[A-Z]")
_TYPES = re.compile(r"\bBird-of-Prey\b", re.I)
_WORD = re.compile(r"[A-Z][\w'’]*")
# Words of ships' entries' names that name no one ship ("Klingon Bird-of-Prey", "Galaxy class").
GENERIC = frozenset(
    """attack battle bird prey bop class cruiser one original starship warbird warship tal hms rrw uss iks
    irw ncc""".split()  # noqa: SIM905
)


def ship_asked(question: str) -> bool:
    """Whether the question asks which ship ("what ship did Martok command")."""
    return _ASKED.search(question) is not None


def ship_words(words: Iterable[str]) -> set[str]:
    """Of the words of ships' names, those that name a ship ("rotarran", not "class")."""
    return {w for w in words if w.replace("'", "").isalpha() and not w.endswith("'s") and w not in GENERIC}


def names_a_ship(sentence: str, ships: set[str]) -> bool:
    """Whether the sentence names a ship: after a prefix ("USS Excelsior"), by a word of a known
    ship's name written as a name ("the Rotarran"), or by its type ("a Bird-of-Prey")."""
    if _PREFIXED.search(sentence) or _TYPES.search(sentence):
        return True
    written = (word.casefold().replace("’", "'").removesuffix("'s") for word in _WORD.findall(sentence))
    return any(word in ships for word in written)
