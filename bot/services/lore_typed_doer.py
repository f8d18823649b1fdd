"""A who-did asked of a kind of person in words no entry holds ("which Starfleet admiral was
dirty in the Khitomer plot": no entry says "dirty"), answered by the first person of the first
results who is of that rank, by their role and their summary's first sentence, and whose entry
speaks of what the question names. A deed the lore has words for is never guessed so: "which
captain died at Wolf 359" would name a captain who did not. Read by
bot/services/lore_question.py."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..domain.lore import Kind, LoreEntry
from ..domain.lore_doers import TITLES
from ..domain.lore_query import sentences
from ..domain.references import normalise
from .lore_names import Linked
from .lore_reading import body_sentences

# Words that say what kind of person is asked for: ranks, peoples and powers, and plain nouns
# for a person, which say nothing of the kind ("which Starfleet guy…": of Starfleet).
_PLAIN = frozenset("guy guys person one man woman officer crewman crewmen member".split())  # noqa: SIM905
_KINDS = TITLES | frozenset(
    """klingon romulan human vulcan cardassian bajoran ferengi reman andorian starfleet federation
    changeling vorta borg tellarite""".split()  # noqa: SIM905
)
_WHICH = re.compile(r"^\s*(?:which|what)\s+([\w'’ -]+)", re.I)


def kind_asked(query: str) -> list[str] | None:
    """The words of the kind of person a "which…" question asks for (["starfleet", "admiral"]),
    those that say nothing of the kind left out; None when it asks no kind of person, or gives
    no rank."""
    if not (found := _WHICH.match(query)):
        return None
    words: list[str] = []
    for word in found.group(1).casefold().split():
        single = word.removesuffix("s")
        if single not in _KINDS and word not in _PLAIN and single not in _PLAIN:
            break
        words.append(word)
    kind = [w.removesuffix("s") for w in words if w not in _PLAIN and w.removesuffix("s") not in _PLAIN]
    # a rank says which one; a people or a power alone ("which Starfleet guy") is most of the lore
    return kind if len(words) <= 3 and any(w in TITLES for w in kind) else None


def typed_doer(
    query: str, names: Sequence[Linked], linked: Sequence[LoreEntry], ordered: Sequence[LoreEntry]
) -> tuple[str, LoreEntry] | None:
    """The line naming the first person of `ordered` of the kind asked who is of what the question
    names (each named entry spoken of in their entry, or linked with it), and their entry."""
    kind = kind_asked(query)
    # what is named must be a thing of its own, not a power or a people everyone is of
    named = [e for e in linked if e.kind not in {Kind.FACTION, Kind.SPECIES}]
    if kind is None or not named:
        return None
    runs = {e.key: [" ".join(run) for one in names if one.key == e.key for run in one.runs] for e in named}
    for person in ordered:
        if person.kind is not Kind.PERSON or any(person.key == e.key for e in linked):
            continue
        if not _of_kind(person, kind) or not _of_what_is_named(person, named, runs):
            continue
        return _line(person, [run for typed in runs.values() for run in typed]), person
    return None


def _of_kind(person: LoreEntry, kind: Sequence[str]) -> bool:
    said = f" {normalise(' '.join((str(person.facts.get('role') or ''), *sentences(person.summary)[:1])))} "
    return all(f" {word} " in said or f" {word}s " in said for word in kind)


def _of_what_is_named(
    person: LoreEntry, named: Sequence[LoreEntry], runs: Mapping[str, Sequence[str]]
) -> bool:
    """Whether each named entry is linked with the person, or named in their entry as typed."""
    text = f" {normalise(' '.join((str(person.facts.get('role') or ''), person.summary, person.body)))} "
    return all(
        e.key in person.related or person.key in e.related or any(f" {run} " in text for run in runs[e.key])
        for e in named
    )


def _line(person: LoreEntry, runs: Sequence[str]) -> str:
    """The person's first sentence that opens with their name and speaks of what the question
    names, else their summary's first (which says what kind of person they were)."""
    own = {w for w in normalise(person.title).split() if len(w) > 2}
    every = [*sentences(person.summary), *body_sentences(person.body)]
    for sentence in every:
        said = normalise(sentence).split()
        if said and said[0] in own and any(f" {run} " in f" {' '.join(said)} " for run in runs):
            return sentence
    return every[0] if every else person.summary
