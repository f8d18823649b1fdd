"""Analysing lore text for search: words as typed (accents and apostrophes gone, any case),
terms (stop words dropped, stemmed with the Snowball English stemmer, so "negotiated" meets
"negotiator" and "ships" meets "ship"), and each entry's term impacts.

An impact is the BM25F weight of a term in an entry without its rarity: names count more than
the summary, the summary more than the body, repeats count less and less, long fields are
discounted. It depends on the entry alone, so it is computed once when the entry is written and
stored (bot/storage/lore_index.py); rarity (idf) is applied when a question is asked.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

from ..domain.lore import LoreEntry
from ..domain.lore_query import IRREGULAR, STOP_WORDS, SYNONYMS, paragraphs, sentences
from .english_stemmer import compiled_english_stemmer, english_stemmer

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_STEMMER = english_stemmer()  # Snowball English, without the other languages' stemmers

# Bump when words, terms or impacts change: stored postings are rebuilt at the next start.
# ("whos", "wheres" and the like joined the stop words without a bump: postings holding them are
# never asked for, and a bump reindexes every server's lore.)
# 2: stems are Snowball 3.1's, pinned in pyproject.toml (snowballstemmer here, PyStemmer in the
# import's workers: the same version of both, or their stems differ); 2.2 and 3.0 allowed before
# stemmed some words otherwise ("internal", "university").
ANALYSER_VERSION = "2"

# BM25F: field weight, and the typical length it is measured against.
FIELDS = {"names": (6.0, 4.0), "summary": (2.5, 22.0), "body": (1.0, 120.0)}
K1, B = 1.2, 0.75
MAX_WORDS = 20_000  # of one field: server lore bodies are bounded far below this anyway
MAX_WORD = 64  # letters of one word; no real word is longer


def words(text: str) -> list[str]:
    """Every word, folded: "Qo'noS" -> "qonos", "Genève" -> "geneve"."""
    folded = text[:400_000].casefold()
    if not folded.isascii():  # most of our text is plain ASCII: no accents to take off
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    # A word is cut at MAX_WORD letters: longer ones are noise, and an index key must stay small.
    return [w.replace("'", "").replace("’", "")[:MAX_WORD] for w in _WORD.findall(folded)][:MAX_WORDS]


# The caches below are bounded by what they hold when full, not only by count: a server with a
# whole wiki imported fills them with words and sentences no question comes back to. Full, at
# these sizes: stems 7 MiB, tokens 5, sentences 13, entries' fields 6, entries' sentences 7
# (tests/services/test_lore_text_memory.py); at the sizes before (200,000 stems, 100,000 tokens
# and sentences, 4,096 entries' fields) 159 MiB in all.
@lru_cache(maxsize=50_000)  # a big server's whole vocabulary
def stem(word: str) -> str:
    word = IRREGULAR.get(word, word)
    return str(_STEMMER.stemWord(word)) if word.isalpha() else word


def stem_in_c() -> None:
    """For a process that analyses many new words (an import's workers): the same stems from
    Snowball compiled to C (bot/services/english_stemmer.py)."""
    global _STEMMER
    _STEMMER = compiled_english_stemmer()


def terms(text: str) -> list[str]:
    """The words that carry meaning, stemmed, in order (repeats kept)."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


@lru_cache(maxsize=20_000)  # about a thousand entries' sentences besides sentences_of's
def sentence_terms(sentence: str) -> tuple[str, ...]:
    """terms() of one sentence, remembered: the same sentences answer many questions."""
    return tuple(terms(sentence))


# The entries of recent answers (the first two pages of each): each holds its text once more, cut
# into sentences, with their terms (about 4 KiB for a 260-word body: 4 MiB when full of those).
@lru_cache(maxsize=1024)
def sentences_of(summary: str, body: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """An entry's sentences (the summary's, then the body's by paragraph), each with its terms:
    cut and analysed once, not for every question that shows the entry."""
    cut = sentences(summary) + [one for paragraph in paragraphs(body) for one in sentences(paragraph)]
    return tuple((one, sentence_terms(one)) for one in cut)


@lru_cache(maxsize=20_000)
def word_stem(token: str) -> str:
    """The stem of one token as written ("Klingons" -> "klingon"), remembered."""
    found = words(token)
    return stem(found[0]) if found else ""


def query_terms(text: str, limit: int = 12) -> list[str]:
    """A question's terms, in order, once each, at most `limit`."""
    return list(dict.fromkeys(terms(text[:2000])))[:limit]


@lru_cache(maxsize=1024)  # canon entries (217) come back in answer after answer
def fields_of(entry: LoreEntry) -> dict[str, list[str]]:
    """entry_fields(), remembered for the entries questions rank."""
    return entry_fields(entry)


def entry_fields(entry: LoreEntry) -> dict[str, list[str]]:
    """An entry's terms by field. Indexing reads it once per entry, not through fields_of:
    an import or the canon index built at start-up would fill that cache with entries no
    question has shown (about 0.5 MiB for canon alone)."""
    return {
        "names": terms(" . ".join((entry.title, *entry.aliases))),
        "summary": terms(entry.summary),
        "body": terms(entry.body),
    }


def impacts(fields: dict[str, list[str]]) -> dict[str, float]:
    """Each term's BM25F weight in one entry, before rarity."""
    weighted: dict[str, float] = {}
    for name, found in fields.items():
        weight, typical = FIELDS[name]
        norm = 1 - B + B * len(found) / typical
        for term, count in Counter(found).items():
            weighted[term] = weighted.get(term, 0.0) + weight * count / norm
    return {term: tf * (K1 + 1) / (tf + K1) for term, tf in weighted.items()}


def vocabulary(entry: LoreEntry) -> set[str]:
    """The words (not stems) of an entry that typo repair may offer: four letters or more."""
    return {
        w for w in words(" ".join((entry.title, *entry.aliases, entry.summary, entry.body))) if len(w) >= 4
    }


@lru_cache(maxsize=2)
def synonym_stems(groups: tuple[tuple[str, ...], ...] = SYNONYMS) -> dict[str, frozenset[str]]:
    """Each stem of `groups` with the other stems of its group (one-word members only)."""
    out: dict[str, set[str]] = {}
    for group in groups:
        stems = {stem(w) for w in group if " " not in w}
        for one in stems:
            out.setdefault(one, set()).update(stems - {one})
    return {key: frozenset(value) for key, value in out.items()}
