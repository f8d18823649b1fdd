"""Which names a player's reference may name, so only those are looked up (issue #21).

The domain (bot/domain/references.py) resolves a reference among the treaties it is given. A
server may hold thousands of accords: rather than all of them, it is given the canon and the
accords the index finds for the names the reference can be read as — the same answer wherever
the index finds what a scan would (exact names, unique prefixes; near spellings among the names
beside the typed one, see bot/storage/accord_reads.py `candidates`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..domain.references import MAX_INPUT, normalise, parses_as_articles
from ..domain.treaties import Treaty
from ..storage.accords import accord_id_of

# As bot/domain/references.py `_explicit_split` and `_word_splits` read a reference.
_KEYWORD = re.compile(r"(?i)(?:^|\s)(articles?\b|arts?\b\.?|§)")
_SEPARATOR = re.compile(r"[,:]")
_SPACE = re.compile(r"\s+")
PREFIX_LETTERS = 3  # resolve_treaty reads a unique prefix of at least this many letters
LONGEST_NAME = 24  # words: a question is searched for accord names up to this long
QUESTION_WORDS = 60


def names_tried(text: str) -> list[str]:
    """Every part of `text` that parse_reference may resolve as a treaty's name: the whole, the
    part before `Art.`/`Article`/`§` or before a comma or colon followed by articles, and each
    part before a space followed by articles ("khitomer ii 2-4")."""
    raw = text.strip()
    names = [raw]
    keyword = _KEYWORD.search(raw)
    if keyword is not None and keyword.start(1) > 0:
        names.append(raw[: keyword.start(1)].rstrip(" ,:"))
    for separator in _SEPARATOR.finditer(raw):
        head = raw[: separator.start()].strip()
        if head and parses_as_articles(raw[separator.end() :]):
            names.append(head)
            break
    names += [raw[: m.start()] for m in _SPACE.finditer(raw) if parses_as_articles(raw[m.start() :])]
    return list(dict.fromkeys(n for n in names if n))


def phrases(question: str) -> list[str]:
    """Each run of words of `question`, normalised: a name it holds is one of them (as
    treaty_named reads a name in a question, between spaces)."""
    words = normalise(question).split()[:QUESTION_WORDS]
    return list(
        dict.fromkeys(
            " ".join(words[start:end])
            for start in range(len(words))
            for end in range(start + 1, min(len(words), start + LONGEST_NAME) + 1)
        )
    )


class CanonNames:
    """The canon treaties (given by key) by normalised name and alias, built once: a reference
    that is one of them needs none of the server's accords."""

    def __init__(self, by_key: Mapping[str, Treaty]) -> None:
        self._keys = by_key  # in the canon's order
        self._names: dict[str, Treaty] = {}
        for treaty in by_key.values():
            for name in _names(treaty):
                if name:
                    self._names.setdefault(name, treaty)  # the first, as resolve_treaty's order

    def named(self, name: str) -> Treaty | None:
        """What resolve_treaty answers among the canon and any accords when `name` is a canon
        treaty's key, name or alias: its first steps are a key, then an exact name, in the order
        given, the canon first; an accord's key is always `accord-<id>`."""
        raw = name.strip()
        if not raw or len(raw) > MAX_INPUT:
            return None
        if (canon := self._keys.get(raw)) is not None:
            return canon
        return None if accord_id_of(raw) is not None else self._names.get(normalise(raw))


def _names(treaty: Treaty) -> list[str]:
    return [normalise(treaty.name), *(normalise(alias) for alias in treaty.aliases)]


def decided_plainly(name: str, among: Sequence[Treaty]) -> bool:
    """Whether resolve_treaty(name, among) answers by a key, an exact name or a unique prefix
    (its steps before a near spelling). Those answer the same among every treaty of the server
    when `among` holds each treaty of that exact name and, of those starting with it, two if
    there are two; a near spelling's best may be a name `among` does not hold."""
    raw = name.strip()
    wanted = normalise(raw)
    if not raw or not wanted:
        return False
    if any(t.key == raw or wanted in _names(t) for t in among):
        return True
    starting = {t.key for t in among if any(n.startswith(wanted) for n in _names(t))}
    return len(wanted) >= PREFIX_LETTERS and len(starting) == 1
