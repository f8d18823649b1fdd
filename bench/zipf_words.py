"""Words drawn as a language draws them, by Zipf's law, for benches that depend on a server's
term statistics. The word lists of bench/lore_owned_data.py hold about 200 words, nearly every one
in most entries: an index that leaves out what no question reads (bot/storage/lore_floors.py)
leaves out more of them than of a real wiki's text, where a few thousand words are common and
tens of thousands rare. `KHITOMER_BENCH_VOCABULARY=zipf` (bench/wiki_import.py's `--zipf`) has
the generated entries and pages draw their nouns, verbs and adjectives from SIZE invented words,
the word of rank r with weight 1 / r."""

from __future__ import annotations

import itertools
import os
import random
from collections.abc import Callable, Sequence
from functools import cache

VOCABULARY_ENV = "KHITOMER_BENCH_VOCABULARY"
SIZE = 50_000
# none of bench/lore_search.py's SYLLABLES, which make the entries' names
SYLLABLES = "bo ne fi gu la mo pe ru si tu wa xe yo zu ce di ha je ko li".split()  # noqa: SIM905


def zipfian() -> bool:
    """Whether this process (or the one that started it) asked for Zipf's words."""
    return os.environ.get(VOCABULARY_ENV) == "zipf"


def word(rank: int) -> str:
    """The invented word of `rank` (0 the commonest): its digits in base 20, as syllables."""
    letters = [SYLLABLES[rank % 20]]
    rank //= 20
    while rank or len(letters) < 2:
        letters.append(SYLLABLES[rank % 20])
        rank //= 20
    return "".join(letters)


@cache
def _cumulative() -> list[float]:
    return list(itertools.accumulate(1 / rank for rank in range(1, SIZE + 1)))


def chooser(rng: random.Random) -> Callable[[Sequence[str]], str]:
    """rng.choice, or with Zipf's vocabulary asked for, a word of it in place of the list's."""
    if not zipfian():
        return rng.choice
    ranks = range(SIZE)
    return lambda _words: word(rng.choices(ranks, cum_weights=_cumulative())[0])
