"""Whether a word is English, so that typo repair never "corrects" one ("Undiscovered" is not a
misspelling of anything in our lore). The word list is pyspellchecker's English dictionary (about
160,000 words), read once from its data file (about 0.2 s; start-up loads it off the event loop),
and INFORMAL, a few shortenings players type that it lacks ("comms", "admin").

Held as a dict of words and counts, it kept about 14 MiB alive (the largest part of the bot's
memory) for a membership test. Here each word length keeps one string, its words sorted and run
together (1.4 MB in all), searched by bisection; and only the common words keep a set of their own."""

from __future__ import annotations

import bisect
import gzip
import re
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

# plural, possessive and regular verb endings: (ending, what the dictionary word ends in instead)
_ENDINGS = (
    ("ies", "y"), ("es", ""), ("s", ""), ("'s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")
)  # fmt: skip


COMMON = 100_000  # uses in the word list's corpus: "big", "thing", "mom"; not "tall" or "flag"
# Words players type that the dictionary lacks: shortenings and chat ("who ran comms": not "comes").
INFORMAL = frozenset({
    "comms", "comm", "admin", "admins", "sitrep", "dept", "hq", "nav", "tac", "xo", "intel", "ftl",
    "approx", "convo", "vid", "vids", "hrs", "yrs", "mins", "etc", "ie", "eg", "lol", "btw", "tbh", "idk",
    "imo", "imho", "irl", "ngl", "omg", "wtf", "fyi", "pls", "plz", "thx", "ppl", "bc", "cuz",
})  # fmt: skip

# One entry a line of pyspellchecker's file: "word": uses (its words hold no quote or escape;
# tests/services/test_english.py checks every word against pyspellchecker's own reading).
_ENTRY = re.compile(rb'^"([^"\\\n]+)": ([0-9]+),?$')  # matched on each line, in bytes


@dataclass(frozen=True, slots=True)
class _Words:
    runs: dict[int, str]  # word length -> the words of that length, sorted, run together
    common: frozenset[str]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not (run := self.runs.get(size := len(word))):
            return False
        at = bisect.bisect_left(range(len(run) // size), word, key=lambda i: run[i * size : (i + 1) * size])
        return run[at * size : (at + 1) * size] == word


def _word_file() -> Path:
    """pyspellchecker's English list, found without importing the package: only its data is used."""
    spec = find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyspellchecker (a dependency of Khitomer) is not installed")
    return Path(next(iter(spec.submodule_search_locations)), "resources", "en.json.gz")


@cache
def _words() -> _Words:
    runs: dict[int, bytearray] = {}  # by length in letters: the words' UTF-8 run together
    last: dict[int, bytes] = {}
    unsorted: set[int] = set()
    common = bytearray()  # one buffer: common words kept as objects would pin the freed words' memory
    # Streamed a line at a time, in bytes (UTF-8 sorts as its letters do), each word appended to
    # its length's buffer: the file read whole (2.7 MB decoded, then freed) kept ~13 MiB of the
    # loading thread's heap resident for good, and a str per word written to a StringIO 5 MiB
    # (tests/services/test_english_memory.py).
    with _word_file().open("rb") as packed, gzip.open(packed) as lines:
        for entry in filter(None, map(_ENTRY.match, lines)):
            word = entry.group(1)
            size = len(word) if word.isascii() else len(word.decode("utf-8"))
            if word <= last.get(size, b""):
                unsorted.add(size)  # the file lists its words in order; should it not, they are sorted
            last[size] = word
            runs.setdefault(size, bytearray()).extend(word)
            if int(entry.group(2)) >= COMMON:
                common += word + b"\n"
    joined = {size: run.decode("utf-8") for size, run in runs.items()}
    for size in unsorted:
        run = joined[size]
        joined[size] = "".join(sorted({run[i : i + size] for i in range(0, len(run), size)}))
    return _Words(joined, frozenset(common.decode("utf-8").split("\n")[:-1]))


def load() -> None:
    _words()


def is_common(word: str) -> bool:
    """A word used so often in English that, missing from our lore, it says little ("thing")."""
    return word.casefold() in _words().common


def is_english(word: str) -> bool:
    """A word of the dictionary, or one of its plurals, possessives or regular verb forms."""
    folded = word.casefold().replace("’", "'")
    known = _words()
    if folded in known or folded in INFORMAL:
        return True
    return any(
        folded.endswith(end) and len(folded) > len(end) + 2 and folded[: -len(end)] + new in known
        for end, new in _ENDINGS
    )
