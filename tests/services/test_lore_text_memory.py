"""What the lore analyser's caches hold when full (issue #21, point 5: memory). A server with a
whole wiki imported fills them with words and sentences no question comes back to, so each is
bounded by what it holds, not only by its count: filled here with distinct made-up words,
sentences of eighteen words and entries of sixteen such sentences, as a big server's would be.
At the sizes before (200,000 stems, 100,000 tokens and sentences, 4,096 entries' fields) the
same filling held about 150 MiB."""

from __future__ import annotations

import gc
import random
import string
import tracemalloc
from collections.abc import Callable
from typing import Any

from bot.domain.lore import Kind, LoreEntry, Source, SourceTier
from bot.services import lore_text as text

RNG = random.Random(21)
VOCABULARY = ["".join(RNG.choices(string.ascii_lowercase, k=RNG.randint(4, 10))) for _ in range(5000)]
BUDGET_MIB = 45  # all five full: about 39 MiB (7 + 5 + 13 + 6 + 7)


def sentence(n: int) -> str:
    return " ".join(RNG.choices(VOCABULARY, k=18)) + f" {n}."


def entry(n: int) -> LoreEntry:
    body = " ".join(sentence(n * 100 + i) for i in range(16))
    return LoreEntry(
        f"server-{n}",
        f"Entry {n}",
        Kind.EVENT,
        sentence(n),
        body,
        (Source("x", SourceTier.SERVER),),
        guild_id=5,
    )


def held_when_full(cache: Any, fill: Callable[[int], object]) -> int:
    """Bytes `cache` keeps once filled to its size with distinct values."""
    cache.cache_clear()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for n in range(cache.cache_info().maxsize):
            fill(n)
        gc.collect()
        return int(tracemalloc.get_traced_memory()[0] - before)
    finally:
        tracemalloc.stop()
        cache.cache_clear()


def test_the_analyser_s_caches_stay_small_when_full() -> None:
    held = {
        "stem": held_when_full(text.stem, lambda n: text.stem(f"{RNG.choice(VOCABULARY)}{n}")),
        "word_stem": held_when_full(text.word_stem, lambda n: text.word_stem(f"{RNG.choice(VOCABULARY)}{n}")),
        "sentence_terms": held_when_full(text.sentence_terms, lambda n: text.sentence_terms(sentence(n))),
        "fields_of": held_when_full(text.fields_of, lambda n: text.fields_of(entry(n))),
        "sentences_of": held_when_full(
            text.sentences_of, lambda n: (lambda one: text.sentences_of(one.summary, one.body))(entry(n))
        ),
    }
    mib = {name: round(size / 2**20, 1) for name, size in held.items()}
    assert sum(held.values()) <= BUDGET_MIB * 2**20, mib
    assert max(held.values()) <= 15 * 2**20, mib  # no one cache takes most of it
