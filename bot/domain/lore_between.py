"""A second reading of a question that names two things, for when no statement holds its own
words: "why did the Remans back Shinzon" is answered by "The Remans followed Shinzon because he
had grown up a slave beside them…", which words the deed otherwise. Read by
bot/domain/lore_answer.py (pure: no I/O).

The first reading wants the question's deed in the statement; players paraphrase deeds far more
than names ("back", "loyal to", "take over", "sign up with"), so a statement of a named entry that
names every entry the question names (two at least, each a name few entries hold: not a great
power, which is named everywhere), opens on one of them, tells no killing or destruction (a deed
of its own) and carries the fact asked says what was asked of them. For "why", only a sentence
that says "because", of a question whose deed is one word (bot/services/lore_question.py reads
no question loosely whose deed's words the answers know: "kill" is said as murdered or slew).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .lore_facts import Asked

LOOSE_ASKED = frozenset({Asked.TIME, Asked.PLACE, Asked.REASON})
# A name counts when its rarest word weighs at least this (bm25's idf: held by fewer than about one
# entry in five); "Klingon", "Federation", "Dominion" or "Enterprise" alone do not.
RARE_NAME = 1.5
_YEAR = re.compile(r"[12][0-9]{3}s?")
_BECAUSE = re.compile(r"\bbecause\b", re.I)
# A killing, a death or a destruction is the deed a sentence tells, never another's paraphrase:
# "Dukat killed Jadzia because…" says nothing of why he hated her. Our own short list.
_GRAVE = re.compile(
    r"\b(?:kill|killed|kills|killing|murder|murdered|slew|slain|assassinated|executed|died|dead|death"
    r"|destroy|destroyed|destruction)\b",
    re.I,
)


def between_named(
    asked: Asked,
    text: str,
    words: Sequence[str],
    subjects: Sequence[frozenset[str]],
    predicate: Sequence[str],
    weights: Mapping[str, float],
) -> bool:
    """Whether a named entry's own statement (`text`, its analysed `words`) may answer without
    the question's deed: it holds every name the question gives (`subjects`, two or more rare
    ones), opens on one of them, and holds the years the question gives (`predicate`: its other
    concepts). The fact asked is checked after, as for any statement."""
    if asked not in LOOSE_ASKED or len(subjects) < 2:
        return False
    held = set(words)
    rare = [one for one in subjects if one and max(weights.get(c, 1.0) for c in one) >= RARE_NAME]
    if len(rare) < 2 or not all(one <= held for one in subjects):
        return False
    if not any(one and one <= set(words[: len(one) + 1]) for one in subjects):
        return False  # "Romulan warbirds destroyed the Enterprise-C…": what was done to it
    if _GRAVE.search(re.split(r"\bbecause\b|[,;:]", text, maxsplit=1)[0]):
        return False  # the deed it tells, before its cause or its first clause ends
    deeds = [c for c in predicate if not _YEAR.fullmatch(c)]
    if not all(c in held for c in predicate if _YEAR.fullmatch(c)):
        return False  # "why did the Borg come to Earth in 2373": not their visit of 2367
    return asked is not Asked.REASON or (len(deeds) <= 1 and _BECAUSE.search(text) is not None)
