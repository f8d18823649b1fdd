"""A why-question answered by its subject's own cause when the lore tells the deed in other words:
"why did the Remans back Shinzon" is "The Remans followed Shinzon because…". Only a sentence of
the entry the question asks about first (not "Spock's protégé"), starting with its name, naming
the other entries the question names (it must name one), every year it gives and the feeling it
asks of, and saying "because"; and only
when that entry has one such sentence (two causes of two deeds leave it unclear which was meant)
and no sentence holds most of a longer question's deed (that one tells the deed asked)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..domain import lore_answer as rules
from ..domain.lore import LoreEntry
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
TOLD = 0.75  # the share of a deed of two words or more that a sentence holding it tells


def subject_cause(
    query: str,
    found: Sequence[rules.Statement],
    names: Sequence[Linked],
    linked: Sequence[LoreEntry],
    question: Wording,
    predicate: Sequence[str],
    weights: Mapping[str, float],
) -> rules.Statement | None:
    """The one statement giving the cause of what the question's subject did, or None."""
    asked = text.words(query)
    at = {one.key: asked.index(one.words[0]) for one in names if one.words and one.words[0] in asked}
    if not at:
        return None
    first = min((one for one in names if one.key in at), key=lambda one: at[one.key])
    if re.search(rf"\b{re.escape(first.words[-1])}['’]s\b", query, re.I):
        return None  # "why did Spock's protégé turn on him": the protégé is asked of
    called = {
        e.key: [frozenset(question.mapped(text.terms(n))) for n in (e.title, *e.aliases)] for e in linked
    }
    typed = {
        one.key: [frozenset(question.mapped(text.terms(" ".join(run)))) for run in one.runs] for one in names
    }
    others = [typed[key] + called.get(key, []) for key in typed if key != first.key]  # by any of its names
    if not others:
        return None  # "why did Sulu become a captain": a cause of his names no deed of one with another
    felt = _FEELINGS.intersection(predicate)
    years = set(YEAR.findall(query))
    causes = {
        one.text: one
        for one in found
        if one.key == first.key
        and one.subject
        and not one.composed
        and years <= set(YEAR.findall(one.text))
        and all(_holds_feeling(one.words, f) for f in felt)
        and _of_the_subject(
            one, question, {c for name in typed[first.key] + called.get(first.key, []) for c in name}
        )
        and all(any(run and run <= set(one.words) for run in runs) for runs in others)
    }
    if len(causes) != 1:
        return None
    cause = next(iter(causes.values()))
    if len(predicate) > 1 and any(
        one.text != cause.text and rules.share(predicate, weights, set(one.words)) >= TOLD for one in found
    ):
        return None  # "why did the Founder agree to sign the treaty": "The Founder signed…" tells it
    return cause


def _of_the_subject(statement: rules.Statement, question: Wording, subject: set[str]) -> bool:
    """Whether the statement says "because" after a clause whose first word names its entry (a
    word of `subject`: its names' concepts)."""
    because = _BECAUSE.search(statement.text)
    if because is None:
        return False
    start = question.mapped(text.terms(_LEADING.sub("", statement.text[: because.start()])))
    return bool(start) and start[0] in subject


def _holds_feeling(words: Sequence[str], feeling: str) -> bool:
    """Whether a statement says the feeling or its opposite ("against trusting": "distrusted")."""
    return any(word in {feeling, "dis" + feeling, "mis" + feeling, "un" + feeling} for word in words)
