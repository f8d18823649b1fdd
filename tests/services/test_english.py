"""The English word check answers as pyspellchecker's dictionary would, held in a fraction of
the memory (issue #21, point 5: the dictionary was the largest part of the bot's memory)."""

from __future__ import annotations

import random
import subprocess
import sys
from functools import cache

from spellchecker import SpellChecker

from bot.services import english

# plural, possessive and regular verb endings, as bot/services/english.py reads them
ENDINGS = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("'s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
)


@cache
def dictionary() -> dict[str, int]:
    """pyspellchecker's English dictionary, word to uses, as its own loader reads it."""
    return dict(SpellChecker(distance=1).word_frequency.dictionary)


def was_english(word: str) -> bool:
    """The answer of the check as it was: membership in the whole dictionary as a dict."""
    folded = word.casefold().replace("’", "'")
    known = dictionary()
    if folded in known:
        return True
    return any(
        folded.endswith(end) and len(folded) > len(end) + 2 and folded[: -len(end)] + new in known
        for end, new in ENDINGS
    )


def test_every_word_of_the_dictionary_is_english_and_as_common_as_before() -> None:
    words = dictionary()
    assert len(words) > 150_000
    assert [w for w in words if not english.is_english(w)] == []
    assert {w for w in words if english.is_common(w)} == {w for w, n in words.items() if n >= english.COMMON}
    assert english.is_common("Thing") and not english.is_common("tall")


def test_forms_and_non_words_answer_as_the_dictionary_did() -> None:
    """Plurals, verb forms, capitals, curly apostrophes, misspellings and random letters."""
    chance = random.Random(21)
    words = sorted(dictionary())
    sample = chance.sample(words, 20_000)
    letters = "abcdefghijklmnopqrstuvwxyzé'"
    asked = [
        variant
        for word in sample
        for variant in (
            word.upper(),
            word.title().replace("'", "’"),
            word + "s",
            word + "es",
            word + "'s",
            word + "ed",
            word + "ing",
            word[:-1] + "ies",
            word[:-1] + "ing",
            word[:-1],
            word + chance.choice(letters),
            word[:1] + chance.choice(letters) + word[2:],
        )
    ]
    asked += ["".join(chance.choices(letters, k=chance.randint(1, 12))) for _ in range(20_000)]
    asked += ["", "ß", "straße", "Gowron", "Hobus", "Undiscovered", "klingons", "naïveté", "x" * 60]
    # the dictionary's answer, and yes for the few shortenings players type that it lacks
    differing = [
        word
        for word in asked
        if english.is_english(word) != (was_english(word) or word.casefold() in english.INFORMAL)
    ]
    assert differing == []
    assert sum(map(was_english, asked)) > len(asked) // 4  # the sample holds both answers


def test_the_word_list_is_held_in_little_memory() -> None:
    """What stays alive once the word list is loaded (the dictionary as a dict held ~14 MiB; the
    words themselves are 1.4 MB of text)."""
    probe = (
        "import gc, importlib.resources, tracemalloc, zipfile\n"
        "from bot.services import english\n"
        "tracemalloc.start()\n"
        "english.load()\n"
        "gc.collect()\n"
        "print(tracemalloc.get_traced_memory()[0])\n"
    )
    held = int(
        subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
    )
    assert held < 2 * 2**20, f"{held / 2**20:.1f} MiB"
