"""A why-question answered by its subject's own cause when the lore tells the deed in other words:
"why did the Remans back Shinzon" is "The Remans followed Shinzon because…". The sentence, of an
entry the question names, must start with a name of the entry the question asks about first (not
"Spock's protégé", nor "the Klingons and the Romulans") and say "because" after a clause that
names the other entries the question names (it must name one) and tells a deed of the kind asked
(bot/domain/lore_deed_kinds.py: "Worf killed Gowron because…" is no cause of siding with him) or
holds the feeling asked of; it must hold every year the question gives. The subject's own entry is
read first, then the others ("Garak killed Vreenak because…" is in Vreenak's); only one sentence
may do all this (two causes of two deeds leave it unclear which was meant), and no other sentence
may give a cause of most of a longer question's deed (that one tells the deed asked).

Also here: who a why-question asks about (`named_in`), and which statements may answer it at all
(`of_the_deed`)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..domain import lore_answer as rules
from ..domain.lore import LoreEntry
from ..domain.lore_deed_kinds import DEED_KINDS
from ..domain.lore_query import YEAR
from . import lore_text as text
from .lore_names import Linked
from .lore_wording import Wording

_BECAUSE = re.compile(r"\s+because\s+", re.I)
# what may come before the subject: "In fan lore, Colius sought…"
_LEADING = re.compile(r"^\s*(?:in|by|at|during|after|later)\b[^,]{0,40},\s*", re.I)
# A feeling asked of ("why did Dukat hate Jadzia") has a cause of its own: a deed's is no answer.
_FEELINGS = frozenset(
    text.stem(w)
    for w in "hate hated love loved fear feared like liked resent envy admire respect trust".split()  # noqa: SIM905
)
_PASSIVE = re.compile(r"^(?:\S+\s+){0,6}?(?:was|were|had been|has been)\s", re.I)  # within its first words
_KIND_STEMS = {kind: [text.stem(w) for w in words] for kind, words in DEED_KINDS.items()}  # stemmed once
TOLD = 0.75  # the share of a deed of two words or more that a sentence holding it tells

Names = list[frozenset[str]]  # an entry's names, each as its concepts


@dataclass(frozen=True, slots=True)
class Named:
    """The entry a why-question asks about first, and the others it names."""

    key: str
    subject: set[str]  # the concepts of its names
    others: list[Names]  # each other entry by all its names (as typed, its title and aliases)
    years: set[str]  # the years the question gives


def named_in(
    query: str, names: Sequence[Linked], linked: Sequence[LoreEntry], question: Wording
) -> Named | None:
    """Who the question asks about, or None when it names no one, names the first as another's
    ("Spock's protégé") or with another ("the Klingons and the Romulans": both are the subject)."""
    asked = text.words(query)
    at = {one.key: asked.index(one.words[0]) for one in names if one.words and one.words[0] in asked}
    if not at:
        return None
    first = min((one for one in names if one.key in at), key=lambda one: at[one.key])
    if re.search(rf"\b{re.escape(first.words[-1])}(?:['’]s\b|\s+and\b)", query, re.I):
        return None  # "why did Spock's protégé turn on him": the protégé is asked of
    called = {
        e.key: [frozenset(question.mapped(text.terms(n))) for n in (e.title, *e.aliases)] for e in linked
    }
    typed = {
        one.key: [frozenset(question.mapped(text.terms(" ".join(r)))) for r in one.runs] for one in names
    }
    others = [typed[key] + called.get(key, []) for key in typed if key != first.key]
    subject = {c for name in typed[first.key] + called.get(first.key, []) for c in name}
    return Named(first.key, subject, others, set(YEAR.findall(query)))


def subject_cause(
    named: Named | None,
    found: Sequence[rules.Statement],
    question: Wording,
    predicate: Sequence[str],
    weights: Mapping[str, float],
    met: Collection[str] = (),
) -> rules.Statement | None:
    """The one statement giving the cause of what the question's subject did, or None; told in
    the entries the question names, or in those of `met` (where they meet)."""
    if named is None or not named.others:
        return None  # "why did Sulu become a captain": a cause of his names no deed of one with another
    felt = {f for f in _FEELINGS for p in predicate if p in _either_way(f)}
    told = [
        one
        for one in found
        if (one.subject or one.key in met)
        and not one.composed
        and named.years <= set(YEAR.findall(one.text))
        and _tells(one, question, named, predicate, felt)
    ]
    # the subject's own entry first, then another the question names ("Garak killed Vreenak
    # because…" is Vreenak's)
    own = {one.text: one for one in told if one.key == named.key}
    causes = own or {one.text: one for one in told}
    if len(causes) != 1:
        return None
    cause = next(iter(causes.values()))
    deed = set(_opening(cause.text, question))
    if len(predicate) > 1 and any(
        one.text != cause.text
        and rules.share(predicate, weights, set(one.words)) >= TOLD
        and not deed <= set(one.words)  # the same deed told again ("Garak killed Vreenak … shuttle")
        and _BECAUSE.search(one.text)  # with a cause of its own
        for one in found
    ):
        return None  # "why did the Founder agree to sign the treaty": "The Founder signed… because…"
    return cause


def of_the_deed(
    named: Named | None, found: Sequence[rules.Statement], question: Wording
) -> list[rules.Statement]:
    """The statements that may give the cause of the deed asked: not one whose doer is another
    the question names, acting on its subject ("what made the Romulans back the Duras family": not
    "The House of Duras backed the Romulans because…")."""
    if named is None:
        return list(found)
    return [one for one in found if one.composed or not _done_by_another(one, question, named)]


def _done_by_another(statement: rules.Statement, question: Wording, named: Named) -> bool:
    """Whether the statement starts with another the question names, doing something to its subject
    (not "The Enterprise was destroyed when Kirk…": a passive's subject is what was done to)."""
    opening = _LEADING.sub("", statement.text)
    start = question.mapped(text.terms(opening))[:1]
    by_other = (
        bool(start) and start[0] not in named.subject and any(start[0] in n for o in named.others for n in o)
    )
    return by_other and bool(named.subject & set(statement.words)) and not _PASSIVE.search(opening)


def _tells(
    statement: rules.Statement, question: Wording, named: Named, predicate: Sequence[str], felt: set[str]
) -> bool:
    """Whether the statement says "because" after a clause that starts with the subject (a concept
    of its names), names the others ("Dukat killed Jadzia because…" is no cause of fighting
    Sisko, named only in the cause) and tells a deed of the kind asked, or the feeling asked of."""
    start = _opening(statement.text, question)
    head = set(start)
    if (
        not start
        or not (start[0] in named.subject or _beside(statement.text, start, named))
        or not all(any(n and n <= head for n in o) for o in named.others)
    ):
        return False
    if felt:
        return all(_holds_feeling(statement.words, f) for f in felt)
    return _one_kind(predicate, head, question)


def _beside(sentence: str, start: Sequence[str], named: Named) -> bool:
    """Whether the subject is the second of two doers the sentence opens with ("Sela and the
    Romulans secretly supplied…")."""
    return len(start) > 1 and start[1] in named.subject and _PAIRED.match(sentence) is not None


_PAIRED = re.compile(r"^\s*[\w'’-]+(?:\s+[\w'’-]+)?\s+and\s", re.I)


def _opening(sentence: str, question: Wording) -> list[str]:
    """The concepts of what a sentence says before "because" (none without it)."""
    because = _BECAUSE.search(sentence)
    return question.mapped(text.terms(_LEADING.sub("", sentence[: because.start()]))) if because else []


def _one_kind(predicate: Sequence[str], head: set[str], question: Wording) -> bool:
    """Whether the deed asked and the deed told are of one kind (bot/domain/lore_deed_kinds.py)."""
    return bool(_kinds(predicate, question) & _kinds(head, question))


def _kinds(concepts: Iterable[str], question: Wording) -> set[str]:
    """The kinds of deed (bot/domain/lore_deed_kinds.py) the concepts say."""
    said = set(concepts)
    return {kind for kind, stems in _KIND_STEMS.items() if said & set(question.mapped(stems))}


def _holds_feeling(words: Sequence[str], feeling: str) -> bool:
    """Whether a statement says the feeling or its opposite ("against trusting": "distrusted")."""
    return any(word in _either_way(feeling) for word in words)


def _either_way(feeling: str) -> set[str]:
    """A feeling's stem and its opposites' ("trust", "distrust", "mistrust", "untrust")."""
    return {feeling, "dis" + feeling, "mis" + feeling, "un" + feeling}
