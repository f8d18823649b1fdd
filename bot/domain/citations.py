"""Treaty references in a member's message: "as Article II of the Khitomer Accords promises…".

`find_citations(text, treaties)` returns each (treaty, articles) a message cites, in order, once.
Tuned not to fire on ordinary prose: a treaty named without articles is a mention, not a
citation; "an article of clothing" names no treaty; "the second accord we spoke of" has no
number. The forms, each with the name spelt exactly, by an alias, or (next to a keyword) with a
slip:

    Khitomer Accords, Article II    Article II of the Khitomer Accords    KA II–IV
    Treaty of Algeron art. 1        Khitomer II §3                        Algeron art. 1 and art. 2
    The Khitomer Accords are clear. Article III: …   (an article after a name in the same message)

Initials (KA for Khitomer Accords) count only in capitals and before articles; a near spelling
or the name's words in another order ("Mempa Line treaty") only right before a keyword.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .citation_tokens import Token, designation_at, is_list, keyword_at, span_at, tokens
from .references import Selection, normalise
from .treaties import Treaty

_SKIPPED = {"", "the"}  # inside or before a name ("Treaty of the Mempa Line"); normalise drops "the"
_DASHES = {"-", "–", "—", "−"}
_BEFORE_ARTICLES = {",", ":", "(", "'s", "’", "'", "—", "–"}  # "Khitomer Accords, Article II"
_OF = {"of", "in", "under", "from"}
_STOP = {".", "!", "?", ";", ":", "*", '"', "“", "”", "(", ")", "[", "]"}
_GENERIC = {"of", "the", "and", "treaty", "accord", "accords"}  # not what tells two names apart
_COMMON_INITIALS = {"to", "of", "in", "at", "an", "as", "by", "do", "go", "he", "if", "is", "it", "me"}
_COMMON_INITIALS |= {"my", "no", "on", "or", "so", "up", "us", "we", "ok", "hi", "am", "be"}
NEAR = 0.85  # how alike a slip of a name must be (difflib ratio), and only beside a keyword
LONGEST_NAME = 8  # words
K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class Citation:
    treaty: Treaty
    selection: Selection
    start: int  # where in the message the reference begins (for showing it)


@dataclass(frozen=True, slots=True)
class _Names:
    exact: dict[tuple[str, ...], Treaty]
    initials: dict[str, Treaty]  # only in capitals
    word_sets: dict[frozenset[str], Treaty]
    spelled: list[tuple[str, Treaty]]

    @classmethod
    def of(cls, treaties: Sequence[Treaty]) -> _Names:
        exact: dict[tuple[str, ...], Treaty] = {}
        initials: dict[str, list[Treaty]] = {}
        word_sets: dict[frozenset[str], list[Treaty]] = {}
        spelled: list[tuple[str, Treaty]] = []
        for treaty in treaties:
            for name in (treaty.name, *treaty.aliases):
                words = tuple(normalise(name).split())
                if not words:
                    continue
                exact.setdefault(words, treaty)
                spelled.append((" ".join(words), treaty))
                key = frozenset(words) - _GENERIC
                if key:
                    word_sets.setdefault(key, []).append(treaty)
            letters = "".join(w[0] for w in normalise(treaty.name).split() if w not in {"of", "and"})
            if len(letters) >= 2 and letters not in _COMMON_INITIALS:
                initials.setdefault(letters, []).append(treaty)
        return cls(exact, _unique(initials), _unique(word_sets), spelled)


def _unique(found: dict[K, list[Treaty]]) -> dict[K, Treaty]:
    """Keys that name one treaty only (two treaties with the same initials name neither)."""
    return {key: ts[0] for key, ts in found.items() if len({t.key for t in ts}) == 1}


def find_citations(text: str, treaties: Sequence[Treaty]) -> list[Citation]:
    """Every (treaty, articles) `text` cites, in the order they appear, each once."""
    words = tokens(text)
    names = _Names.of(treaties)
    found: list[Citation] = []
    last_named: Treaty | None = None
    i = 0
    while i < len(words):
        named = _named_with_articles(words, i, names)
        if named is not None:
            treaty, cited, i = named
            found += [Citation(treaty, s, words[start].start) for s, start in cited]
            last_named = treaty
            continue
        plain = _exact_names_at(words, i, names)
        if plain:
            last_named, i = plain[0]
            continue
        chain = _chain(words, i)
        if chain is not None:
            cited, i = chain
            owner, i = _whose(words, cited[0][1], i, names, last_named)
            if owner is not None:
                found += [Citation(owner, s, words[start].start) for s, start in cited]
                last_named = owner
            continue
        i += 1
    return _first_of_each(found)


def _first_of_each(found: list[Citation]) -> list[Citation]:
    """A reference cited twice ("Article III. There is no Article III?") is quoted once."""
    kept: dict[tuple[str, Selection], Citation] = {}
    for citation in found:
        kept.setdefault((citation.treaty.key, citation.selection), citation)
    return list(kept.values())


def names_read(text: str) -> list[str]:
    """Every run of words in `text` the finder may read as a treaty's exact name or alias,
    normalised as a server's accord names are indexed: the accords to look up before finding
    the citations of a message among the canon and them (near spellings are not among them)."""
    words = tokens(text)
    return list(dict.fromkeys(" ".join(key) for i in range(len(words)) for key, _ in _keys_from(words, i)))


def _keys_from(words: list[Token], i: int) -> Iterator[tuple[tuple[str, ...], int]]:
    """The names that may start at `i`, as their normalised words, each with where it ends."""
    if words[i].kind != "word":
        return
    key: list[str] = []
    j = i
    while j < len(words) and len(key) < LONGEST_NAME:
        token = words[j]
        if token.text in _DASHES and key:
            j += 1
            continue
        if token.kind == "mark" or (token.key in _SKIPPED and key == []):
            break
        if token.key not in _SKIPPED:
            key.append(token.key)
            yield tuple(key), j + 1
        j += 1


def _exact_names_at(words: list[Token], i: int, names: _Names) -> list[tuple[Treaty, int]]:
    """The names (exact or an alias) that start at `i`, longest first, with where each ends."""
    found = [
        (treaty, end) for key, end in _keys_from(words, i) if (treaty := names.exact.get(key)) is not None
    ]
    return found[::-1]


def _named_with_articles(
    words: list[Token], i: int, names: _Names
) -> tuple[Treaty, list[tuple[Selection, int]], int] | None:
    """A name at `i` followed by its articles ("Khitomer Accords, Article II", "KA II–IV"). Of
    the names starting here, the longest that leaves a reading of articles after it wins:
    "Khitomer Accords II–IV" is the Khitomer Accords, Articles II–IV."""
    starts = _exact_names_at(words, i, names)
    if words[i].kind == "word" and words[i].text.isupper() and words[i].key in names.initials:
        starts.append((names.initials[words[i].key], i + 1))
    longest = max((end for _, end in starts), default=i)
    for treaty, end in starts:
        cited = _articles_after_name(words, end)
        # a shorter name only where the longer one leaves numbers dangling ("…Accords II–IV")
        if cited is not None and (end == longest or cited[1] > longest):
            (first, _), *rest = cited[0]
            return treaty, [(first, i), *rest], cited[1]  # the first reads from the name on
    return None


def _articles_after_name(words: list[Token], i: int) -> tuple[list[tuple[Selection, int]], int] | None:
    dash = i < len(words) and words[i].text in _DASHES
    if i < len(words) and words[i].text in _BEFORE_ARTICLES:
        i += 1
    chain = _chain(words, i)
    if chain is not None:
        return chain
    if dash:  # "Khitomer Accords – Article II" is a pause; "Khitomer Accords II–IV" a range
        return None
    if i + 1 < len(words) and words[i].key == "all" and words[i + 1].key == "articles":
        return [(Selection.all(), i)], i + 2
    bare = span_at(words, i, anchored=False)
    if bare is not None and (len(bare[0]) > 1 or (len(words[i].text) > 1 and words[i].kind == "word")):
        return [(Selection(bare[0]), i)], bare[1]  # a span or a Roman numeral: "KA II–IV", "KA IV"
    return None


def _chain(words: list[Token], i: int) -> tuple[list[tuple[Selection, int]], int] | None:
    """Designations joined by and/or/commas ("Article 3 or Article 4"), each a citation of its own."""
    first = designation_at(words, i)
    if first is None:
        return None
    cited, end = [(Selection(first[0]), i)], first[1]
    while end + 1 < len(words) and is_list(words[end]):
        more = designation_at(words, end + 1)
        if more is None:
            break
        cited.append((Selection(more[0]), end + 1))
        end = more[1]
    return cited, end


def _whose(
    words: list[Token], start: int, end: int, names: _Names, last_named: Treaty | None
) -> tuple[Treaty | None, int]:
    """The treaty articles without a name before them belong to: the one named after "of"; one
    named just before them with a slip; else the last one this message named. "Article one of my
    complaint" names something else: nobody's."""
    if end < len(words) and words[end].key in _OF:
        after = end + 1
        if after < len(words) and words[after].key in _SKIPPED:
            after += 1
        exact = _exact_names_at(words, after, names) if after < len(words) else []
        if exact:
            return exact[0][0], exact[0][1]
        near = _near(_phrases_from(words, after), names)
        if near is not None:
            return near[0], after + near[1]
        if words[end].key == "of":
            return None, end
    before = _phrases_before(words, start)
    near = _near(before, names)
    if near is not None:
        return near[0], end
    return last_named, end


def _phrases_from(words: list[Token], i: int) -> list[list[Token]]:
    run = _run(words, i, 1)
    return [run[:n] for n in range(len(run), 0, -1)]


def _phrases_before(words: list[Token], i: int) -> list[list[Token]]:
    j = i - 1
    if j >= 0 and words[j].text in _BEFORE_ARTICLES:
        j -= 1
    run = _run(words, j, -1)[::-1]
    return [run[-n:] for n in range(len(run), 0, -1)]


def _run(words: list[Token], i: int, step: int) -> list[Token]:
    """The words from `i` on (or back) up to a stop, a keyword or the longest name."""
    run: list[Token] = []
    while 0 <= i < len(words) and len(run) < LONGEST_NAME:
        token = words[i]
        if token.text in _STOP or token.text == "," or keyword_at(words, i) is not None:
            break
        if token.kind == "word":
            run.append(token)
        i += step
    return run


def _near(phrases: list[list[Token]], names: _Names) -> tuple[Treaty, int] | None:
    """A slip of a name, or its words in another order, and how many words it took."""
    for phrase in phrases:
        keys = [t.key for t in phrase if t.key not in _SKIPPED]
        if not keys:
            continue
        treaty = names.word_sets.get(frozenset(keys) - _GENERIC) if len(keys) > 1 else None
        if treaty is not None:
            return treaty, len(phrase)
        typed = " ".join(keys)
        if len(typed) < 5:
            continue
        best = max(
            ((difflib.SequenceMatcher(None, typed, name).ratio(), t) for name, t in names.spelled),
            key=lambda pair: pair[0],
            default=(0.0, None),
        )
        if best[1] is not None and best[0] >= NEAR:
            return best[1], len(phrase)
    return None
