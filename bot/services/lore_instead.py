"""A question asking for someone other than a person it names ("who became praetor instead of
Hiren"): a sentence naming that person answers only where it sets them aside ("Shinzon
succeeded Hiren"); "Toral is the son of Duras…" is Toral himself, not who led in his place.
Read by bot/services/lore_question.py; "instead of" itself adds nothing to the words a line must
hold (bot/services/lore_wording.py `fillers`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..domain import lore_answer as rules
from ..domain.references import normalise
from .lore_names import Linked

_INSTEAD = re.compile(r"\b(?:instead of|rather than)\s+((?:[\w'’-]+\s*){1,4})", re.I)
# Words a sentence sets someone aside with, just before their name ("rather than Duras's son Toral").
_SETTING_ASIDE = re.compile(
    r"\b(?:instead of|rather than|over|not|succeed(?:ed|s)?|replac(?:ed|es|e)|oust(?:ed|s)?|"
    r"overthr(?:ew|own|ows)|depos(?:ed|es|e))\s+(?:[\w'’-]+\s+){0,3}$",
    re.I,
)


def set_aside(query: str, names: Sequence[Linked]) -> list[re.Pattern[str]]:
    """The names the question sets aside, as a sentence may write them ("instead of Hiren")."""
    found = _INSTEAD.search(query)
    if found is None:
        return []
    after = normalise(found.group(1)).split()
    return [as_written(one.words) for one in names if tuple(after[: len(one.words)]) == tuple(one.words)]


def kept(found: Sequence[rules.Statement], aside: Sequence[re.Pattern[str]]) -> list[rules.Statement]:
    """The statements that name none of `aside`, or name them first as set aside ("Damar
    succeeded Dukat …, after Dukat broke down")."""
    return [one for one in found if all(_first_aside(one.text, name) for name in aside)]


def _first_aside(sentence: str, name: re.Pattern[str]) -> bool:
    first = name.search(sentence)
    return first is None or _SETTING_ASIDE.search(sentence[: first.start()]) is not None


def as_written(words: Sequence[str]) -> re.Pattern[str]:
    """A name's words as a sentence writes them, apart or joined ("Enterprise-D")."""
    return re.compile(r"\b" + r"[\s'’-]*".join(map(re.escape, words)) + r"\b", re.I)
