"""Whether a word is English, so that typo repair never "corrects" one ("Undiscovered" is not a
misspelling of anything in our lore). The word list is pyspellchecker's English dictionary,
loaded once (about 0.1 s; start-up loads it off the event loop)."""

from __future__ import annotations

from functools import cache

from spellchecker import SpellChecker

# plural, possessive and regular verb endings: (ending, what the dictionary word ends in instead)
_ENDINGS = (
    ("ies", "y"), ("es", ""), ("s", ""), ("'s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")
)  # fmt: skip


COMMON = 100_000  # uses in the word list's corpus: "big", "thing", "mom"; not "tall" or "flag"


@cache
def _counts() -> dict[str, int]:
    return dict(SpellChecker(distance=1).word_frequency.dictionary)


def load() -> None:
    _counts()


def is_common(word: str) -> bool:
    """A word used so often in English that, missing from our lore, it says little ("thing")."""
    return _counts().get(word.casefold(), 0) >= COMMON


def is_english(word: str) -> bool:
    """A word of the dictionary, or one of its plurals, possessives or regular verb forms."""
    folded = word.casefold().replace("’", "'")
    known = _counts()
    if folded in known:
        return True
    return any(
        folded.endswith(end) and len(folded) > len(end) + 2 and folded[: -len(end)] + new in known
        for end, new in _ENDINGS
    )
